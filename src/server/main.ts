import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp, malformedRequestResponse } from './app.ts';
import { assertSafeToListen, loadConfig } from './config.ts';
import { createStudio } from './studio.ts';

/**
 * The studio server's entry: `node --import tsx src/server/main.ts [--dev]`.
 * Reads the environment and `.env` (config.ts), opens the data directory,
 * recovers generations left unfinished, and listens on HOST:PORT (default
 * 127.0.0.1:8787; PORT=0 picks a free port), printing exactly
 * `listening on http://HOST:PORT`. Refuses to start on a non-loopback HOST
 * without `STUDIO_ACCESS_TOKEN` (unless `STUDIO_ALLOW_OPEN_NETWORK=true`). With `--dev`, Vite runs in middleware mode
 * for everything but /api, so the UI hot-reloads on the same origin.
 */
async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const config = loadConfig();
  // A non-loopback HOST without a token would let anyone on the network spend the user's credit.
  assertSafeToListen(config);
  const studio = createStudio(config);
  studio.runner.recoverInterruptedGenerations();

  // The guard reads the port only for requests, which come once the server listens (`listeningPort` is set below).
  const app = createApp(studio, { staticDirectory: dev ? null : undefined, getListeningPort: () => listeningPort });
  // A request Node cannot turn into a URL (malformed Host) gets the JSON error body, not an empty 400.
  const apiListener = getRequestListener(app.fetch, { errorHandler: (error) => malformedRequestResponse(error) });
  const server = createServer();

  if (dev) {
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      server: { middlewareMode: true, hmr: { server } },
      appType: 'spa',
    });
    server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
      if ((incoming.url ?? '/').startsWith('/api')) void apiListener(incoming, outgoing);
      else vite.middlewares(incoming, outgoing);
    });
  } else {
    server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => void apiListener(incoming, outgoing));
  }
  // Long ?wait=true generations must not be cut by Node's default request timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${config.port} on ${config.host} is already in use; stop the other server or set PORT to a free port (PORT=0 picks one).`));
      } else {
        reject(error);
      }
    });
    server.listen(config.port, config.host, () => resolve());
  });
  const listeningPort = (server.address() as AddressInfo).port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`listening on http://${shownHost}:${listeningPort}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close();
    server.closeAllConnections();
    await studio.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
