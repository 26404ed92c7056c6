/**
 * The desk's custom server: validates configuration, builds and starts the process services (the same
 * builder `next start` uses, server/services-builder.ts, plus the `/ws` upgrade handler), prepares Next and
 * serves it on one HTTP server whose single `upgrade` listener routes `/ws` to the feed hub. Next gets a
 * decoy server that never listens, because Next 16 attaches its own upgrade listener to whatever server it
 * is given and closes WebSocket upgrades on paths that match app routes (server/http-routing.ts routes them).
 */
import { createServer, type Server } from 'node:http';
import next from 'next';
import { EnvError, loadEnv } from '../lib/env';
import { routeUpgrades } from './http-routing';
import { realKeyProblem } from './paper-guard';
import { startDeskServices } from './services-builder';
import { stampRequestContext } from '../lib/auth/request-context';
import { log } from '../lib/log';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      log.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }

  // Next reads the project's .env files only when it prepares, after this check: a paper desk looks at them now
  const paperRefusal = env.DESK_MODE === 'paper' ? realKeyProblem({}, process.cwd()) : undefined;
  if (paperRefusal) {
    log.fatal(paperRefusal);
    process.exit(1);
  }

  const services = await startDeskServices(env);
  const decoy: Server = createServer();
  const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer: decoy });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    stampRequestContext(req, env.TRUST_PROXY);
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, path: req.url?.split('?')[0] }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
  });
  server.on('upgrade', routeUpgrades({ ws: services.upgrade, next: decoy }));
  // Node closes idle keep-alive sockets after 5 s; a client (or a reverse proxy, which typically idles 60 s)
  // that reuses one just as it is closed gets ECONNRESET. Idle longer than the proxies in front of us.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  log.info(`Kraken Desk (${env.DESK_MODE}${dev ? ', dev' : ''}) on http://${env.HOST}:${port}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    await services.close();
    await app.close?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'the desk could not start');
  process.exit(1);
});
