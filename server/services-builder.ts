import { hasKrakenKey, type Env } from '../lib/env';
import { getSharedDatabase, closeSharedDatabases } from '../lib/db';
import { seedDemoMembers, DEMO_PASSWORD } from '../lib/auth/demo-members';
import { getDummyPasswordHash } from '../lib/auth/password';
import { resolveSessionPassword, sessionLimitsOf } from '../lib/session';
import { feedSessions } from './hub/member-sessions';
import { createOriginPolicy } from '../lib/origin';
import { createHub, type Hub } from './hub/hub';
import { createKrakenUpstream } from './hub/kraken-upstream';
import { createWsUpgradeHandler } from './hub/ws-transport';
import { createSseFeed } from './hub/sse-transport';
import {
  closeDeskServices,
  deskServicesReady,
  installDeskServicesBuilder,
  type BuiltDeskServices,
  type DeskServiceRegistry,
  type FeedStreamHandler,
  type HubAccess,
} from '../lib/desk-services';
import { createKrakenClient } from '../lib/kraken/rest';
import { keepAliveFetch } from './kraken-transport';
import type { UpgradeHandler } from './http-routing';
import { idleDeadManState, startPrivatePathLoops, type PrivatePathLoops } from '../lib/orders/startup';
import { startApprovalExpiry, type ApprovalExpiryLoop } from '../lib/approvals/expiry';
import { auditRefusal } from '../lib/audit/events';
import { log as logger } from '../lib/log';

export interface BuiltDesk extends BuiltDeskServices {
  hub: Hub;
  /** `/ws` upgrades; only when asked for (the custom server: `next start` and Vercel have no upgrade listener) */
  upgrade: UpgradeHandler | undefined;
}

export interface BuildOptions {
  shape: DeskServiceRegistry['shape'];
  /** also build the `/ws` upgrade handler (the custom server attaches it) */
  webSocketUpgrades: boolean;
  log?: (line: string) => void;
}

/**
 * The one construction of the desk's process services, for both shapes: the custom server (server/index.ts)
 * and Next without it (instrumentation.ts). Everything here is synchronous and makes no connection yet;
 * `start()` migrates (PostgreSQL connects then), seeds the demo members and starts the private-path loops.
 * The feed hub connects upstream on its first subscription.
 */
