/**
 * Counts the statements this process sends to PostgreSQL (every pool, every connection: pg's Client.query), so
 * tests and the order-path bench can state round trips as a number. Test and bench support only.
 */
import pg from 'pg';

export interface StatementLog {
  /** the statements sent since the last take (whitespace folded), and starts a new list */
  take(): string[];
  restore(): void;
}

export function logStatements(): StatementLog {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let seen: string[] = [];
  proto.query = function logged(this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
    if (text !== undefined) seen.push(text.replace(/\s+/g, ' ').trim());
    return original.apply(this, args);
  };
  return {
    take: () => {
      const taken = seen;
      seen = [];
      return taken;
    },
    restore: () => {
      proto.query = original;
    },
  };
}
