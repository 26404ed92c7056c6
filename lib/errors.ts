/**
 * An error whose message is safe to show a person. Route handlers and server actions throw it;
 * `withMember` turns it into `{ error: { code, message } }` with `status`. Anything that is not an
 * AppError is treated as unexpected: logged on the server and answered with a generic 500.
 */
export class AppError extends Error {
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
