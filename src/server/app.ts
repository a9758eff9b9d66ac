import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './api-error.ts';
import { requestGuard } from './request-guard.ts';
import { createCatalogRoutes } from './routes/catalog.ts';
import { createEstimateRoutes } from './routes/estimate.ts';
import { createGenerationsRoutes } from './routes/generations.ts';
import { createHealthRoutes } from './routes/health.ts';
import { createImagesRoutes } from './routes/images.ts';
import { createProvidersRoutes } from './routes/providers.ts';
import { createSpendRoutes } from './routes/spend.ts';
import { createUploadsRoutes } from './routes/uploads.ts';
import type { Studio } from './studio.ts';

/** The built UI (vite build output), served on the same origin as /api. */
export const DEFAULT_STATIC_DIRECTORY = fileURLToPath(new URL('../../dist', import.meta.url));

/** How the app serves what is not /api. */
export interface AppOptions {
  /** Directory of the built UI with an index.html; `null` to serve no UI (dev mode mounts Vite instead). Default `dist/`. */
  staticDirectory?: string | null;
  /** The port the server listens on, once known; the Host check then requires it. */
  getListeningPort?: () => number | undefined;
  /** Where unexpected errors are logged (default console.error). */
  logError?: (line: string) => void;
}

function createApiRoutes(studio: Studio) {
  return new Hono()
    .route('/health', createHealthRoutes(studio))
    .route('/catalog', createCatalogRoutes(studio))
    .route('/estimate', createEstimateRoutes(studio))
    .route('/uploads', createUploadsRoutes(studio))
    .route('/generations', createGenerationsRoutes(studio))
    .route('/images', createImagesRoutes(studio))
    .route('/spend', createSpendRoutes(studio))
    .route('/providers', createProvidersRoutes(studio));
}

/**
 * The studio's Hono app: the Host/Origin guard, `/api/*` (docs/API.md plus
 * docs/API-EXTENSIONS.md), errors as docs/API.md's body, and the built UI
 * with a fallback to index.html for client routes.
 */
export function createApp(studio: Studio, options: AppOptions = {}) {
  const logError = options.logError ?? ((line) => console.error(line));
  const app = new Hono();
  app.use('*', requestGuard(studio.config, options.getListeningPort ?? (() => undefined)));
  app.onError((error, context) => {
    if (error instanceof ApiError) return context.json(error.toBody(), error.status);
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? 'payload_too_large' : status === 404 ? 'not_found' : 'invalid_request';
      return context.json(new ApiError(status, code, error.message || 'The request could not be read.').toBody(), status);
    }
    logError(`unexpected error on ${context.req.method} ${new URL(context.req.url).pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return context.json(
      new ApiError(500, 'internal_error', 'The studio server failed to answer this request; see its log. Nothing was lost.').toBody(),
      500,
    );
  });
  app.notFound((context) =>
    context.json(
      new ApiError(404, 'not_found', `There is no ${context.req.method} ${new URL(context.req.url).pathname}; see docs/API.md for the endpoints.`).toBody(),
      404,
    ),
  );

  const routes = app.route('/api', createApiRoutes(studio));

  const staticDirectory = options.staticDirectory === undefined ? DEFAULT_STATIC_DIRECTORY : options.staticDirectory;
  if (staticDirectory !== null) {
    const indexPath = join(staticDirectory, 'index.html');
    app.all('/api/*', (context) => context.notFound());
    app.use('*', async (context, next) => {
      if (!existsSync(indexPath)) return next();
      const found = await serveStatic({ root: relative(process.cwd(), staticDirectory) || '.' })(context, next);
      if (found instanceof Response) {
        // Vite names assets by content hash, so they never change; everything else is checked each time.
        const immutable = new URL(context.req.url).pathname.startsWith('/assets/');
        found.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
      return found;
    });
    app.get('*', async (context, next) => {
      // A missing file (a path whose last segment has an extension) is a 404, not the app.
      if (/\.[a-z0-9]+$/i.test(new URL(context.req.url).pathname)) return next();
      if (!existsSync(indexPath)) {
        return context.text('The Banana Studio UI is not built yet: run `npm run build` (or `npm start`, which builds it) and reload.', 200);
      }
      context.header('Cache-Control', 'no-cache');
      return context.html(await readFile(indexPath, 'utf8'));
    });
  }
  return routes;
}

/** The app's type, for `hc<AppType>` typed calls from the client. */
export type AppType = ReturnType<typeof createApp>;
