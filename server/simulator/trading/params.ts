import { invalid } from './order-request';

export type Params = Record<string, unknown>;

/** Sets `path` (from a bracket name like `orders[0][close][price]`) inside `target`. */
function setPath(target: Params, name: string, value: string): void {
  const parts = name.replace(/\]/g, '').split('[');
  let node: Record<string, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] ?? '';
    const child = node[key];
    if (typeof child !== 'object' || child === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? ''] = value;
}

/** Objects keyed 0..n-1 (from bracket names) become arrays. */
function arrayify(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(arrayify);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = arrayify(obj[k]);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => out[k]);
  return out;
}

/** Parses a private request body (form-encoded with bracket names, or JSON) into plain parameters. */
export function parseBody(rawBody: string, json: boolean): Params {
  if (json) {
    let parsed: unknown;
    try {
      parsed = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
    } catch {
      throw invalid('body');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('body');
    return parsed as Params;
  }
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(rawBody)) {
    if (k.includes('[')) setPath(out, k, v);
    else out[k] = v;
  }
  return arrayify(out) as Params;
}

/** The scalar parameters as text (JSON numbers/booleans become their text). */
export function flatStrings(p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out[k] = String(v);
  }
  return out;
}

/** A list parameter given as comma text, JSON array or bracket array. */
export function listParam(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (typeof v === 'number') return [String(v)];
  return [];
}
