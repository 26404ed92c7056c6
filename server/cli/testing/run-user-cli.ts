import { spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run user` (server/cli/user.ts) as a child process in demo mode, with `env` over this process's
 * environment (a key set to undefined is removed) and `stdin` piped in, as a person's shell would.
 */
export function runUserCli(args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, DESK_MODE: 'demo', NODE_ENV: 'test', ...env };
    for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', ...args], { env: childEnv, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
