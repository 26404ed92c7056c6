/** Advisory lock keys (per database): one namespace for the desk, one key per thing that must be serialised. */
export const LOCK_NAMESPACE = 0x4b44; // "KD"
export const LOCK_MIGRATIONS = 1;
// 2 was the audit chain's lock: appends now rely on audit_log's primary key (lib/db/postgres/audit.ts)
/** Named locks (lib/db/postgres/shared-state.ts) use their own namespace, keyed by hashtext(name). */
export const LOCK_NAMED_NAMESPACE = 0x4b45; // 'KE'

/** Postgres error codes the repositories translate into the desk's own errors. */
export const UNIQUE_VIOLATION = '23505';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
