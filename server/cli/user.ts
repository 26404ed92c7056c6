/**
 * Member administration from the shell: `npm run user -- <command>` (see USAGE).
 * Exit codes: 0 done, 1 refused or failed (message on stderr), 2 usage error.
 */
import { EnvError, loadEnv } from '../../lib/env';
import { databaseLocation, openDeskDatabase } from '../../lib/db';
import { AppError } from '../../lib/errors';
import { CliError, readPassword } from './read-password';
import { runUserCommand } from './user-commands';

async function main(): Promise<number> {
  let db;
  try {
    const env = loadEnv();
    db = openDeskDatabase(databaseLocation(env));
    await runUserCommand(db, process.argv.slice(2), {
      out: (line) => process.stdout.write(`${line}\n`),
      readPassword: (prompt) => readPassword(prompt, { stdin: process.stdin, stderr: process.stderr }),
    });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof EnvError || error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}

process.exitCode = await main();
