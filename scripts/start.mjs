/**
 * `npm start`: runs the built server (dist-server/server/main.js) with plain
 * node, building first (scripts/build.mjs) only when the UI or the server
 * bundle is missing or older than a source it is built from. Arguments and the
 * environment pass through to the server (see src/server/main.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What the build reads: a change to any of these makes the build stale. Tests do not count. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-server.mjs'];
/** What the build writes. */
const OUTPUTS = ['dist/index.html', 'dist-server/server/main.js'];

/** The newest modification time (ms since the epoch) under `path`, skipping test files; 0 when it does not exist. */
function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

const outputs = OUTPUTS.map((path) => join(root, path));
const missing = outputs.some((path) => !existsSync(path));
const stale = !missing && Math.max(...SOURCES.map((path) => newestModification(join(root, path)))) > Math.min(...outputs.map((path) => statSync(path).mtimeMs));
if (missing || stale) {
  console.log(missing ? 'no build yet: building the studio first' : 'sources changed since the last build: rebuilding the studio first');
  // In a child process, so the server does not keep Vite and the build's memory.
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(root, 'dist-server/server/main.js')).href);
