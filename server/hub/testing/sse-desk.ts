import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRefusal } from '../../../lib/audit/events';
import { openDatabase } from '../../../lib/db';
import { runUserCommand } from '../../cli/user-commands';
import { startExchange } from '../../simulator/exchange';
import { createHub, type Hub } from '../hub';
import { createKrakenUpstream } from '../kraken-upstream';
import { createSseFeed, type SseFeed, type SseFeedOptions } from '../sse-transport';
import { serveFeed } from './sse-http';

export const ORIGIN = 'http://127.0.0.1:3000';

/**
 * The SSE feed as the desk runs it, on loopback: the built-in exchange, a real hub on its public feed,
 * members in a real SQLite file (alice and bob, traders) whose rows the member watch rereads. The test
 * "cookie" `member=<name>` names the member; authentication reads the row as the desk's does.
 */
export async function startSseDesk(options: Partial<Pick<SseFeedOptions, 'maxStreamSeconds' | 'heartbeatMs'>> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'desk-sse-'));
  const db = openDatabase(join(dir, 'desk.db'));
  const cli = (...args: string[]) => runUserCommand(db, args, { out: () => undefined, readPassword: async () => 'a-new-long-password-42' });
  for (const name of ['alice', 'bob']) await cli('add', name, '--role', 'trader');
  const exchange = await startExchange();
  const hub: Hub = createHub({ upstream: createKrakenUpstream({ url: exchange.wsUrl }), lingerMs: 200 });
  const feed: SseFeed = createSseFeed({
    hub,
    authenticate: async (cookie) => {
      const name = /member=(\w+)/.exec(cookie ?? '')?.[1];
      const m = name ? await db.members.findByUsername(name) : undefined;
      return m && !m.disabled ? { memberId: m.id, username: m.username, role: m.role, sessionVersion: m.sessionVersion } : null;
    },
    isAllowedOrigin: (origin) => origin === ORIGIN,
    members: {
      lookup: async (id) => {
        const m = await db.members.findById(id);
        return m ? { role: m.role, disabled: m.disabled, sessionVersion: m.sessionVersion } : null;
      },
      intervalMs: 200,
      sessionGraceMs: 300,
    },
    // as the desk wires it (server/desk-services.ts)
    onRefused: (member, reason, detail) => void auditRefusal(db.audit, { id: member.memberId, username: member.username }, 'feed.post', reason, detail),
    ...options,
  });
  const http = await serveFeed(feed);
  return {
    url: `${http.base}/api/feed`,
    base: http.base,
    db,
    exchange,
    hub,
    feed,
    cli,
    async close() {
      await feed.close();
      await http.close();
      await hub.close();
      await exchange.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
