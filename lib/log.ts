/**
 * The one logger of every server-side process (the desk, its Next routes, the built-in exchange): pino, with
 * secrets redacted before a line is written. Two layers, because a secret can arrive two ways:
 * - by field name: any field named like a password, secret, token, cookie, Authorization, API-Key or API-Sign
 *   header, at any depth of a logged object (headers included), is replaced by `[Redacted]`;
 * - by value: secrets the process knows (registered at start by lib/env.ts, see lib/log-secrets.ts) are cut
 *   out of every finished line wherever they appear: an error message, a stack, a URL.
 *
 * `LOG_FORMAT=text` writes `HH:MM:SS LEVEL message key=value` for a person at a terminal (the default when
 * stdout is a TTY, e.g. `npm run demo`); `json` writes pino's one JSON object per line for a log collector.
 * Browser code never imports this module (its errors stay in the browser's console).
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { registeredSecrets } from './log-secrets';

export type { Logger } from 'pino';
export { registerSecret } from './log-secrets';

/**
 * Field names whose values never reach a log line, at any depth of a logged object: passwords, secrets,
 * tokens, cookies, Authorization, Kraken's API-Key / API-Sign headers and signatures, one-time codes.
 */
export const SECRET_FIELD = /passw(or)?d|passphrase|secret|token|cookie|authori[sz]ation|api[-_]?key|api[-_]?sign|signature|^(otp|totp|nonce_?sig)$/i;

export const REDACTED = '[Redacted]';
const MAX_DEPTH = 6;

/** A copy of `value` with every secret field replaced; Errors and class instances are left to the value scrub. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_FIELD.test(key) ? REDACTED : redactFields(v, depth + 1);
  return out;
}

function scrub(line: string): string {
  let out = line;
  for (const secret of registeredSecrets()) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // JSON escapes `"` and `\`; a secret holding them appears escaped in a JSON line
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
  }
  return out;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OWN_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name']);

/** One JSON line from pino, as a person reads it: time, level, message, then the remaining fields. */
export function textLine(json: string): string {
  const entry = JSON.parse(json) as Record<string, unknown>;
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toISOString().slice(11, 19);
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const name = typeof entry.name === 'string' ? ` [${entry.name}]` : '';
  const extra = Object.entries(entry)
    .filter(([key]) => !OWN_KEYS.has(key))
    .map(([key, value]) => {
      if (key === 'err' && value && typeof value === 'object') {
        const err = value as { message?: string; stack?: string };
        return `\n${err.stack ?? err.message ?? JSON.stringify(value)}`;
      }
      return ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join('');
  return `${time} ${level}${name} ${String(entry.msg ?? '')}${extra}\n`;
}

export type LogFormat = 'json' | 'text';

export interface LoggerOptions {
  name?: string;
  level?: string;
  format?: LogFormat;
  /** Where finished lines go (default stdout); tests pass a collector. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? defaultFormat();
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const destination: DestinationStream = {
    write: (line: string) => {
      const clean = scrub(line);
      write(format === 'text' ? scrub(textLine(clean)) : clean);
    },
  };
  return pino(
    {
      name: options.name,
      level: options.level ?? defaultLevel(),
      base: undefined,
      formatters: { log: (object) => redactFields(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

function defaultLevel(): string {
  const wanted = process.env.LOG_LEVEL;
  return wanted && Object.values(LEVELS).includes(wanted.toUpperCase()) ? wanted.toLowerCase() : 'info';
}

function defaultFormat(): LogFormat {
  const wanted = process.env.LOG_FORMAT;
  if (wanted === 'json' || wanted === 'text') return wanted;
  return process.stdout.isTTY ? 'text' : 'json';
}

/** The process's logger; modules take a child (`log.child({ name: 'hub' })`) rather than making their own. */
export const log: Logger = createLogger();

/** The message of anything thrown, for a log field (the stack goes in `err` when it helps). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
