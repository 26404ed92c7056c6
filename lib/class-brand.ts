/**
 * `instanceof` that holds across copies of one module. Next compiles server code into several bundles (pages,
 * route handlers, server actions, the proxy, instrumentation.ts) and the custom server loads the sources once
 * more through tsx, so one class can exist several times in a process. The desk's services are built once per
 * process (lib/desk-services.ts) by one of those copies, and their errors are caught by code of another copy:
 * with plain `instanceof` a KrakenError thrown by the shared Kraken client was not a KrakenError to the order
 * routes. A class opts in with a `static readonly [CLASS_BRAND]` name (unique in the project) and
 * `static [Symbol.hasInstance](v) { return isBrandedInstance(this, v); }`; a value then matches when its
 * prototype chain holds that class or any copy of it. Subclasses inherit the check and match by their own
 * brand when they declare one, else by prototype identity only (never by the parent's brand).
 */
export const CLASS_BRAND: unique symbol = Symbol.for('kraken-desk.class-brand');

type Branded = { [CLASS_BRAND]?: string };

function ownBrand(ctor: unknown): string | undefined {
  if (typeof ctor !== 'function' || !Object.hasOwn(ctor, CLASS_BRAND)) return undefined;
  return (ctor as Branded)[CLASS_BRAND];
}

export function isBrandedInstance(cls: abstract new (...args: never[]) => unknown, value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const brand = ownBrand(cls);
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && proto !== undefined; proto = Object.getPrototypeOf(proto)) {
    if (proto === cls.prototype) return true;
    if (brand !== undefined && ownBrand((proto as { constructor?: unknown }).constructor) === brand) return true;
  }
  return false;
}
