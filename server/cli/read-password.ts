import type { Readable, Writable } from 'node:stream';

/**
 * Reads a password for the member CLI. On a terminal it prompts on stderr with echo off (raw
 * mode, so the password never appears on screen or in scrollback) and asks twice; when stdin is
 * piped (`echo pw | npm run user -- passwd alice`) it takes the first line.
 */
export async function readPassword(
  prompt: string,
  io: { stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }; stderr: Writable },
): Promise<string> {
  if (!io.stdin.isTTY || !io.stdin.setRawMode) return firstLine(io.stdin);
  const first = await promptHidden(prompt, io);
  const again = await promptHidden('Repeat password: ', io);
  if (first !== again) throw new CliError('The two passwords differ; nothing was changed.');
  return first;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

async function firstLine(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new CliError('No password on stdin: pipe it in as the first line.');
  return line;
}

function promptHidden(
  prompt: string,
  { stdin, stderr }: { stdin: Readable & { setRawMode?: (raw: boolean) => unknown }; stderr: Writable },
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.resume();
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer | string) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CliError('Cancelled.', 130));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}
