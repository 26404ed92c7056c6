import type { DeskDb, OpenDatabaseOptions } from '../database';
import { createPgClient } from './client';
import { createPostgresMembers } from './members';
import { createPostgresAudit } from './audit';
import { createPostgresDeskOrders } from './desk-orders';
import { createPostgresSharedState } from './shared-state';
import { createPostgresSecondFactor, createPostgresSessions } from './member-security';
import { createPostgresMemberSettings } from './member-settings';
import { createPostgresDeskSettings, createPostgresFavourites, createPostgresLimits } from './settings';
import { createPostgresApprovals } from './approvals';

/**
 * The desk's storage on PostgreSQL (DATABASE_URL), for several desk instances sharing one database. Returns at
 * once; the pool connects and migrates on first use (or on `ready()`), so callers keep the synchronous
 * `getSharedDatabase` they have with SQLite.
 */
export function openPostgresDatabase(url: string, options: OpenDatabaseOptions = {}): DeskDb {
  const client = createPgClient(url, { poolSize: options.poolSize });
  return {
    kind: 'postgres',
    members: createPostgresMembers(client, options.now),
    limits: createPostgresLimits(client, options.now),
    deskSettings: createPostgresDeskSettings(client, options.now),
    deskOrders: createPostgresDeskOrders(client, options.now),
    audit: createPostgresAudit(client, options.now),
    favourites: createPostgresFavourites(client, options.now),
    shared: createPostgresSharedState(client),
    approvals: createPostgresApprovals(client, options.now),
    sessions: createPostgresSessions(client, options.now),
    secondFactor: createPostgresSecondFactor(client, options.now),
    memberSettings: createPostgresMemberSettings(client, options.now),
    ready: client.ready,
    close: () => client.end(),
  };
}
