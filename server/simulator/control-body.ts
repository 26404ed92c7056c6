/** Body parsing and the error type shared by the /control route tables. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { BodyTooLargeError, readBody } from './http';

export class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function jsonBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    throw new ControlError(413, error instanceof BodyTooLargeError ? error.message : 'could not read body');
  }
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ControlError(400, 'body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ControlError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

