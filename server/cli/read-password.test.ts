import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { CliError, readPassword } from './read-password';

function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  const tty = Object.assign(stdin, { setRawMode: (raw: boolean) => stdin.rawModes.push(raw) });
  const stderr = new PassThrough();
  let shown = '';
  stderr.on('data', (d) => (shown += d));
  return { stdin: tty, stderr, shown: () => shown };
}

/** Types each chunk once the previous prompt has been written. */
async function type(t: ReturnType<typeof terminal>, chunks: string[], promise: Promise<string>) {
  for (const chunk of chunks) {
    await new Promise((resolve) => setImmediate(resolve));
    t.stdin.write(chunk);
  }
  return promise;
}

describe('readPassword', () => {
  it('on a terminal asks twice in raw mode without echo, honouring backspace', async () => {
    const t = terminal();
    const result = await type(t, ['secret-x\u007fy\r', 'secret-y\r'], readPassword('Password for al: ', t));
    assert.equal(result, 'secret-y');
    assert.equal(t.shown(), 'Password for al: \nRepeat password: \n');
    assert.deepEqual(t.stdin.rawModes, [true, false, true, false], 'raw mode is always switched back off');
  });

  it('refuses when the two entries differ, and exits 130 on Ctrl-C', async () => {
    const differ = terminal();
    await assert.rejects(type(differ, ['one-password\r', 'two-password\r'], readPassword('P: ', differ)), /differ/);
    const cancel = terminal();
    await assert.rejects(type(cancel, ['abc\u0003'], readPassword('P: ', cancel)), (e: unknown) => e instanceof CliError && e.exitCode === 130);
    assert.deepEqual(cancel.stdin.rawModes, [true, false]);
  });

  it('takes the first line of piped stdin, and refuses an empty one', async () => {
    const piped = new PassThrough();
    const stderr = new PassThrough();
    piped.end('from-a-pipe\nsecond\n');
    assert.equal(await readPassword('P: ', { stdin: piped, stderr }), 'from-a-pipe');
    const empty = new PassThrough();
    empty.end('');
    await assert.rejects(readPassword('P: ', { stdin: empty, stderr }), /No password on stdin/);
  });
});
