/**
 * `npm run audit:verify`: recomputes the SHA-256 chain of the desk's audit log (DATABASE_URL, else DATABASE_PATH,
 * or `--db <file or postgres:// URL>`) and reports the first row that was edited, removed or re-linked.
 * Exit codes: 0 intact, 1 broken or failed, 2 usage.
 */
import { existsSync } from 'node:fs';
import { EnvError, loadEnv } from '../../lib/env';
import { databaseLocation, isPostgresUrl, openDeskDatabase } from '../../lib/db';
import { verifyAuditChain } from '../../lib/audit/verify';

function databaseArgument(args: string[]): string | undefined {
  const at = args.indexOf('--db');
  if (at === -1) return databaseLocation(loadEnv());
  return args[at + 1];
}

/** The location as shown to a person: a URL without its password. */
function shown(location: string): string {
  if (!isPostgresUrl(location)) return location;
  const url = new URL(location);
  if (url.password) url.password = '***';
  return url.toString();
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let location: string | undefined;
  try {
    location = databaseArgument(args);
  } catch (error) {
    process.stderr.write(`${error instanceof EnvError ? error.message : String(error)}\n`);
    return 1;
  }
  if (!location) {
    process.stderr.write('usage: audit-verify [--db <desk.sqlite | postgres://…>]\n');
    return 2;
  }
  if (!isPostgresUrl(location) && !existsSync(location)) {
    process.stderr.write(`No desk database at ${location}\n`);
    return 1;
  }
  const db = openDeskDatabase(location);
  try {
    const report = await verifyAuditChain(db);
    if (report.ok) {
      process.stdout.write(`Audit chain intact: ${report.rows} rows verified (${shown(location)}).\n`);
      return 0;
    }
    process.stdout.write(`Audit chain BROKEN at row ${report.firstBroken?.seq}: ${report.firstBroken?.reason}. Rows from there on cannot be trusted (${report.rows} rows in ${shown(location)}).\n`);
    return 1;
  } catch (error) {
    process.stderr.write(`Could not read the audit log at ${shown(location)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