export function buildDeskServices(env: Env, options: BuildOptions): BuiltDesk {
  const log = options.log ?? ((line: string) => logger.warn(line));
  // news, not a warning: creating the demo members is what a fresh demo or paper desk is expected to do
  const note = options.log ?? ((line: string) => logger.info(line));
  const sessionPassword = resolveSessionPassword(env);
  // loadEnv() elsewhere in the process (proxy.ts) must see a generated demo password too.
  process.env.SESSION_PASSWORD = sessionPassword;
  const deskEnv: Env = { ...env, SESSION_PASSWORD: sessionPassword };
  const db = getSharedDatabase(env);
  const transport = keepAliveFetch();
  const kraken = createKrakenClient({
    restUrl: env.KRAKEN_REST_URL,
    fetch: transport,
    apiKey: env.KRAKEN_API_KEY,
    apiSecret: env.KRAKEN_API_SECRET,
    tier: env.KRAKEN_TIER,
    // On PostgreSQL: one nonce + send turn and one REST counter for the key across every instance (lib/db/shared-state.ts)
    ...(env.KRAKEN_API_KEY ? db.shared.krakenKey(env.KRAKEN_API_KEY, { tier: env.KRAKEN_TIER }) : {}),
  });
  const hub = createHub({
    upstream: createKrakenUpstream({ url: env.KRAKEN_WS_URL, onError: logUpstreamError('public', log) }),
    // Private channels need a key; without one the hub answers them `unavailable`.
    privateUpstream: env.KRAKEN_API_KEY && env.KRAKEN_API_SECRET
      ? createKrakenUpstream({
          url: env.KRAKEN_WS_AUTH_URL,
          getToken: async () => (await kraken.private.getWebSocketsToken()).token,
          onError: logUpstreamError('private', log),
        })
      : undefined,
  });
  const isAllowedOrigin = createOriginPolicy(env);
  // both feed transports judge browsers alike: the session cookie's member, the same origins, the same watch
  const sessions = feedSessions(db, sessionPassword, sessionLimitsOf(env));
  const authenticate = (cookieHeader: string | null | undefined) => sessions.authenticate(cookieHeader);
  // `npm run user` (another process) may disable a member or change their role or password at any time:
  // each transport rereads the rows of members with open connections every second
  const members = {
    // sessions signed out, idle past SESSION_IDLE_MINUTES or past SESSION_MAX_HOURS take their sockets with them
    lookup: (id: number) => sessions.lookup(id),
    onError: (error: unknown) => log(`member check failed: ${error instanceof Error ? error.message : String(error)}`),
  };
  const upgrade = options.webSocketUpgrades
    ? createWsUpgradeHandler({ hub, isAllowedOrigin: (origin) => isAllowedOrigin(origin), authenticate: (req) => authenticate(req.headers.cookie), members })
    : undefined;
  const sse = createSseFeed({
    hub,
    isAllowedOrigin: (origin) => isAllowedOrigin(origin),
    authenticate,
    members,
    maxStreamSeconds: env.FEED_STREAM_MAX_SECONDS,
    onRefused: (member, reason, detail) => {
      auditRefusal(db.audit, { id: member.memberId, username: member.username }, 'feed.post', reason, detail).catch((error: unknown) => {
        log(`audit of a refused feed request failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
  });

  let privatePath: PrivatePathLoops | undefined;
  let approvalExpiry: ApprovalExpiryLoop | undefined;
  const services: DeskServiceRegistry = {
    env: deskEnv,
    db,
    kraken,
    hub: hubAccess(hub, upgrade ? [upgrade, sse] : [sse], sse),
    isAllowedOrigin,
    // before start() the loops do not run yet: nothing refreshed by this process
    deadMan: () => (privatePath ? privatePath.deadManState() : idleDeadManState()),
    shape: options.shape,
  };
  return {
    services,
    hub,
    upgrade,
    start: async () => {
      // PostgreSQL connects and migrates here (SQLite migrated when it was opened); a failure is thrown to the
      // caller and the next start() tries again.
      await db.ready();
      // Built once now so the first login with an unknown username costs what any other login costs.
      void getDummyPasswordHash();
      if (env.DESK_MODE !== 'live') {
        const created = await seedDemoMembers(db);
        if (created.length > 0) note(`Demo members created: ${created.join(', ')} (password ${DEMO_PASSWORD})`);
      }
      privatePath ??= startPrivatePathLoops({ db, kraken, hasKey: hasKrakenKey(env), log });
      // four-eyes requests expire (and are audited) on time even when nobody opens the approvals panel again
      approvalExpiry ??= startApprovalExpiry({ db, log });
    },
    close: async () => {
      privatePath?.stop();
      approvalExpiry?.stop();
      await upgrade?.close();
      await sse.close();
      await hub.close();
      transport.close();
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
    watchExecutions: (watcher) => hub.watchExecutions(watcher),
    holdBook: (symbol, depth) => hub.holdBook(symbol, depth),
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
function logUpstreamError(endpoint: 'public' | 'private', log: (line: string) => void) {
  return (error: { kind?: string; message: string }) => {
    log(`kraken ${endpoint} ws: ${error.kind ?? 'error'}: ${error.message.slice(0, 200)}`);
  };
}

/**
 * The custom server's start (server/index.ts): installs this builder with `/ws` upgrades before Next can
 * install its own, then builds and starts the services; any failure stops the start.
 */
export async function startDeskServices(env: Env): Promise<{ upgrade: UpgradeHandler; close(): Promise<void> }> {
  let desk: BuiltDesk | undefined;
  installDeskServicesBuilder(() => {
    desk = buildDeskServices(env, { shape: 'custom-server', webSocketUpgrades: true });
    return desk;
  });
  await deskServicesReady();
  if (!desk?.upgrade) throw new Error('desk services were built before the custom server started them');
  return { upgrade: desk.upgrade, close: closeDeskServices };
}
