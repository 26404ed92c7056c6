/**
 * `npm run audit:verify`: recomputes the SHA-256 chain of the desk's audit log (DATABASE_PATH, or `--db <file>`) and
 * reports the first row that was edited, removed or re-linked. Exit codes: 0 intact, 1 broken or failed, 2 usage.
 */
import { existsSync } from 'node:fs';
import { EnvError, loadEnv } from '../../lib/env';
import { openDatabase } from '../../lib/db';
import { verifyAuditChain } from '../../lib/audit/verify';

function databasePath(args: string[]): string | undefined {
  const at = args.indexOf('--db');
  if (at === -1) return loadEnv().DATABASE_PATH;
  return args[at + 1];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let path: string | undefined;
  try {
    path = databasePath(args);
  } catch (error) {
    process.stderr.write(`${error instanceof EnvError ? error.message : String(error)}\n`);
    return 1;
  }
  if (!path) {
    process.stderr.write('usage: audit-verify [--db <desk.sqlite>]\n');
    return 2;
  }
  if (!existsSync(path)) {
    process.stderr.write(`No desk database at ${path}\n`);
    return 1;
  }
  const db = openDatabase(path);
  try {
    const report = await verifyAuditChain(db);
    if (report.ok) {
      process.stdout.write(`Audit chain intact: ${report.rows} rows verified (${path}).\n`);
      return 0;
    }
    process.stdout.write(`Audit chain BROKEN at row ${report.firstBroken?.seq}: ${report.firstBroken?.reason}. Rows from there on cannot be trusted (${report.rows} rows in ${path}).\n`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
