/**
 * Small seeded pseudo-random generators for the synthetic market. Every stream is derived from
 * (EXCHANGE_SEED, a label) so one pair's activity never shifts another pair's random numbers.
 */

/** A deterministic stream of numbers in [0, 1) plus a few distributions the market needs. */
export interface Rng {
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  /** standard normal (Box–Muller) */
  normal(): number;
  /** exponential with the given mean */
  exponential(mean: number): number;
  /** true with probability p */
  chance(p: number): boolean;
}

/** 32-bit FNV-1a of a label, mixed with the seed, so streams with different labels are unrelated. */
export function streamSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for synthetic market noise (not for anything secret). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller yields two normals per pair of uniforms; keep the second for the next call
  let spare: number | undefined;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const radius = Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12)));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    chance: (p) => next() < p,
  };
}

/** Shorthand for a labelled stream of one seed. */
export function rngFor(seed: number, label: string): Rng {
  return createRng(streamSeed(seed, label));
}
