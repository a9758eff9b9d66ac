/**
 * `npm run build` (second step, after `vite build`): bundles the studio server
 * (src/server/main.ts and everything it imports, src/catalog included) into one
 * ES module, dist-server/server/main.js, for plain `node` with no TypeScript at
 * run time.
 *
 * - Every package in node_modules stays an import (`packages: 'external'`):
 *   the native ones (better-sqlite3, sharp) cannot be bundled, and the rest
 *   load from node_modules as they do in development.
 * - The output keeps the source's depth (src/server/main.ts ->
 *   dist-server/server/main.js), so the paths the server computes from
 *   `import.meta.url` (`../../dist` for the UI in app.ts, `../../package.json`
 *   in config.ts) point at the same files from the bundle as from the source.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/server/main.ts'],
  outbase: 'src',
  outdir: 'dist-server',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
