import { CLASS_BRAND, isBrandedInstance } from './class-brand';

/**
 * An error whose message is safe to show a person. Route handlers and server actions throw it;
 * `withMember` turns it into `{ error: { code, message } }` with `status`. Anything that is not an
 * AppError is treated as unexpected: logged on the server and answered with a generic 500.
 * `instanceof AppError` holds for AppErrors of every bundle's copy of this module (lib/class-brand.ts).
 */
export class AppError extends Error {
  static readonly [CLASS_BRAND]: string = 'kraken-desk:AppError';
  static [Symbol.hasInstance](value: unknown): boolean {
    return isBrandedInstance(this, value);
  }

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
