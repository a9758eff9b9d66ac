/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
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
  'src/server/generations/lineage.test.ts',
  'src/server/experiments/experiments.test.ts',
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
        // validator (zod) stays lazy: it is excluded here, as captured modules bring their dependencies along.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: new RegExp(
                String.raw`node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](query-core|react-query)|lucide-react)[\\/]` +
                  String.raw`|src[\\/](client|catalog)[\\/](?!.*(validate|request|zod-content-security)\.ts)`,
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
    // `npm run test:unit` runs the first project, `npm run test:integration` the second; `vitest run` runs both, the unit
    // project first (`sequence.groupOrder`, which vitest requires when the projects' worker counts differ).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: [...INTEGRATION_TESTS, 'e2e/**', 'node_modules/**', 'dist/**'],
          // Vitest's default is one worker fewer than the cores (`availableParallelism() - 1`, so ONE on a 2-core machine).
          // Most unit tests wait on local fake servers and timers rather than burn CPU, so one worker more than the cores
          // keeps the cores busy. Each worker runs its files one after another in one process (`isolate: false`) instead
          // of a new process per file: a process and the server's modules cost ~0.5 s of CPU per file, a third of the
          // project's CPU time. So a unit test file must not depend on module state that another file changes (today there
          // is no vi.mock and no global stub, and only studio-store.test.ts uses the studio store). Measured on 2 busy cores
          // (load average 7-12): 58 s with vitest's defaults, 34 s with 2 isolated workers, 26-38 s with 3, 17-27 s with these.
          maxWorkers: availableParallelism() + 1,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // Each file starts studio servers (child processes that compile the server with tsx): vitest's default worker count.
        test: { name: 'integration', include: INTEGRATION_TESTS, exclude: ['e2e/**', 'node_modules/**', 'dist/**'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
