/**
 * The one logger of every server-side process (the desk, its Next routes, the built-in exchange): pino, with
 * secrets redacted before a line is written. Two layers, because a secret can arrive two ways:
 * - by field name: any `password`, `secret`, `token`, `cookie`, `authorization`, `API-Key`, `API-Sign` … field,
 *   at the top of a log object, one or two levels down, or in `headers`, is replaced by `[Redacted]`;
 * - by value: secrets the process knows are registered
 *   with `registerSecret` (the Kraken key and secret, the session password and database URLs are read from the
 *   environment by themselves) and cut out of every finished line, wherever they appear (an error message, a URL).
 *
 * `LOG_FORMAT=text` writes `HH:MM:SS LEVEL message key=value` for a person at a terminal (the default when
 * stdout is a TTY, e.g. `npm run demo`); `json` writes pino's one JSON object per line for a log collector.
 * Browser code never imports this module (its errors stay in the browser's console).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const SECRET_FIELDS = [
  'password', 'newPassword', 'currentPassword', 'secret', 'apiSecret', 'token', 'wsToken', 'accessToken',
  'refreshToken', 'sessionPassword', 'otp', 'totp', 'cookie', 'cookies', 'set-cookie', 'authorization',
  'api-key', 'api-sign', 'API-Key', 'API-Sign', 'apiKey', 'signature', 'KRAKEN_API_KEY', 'KRAKEN_API_SECRET',
  'SESSION_PASSWORD', 'DATABASE_URL',
];

function field(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`;
}

/** pino's redaction paths for every secret field name: top level, one and two levels down, and in headers. */
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((name) => {
  const f = field(name);
  return [f.slice(f.startsWith('.') ? 1 : 0), `*${f}`, `*.*${f}`, `headers${f}`, `*.headers${f}`];
});

export const REDACTED = '[Redacted]';
const secrets = new Set<string>();
/** Secrets every process may hold in its environment; read at each line, since the demo sets some after start. */
const ENV_SECRETS = ['KRAKEN_API_KEY', 'KRAKEN_API_SECRET', 'SESSION_PASSWORD', 'DATABASE_URL', 'TEST_DATABASE_URL'];

/** Cuts this value out of every line any logger writes from now on (short values would cut ordinary words). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

function scrub(line: string): string {
  let out = line;
  const known = new Set(secrets);
  for (const name of ENV_SECRETS) {
    const value = process.env[name];
    if (value && value.length >= 8) known.add(value);
  }
  for (const secret of known) {
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
      redact: { paths: REDACT_PATHS, censor: REDACTED },
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
