import { hasKrakenKey, type Env } from '../lib/env';
import { getSharedDatabase, closeSharedDatabases, type DeskDb } from '../lib/db';
import { seedDemoMembers, DEMO_PASSWORD } from '../lib/auth/demo-members';
import { getDummyPasswordHash } from '../lib/auth/password';
import { resolveSessionPassword, sessionLimitsOf } from '../lib/session';
import { feedSessions } from './hub/member-sessions';
import { createOriginPolicy } from '../lib/origin';
import { createHub, type Hub } from './hub/hub';
import { createKrakenUpstream } from './hub/kraken-upstream';
import { createWsUpgradeHandler } from './hub/ws-transport';
import { createSseFeed } from './hub/sse-transport';
import { registerDeskServices, type FeedStreamHandler, type HubAccess } from '../lib/desk-services';
import { createKrakenClient, type KrakenClient } from '../lib/kraken/rest';
import type { UpgradeHandler } from './http-routing';
import { startPrivatePathLoops } from '../lib/orders/startup';
import { auditRefusal } from '../lib/audit/events';

export interface DeskServices {
  db: DeskDb;
  kraken: KrakenClient;
  hub: Hub;
  sessionPassword: string;
  /** handles `/ws` upgrades */
  upgrade: UpgradeHandler;
  close(): Promise<void>;
}

/**
 * Everything the desk runs beside Next in this process: the member database, the session password and
 * the feed hub. Started before `next.prepare()` so a bad configuration fails fast, and registered on
 * globalThis so Next's bundled server code reaches the same instances.
 */
export async function startDeskServices(env: Env): Promise<DeskServices> {
  const sessionPassword = resolveSessionPassword(env);
  // Next-side code reads configuration through loadEnv(); a generated demo password must reach it too.
  process.env.SESSION_PASSWORD = sessionPassword;
  const db = getSharedDatabase(env);
  // PostgreSQL connects lazily; a wrong DATABASE_URL must stop the start, not the first login.
  await db.ready();
  // Built once now so the first login with an unknown username costs what any other login costs.
  void getDummyPasswordHash();
  if (env.DESK_MODE === 'demo') {
    const created = await seedDemoMembers(db);
    if (created.length > 0) console.log(`Demo members created: ${created.join(', ')} (password ${DEMO_PASSWORD})`);
  }
  const kraken = createKrakenClient({
    restUrl: env.KRAKEN_REST_URL,
    apiKey: env.KRAKEN_API_KEY,
    apiSecret: env.KRAKEN_API_SECRET,
    tier: env.KRAKEN_TIER,
  });
  const hub = createHub({
    upstream: createKrakenUpstream({ url: env.KRAKEN_WS_URL, onError: logUpstreamError('public') }),
    // Private channels need a key; without one the hub answers them `unavailable`.
    privateUpstream: env.KRAKEN_API_KEY && env.KRAKEN_API_SECRET
      ? createKrakenUpstream({
          url: env.KRAKEN_WS_AUTH_URL,
          getToken: async () => (await kraken.private.getWebSocketsToken()).token,
          onError: logUpstreamError('private'),
        })
      : undefined,
  });
  const isAllowedOrigin = createOriginPolicy(env);
  const sessions = feedSessions(db, sessionPassword, sessionLimitsOf(env));
  // both feed transports judge browsers alike: the session cookie's member, the same origins, the same watch
  const authenticate = async (cookieHeader: string | null | undefined) => {
    return sessions.authenticate(cookieHeader);
  };
  // `npm run user` (another process) may disable a member or change their role or password at any time:
  // each transport rereads the rows of members with open connections every second
  const members = {
    lookup: async (id: number) => {
      // sessions signed out, idle past SESSION_IDLE_MINUTES or past SESSION_MAX_HOURS take their sockets with them
      return sessions.lookup(id);
    },
    onError: (error: unknown) => console.warn(`member check failed: ${error instanceof Error ? error.message : String(error)}`),
  };
  const upgrade = createWsUpgradeHandler({
    hub,
    isAllowedOrigin: (origin) => isAllowedOrigin(origin),
    authenticate: (req) => authenticate(req.headers.cookie),
    members,
  });
  const sse = createSseFeed({
    hub,
    isAllowedOrigin: (origin) => isAllowedOrigin(origin),
    authenticate,
    members,
    maxStreamSeconds: env.FEED_STREAM_MAX_SECONDS,
    onRefused: (member, reason, detail) => {
      auditRefusal(db.audit, { id: member.memberId, username: member.username }, 'feed.post', reason, detail).catch((error: unknown) => {
        console.warn(`audit of a refused feed request failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
  });
  registerDeskServices({ env: { ...env, SESSION_PASSWORD: sessionPassword }, db, kraken, hub: hubAccess(hub, [upgrade, sse], sse) });
  const privatePath = startPrivatePathLoops({ db, kraken, hasKey: hasKrakenKey(env) });
  return {
    db,
    kraken,
    hub,
    sessionPassword,
    upgrade,
    close: async () => {
      privatePath.stop();
      await upgrade.close();
      await sse.close();
      await hub.close();
      await closeSharedDatabases();
    },
  };
}

/** The slice of the hub Next-side code may use (lib/ cannot import server/). */
function hubAccess(hub: Hub, transports: { checkMembers(memberId?: number): Promise<void> }[], feedStream: FeedStreamHandler): HubAccess {
  return {
    feedStream,
    memberChanged: (memberId) => {
      for (const transport of transports) void transport.checkMembers(memberId);
    },
    get feedState() {
      return hub.feedState;
    },
    disconnectMember: (memberId, code, reason) => hub.disconnectMember(memberId, code, reason),
    onAccountUpdate: (listener) => hub.onAccountUpdate(listener),
    bookSnapshot: (symbol, depth) => {
      const view = hub.bookView(symbol, depth);
      if (!view) return undefined;
      const levels = (side: [string, string][]) => side.map(([price, qty]) => ({ price, qty }));
      // bookView only answers for a verified book on a live feed.
      return { asks: levels(view.asks), bids: levels(view.bids), live: true };
    },
  };
}

/** Upstream problems go to the server log by kind only: frames can carry account data, never log them. */
function logUpstreamError(endpoint: 'public' | 'private') {
  return (error: { kind?: string; message: string }) => {
    console.warn(`kraken ${endpoint} ws: ${error.kind ?? 'error'}: ${error.message.slice(0, 200)}`);
  };
}
