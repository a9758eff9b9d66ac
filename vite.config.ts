/// <reference types="vitest/config" />
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/**
 * Tests that start the studio server as a child process (src/server/testing/studio-server-process.ts) and talk to it
 * over HTTP; everything else under src/ is a unit test: pure, or in-process (Hono's app.request, SQLite in a temporary
 * directory, fake provider servers on local ports in the same process). Name a new such file `*.integration.test.ts`.
 */
const INTEGRATION_TESTS = [
  'src/**/*.integration.test.ts',
  'src/server/server.test.ts',
  'src/server/hostile-input.test.ts',
  'src/server/kill-recovery.test.ts',
  'src/server/access/access-control.test.ts',
  'src/server/providers/runware/runware-server.test.ts',
  'bench/**/*.test.ts',
];

/**
 * The browser bundle is built from src/client; the server (src/server) serves dist/ and /api on one origin.
 * Every text asset also gets a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside it, which the
 * server sends with Content-Encoding when the browser accepts it (serveStatic `precompressed` in src/server/app.ts).
 */
export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    compression({
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // React, TanStack Query and the studio's own modules that the entry shares with lazy chunks go in one chunk:
        // left alone, rolldown splits them into a dozen small chunks that the first visit fetches one after another.
        // With it the empty studio fetches three JS files (entry, this chunk and rolldown's runtime). The catalog's
        // validator (zod) stays lazy: it is excluded here, as captured modules bring their dependencies along. So is CSS:
        // lazy-view-styles.css, shared by the lazy views, must not ride along into the first download.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: new RegExp(
                String.raw`node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](query-core|react-query)|lucide-react)[\\/]` +
                  String.raw`|src[\\/](client|catalog)[\\/](?!.*(validate|request|zod-content-security)\.ts|.*\.css)`,
              ),
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // src/client/lazy-view-styles.test.ts reads styles.css as text (`?raw`); other CSS stays out of the tests.
    css: { include: [/src[\\/]client[\\/]styles\.css/] },
    // `npm run test:unit` runs the first project, `npm run test:integration` the second; `vitest run` runs both.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: [...INTEGRATION_TESTS, 'e2e/**', 'node_modules/**', 'dist/**'],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION_TESTS, exclude: ['e2e/**', 'node_modules/**', 'dist/**'] },
      },
    ],
  },
});
