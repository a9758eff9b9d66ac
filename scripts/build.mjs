/**
 * `npm run build`: the UI with Vite (dist/, with .br/.gz copies of each asset)
 * and the server with esbuild (dist-server/server/main.js, scripts/build-server.mjs).
 * `npm start` (scripts/start.mjs) runs this script when the build is missing or stale.
 */
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the UI, then the server; rejects with the build's error (already printed by the tool). */
export async function buildStudio() {
  const vite = await import('vite');
  await vite.build({ root, logLevel: 'warn' });
  await import('./build-server.mjs');
  console.log('built the UI (dist/) and the server (dist-server/)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildStudio();
}
