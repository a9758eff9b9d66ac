import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestError } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { cutText } from '../catalog/bounds.ts';
import { AccessControl } from './access/access-control.ts';
import { ApiError } from './api-error.ts';
import { requestGuard } from './request-guard.ts';
import { createBudgetRoutes } from './routes/budget.ts';
import { createCatalogRoutes } from './routes/catalog.ts';
import { createEstimateRoutes } from './routes/estimate.ts';
import { createEventsRoutes } from './routes/events.ts';
import { createExperimentsRoutes } from './routes/experiments.ts';
import { createGenerationsRoutes } from './routes/generations.ts';
import { createHealthRoutes } from './routes/health.ts';
import { createImagesRoutes } from './routes/images.ts';
import { createProvidersRoutes } from './routes/providers.ts';
import { createSessionRoutes } from './routes/session.ts';
import { createLedgerRoutes } from './routes/ledger.ts';
import { createSpendRoutes } from './routes/spend.ts';
import { createUploadsRoutes } from './routes/uploads.ts';
import { scrubSecrets } from './secrets.ts';
import type { Studio } from './studio.ts';

/** The built UI (vite build output), served on the same origin as /api. */
const DEFAULT_STATIC_DIRECTORY = fileURLToPath(new URL('../../dist', import.meta.url));

/** How the app serves what is not /api. */
export interface AppOptions {
  /** Directory of the built UI with an index.html; `null` to serve no UI (dev mode mounts Vite instead). Default `dist/`. */
  staticDirectory?: string | null;
  /** The port the server listens on, once known; the Host check then requires it. */
  getListeningPort?: () => number | undefined;
  /** Where unexpected errors are logged (default console.error). Keys and the access token are scrubbed first. */
  logError?: (line: string) => void;
  /** Heartbeat interval of `GET /api/events`, ms (default 15 s; tests shorten it). */
  eventsHeartbeatMs?: number;
}

/**
 * The Content-Security-Policy of every answer (issue 10): only the studio's
 * own scripts, styles, fonts and connections; images also from `blob:` and
 * `data:` (reference previews); no plugins, no `<base>` elsewhere, forms only
 * to itself, and no page may frame it (`frame-ancestors 'none'`). Style
 * elements the UI inserts at run time (the dialog's scroll lock) carry the
 * answer's nonce, which the page reads from `<meta name="csp-nonce">`.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", NONCE],
  imgSrc: ["'self'", 'blob:', 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Hono's `secureHeaders` with the studio's policy: the CSP above,
 * `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer` and hono's other defaults. No HSTS: the
 * studio does not terminate TLS itself, whoever does should send it.
 */
function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
}

/**
 * The answer to a request Node could not turn into a URL (a malformed `Host`
 * header, a backslash in the path): 400 `invalid_request` with docs/API.md's
 * error body and the security headers, instead of @hono/node-server's empty 400.
 */
export function malformedRequestResponse(error: unknown): Response | Promise<Response> {
  return malformedRequestApp.request(error instanceof RequestError ? '/malformed' : '/failed');
}

const malformedRequestApp = new Hono()
  .use('*', securityHeaders())
  .get('/malformed', (context) =>
    context.json(
      new ApiError(
        400,
        'invalid_request',
        'The request line or its Host header is malformed; send a valid Host (the address of this studio) and path.',
      ).toBody(),
      400,
    ),
  )
  .get('/failed', (context) =>
    context.json(new ApiError(500, 'internal_error', 'The studio server failed to answer this request; see its log. Nothing was lost.').toBody(), 500),
  );

/** index.html with `<meta name="csp-nonce">` holding this answer's style nonce (read by the client's get-nonce). */
function withStyleNonce(html: string, nonce: string | undefined): string {
  if (!nonce) return html;
  return html.replace('<head>', `<head>\n    <meta name="csp-nonce" content="${nonce}" />`);
}

function createApiRoutes(studio: Studio, access: AccessControl, options: AppOptions) {
  return new Hono()
    .route('/session', createSessionRoutes(access))
    .route('/events', createEventsRoutes(studio, options.eventsHeartbeatMs === undefined ? {} : { heartbeatMs: options.eventsHeartbeatMs }))
    .route('/health', createHealthRoutes(studio))
    .route('/catalog', createCatalogRoutes(studio))
    .route('/estimate', createEstimateRoutes(studio))
    .route('/uploads', createUploadsRoutes(studio))
    .route('/generations', createGenerationsRoutes(studio))
    .route('/experiments', createExperimentsRoutes(studio))
    .route('/images', createImagesRoutes(studio))
    .route('/spend', createSpendRoutes(studio))
    .route('/budget', createBudgetRoutes(studio))
    .route('/ledger', createLedgerRoutes(studio))
    .route('/providers', createProvidersRoutes(studio));
}

/**
 * The studio's Hono app: security headers on every answer, the Host/Origin
 * guard, the access token on `/api/*`, `/api/*` (docs/API.md plus
 * docs/API-EXTENSIONS.md), errors as docs/API.md's body, and the built UI
 * with a fallback to index.html for client routes.
 */
export function createApp(studio: Studio, options: AppOptions = {}) {
  const writeError = options.logError ?? ((line) => console.error(line));
  const logError = (line: string) => writeError(scrubSecrets(line, studio.config));
  const access = new AccessControl(studio.config);
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', requestGuard(studio.config, options.getListeningPort ?? (() => undefined)));
  app.use('/api/*', access.middleware());
  app.onError((error, context) => {
    if (error instanceof ApiError) return context.json(error.toBody(), error.status);
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? 'payload_too_large' : status === 404 ? 'not_found' : 'invalid_request';
      return context.json(new ApiError(status, code, error.message || 'The request could not be read.').toBody(), status);
    }
    logError(
      `unexpected error on ${context.req.method} ${new URL(context.req.url).pathname}: ` +
        (error instanceof Error ? (error.stack ?? error.message) : String(error)),
    );
    return context.json(new ApiError(500, 'internal_error', 'The studio server failed to answer this request; see its log. Nothing was lost.').toBody(), 500);
  });
  app.notFound((context) =>
    context.json(
      new ApiError(
        404,
        'not_found',
        `There is no ${context.req.method} ${cutText(new URL(context.req.url).pathname)}; see docs/API.md for the endpoints.`,
      ).toBody(),
      404,
    ),
  );

  // JSON answers (the catalog is ~140 KB) go out gzipped to browsers that accept it; Server-Sent Events are left alone.
  app.use('/api/*', compress());
  const routes = app.route('/api', createApiRoutes(studio, access, options));

  const staticDirectory = options.staticDirectory === undefined ? DEFAULT_STATIC_DIRECTORY : options.staticDirectory;
  if (staticDirectory !== null) {
    const indexPath = join(staticDirectory, 'index.html');
    app.all('/api/*', (context) => context.notFound());
    app.use('*', async (context: Context<BlankEnv, string>, next) => {
      if (!existsSync(indexPath)) return next();
      // The page itself is answered below, with this answer's style nonce.
      const pathname = new URL(context.req.url).pathname;
      if (pathname === '/' || pathname === '/index.html') return next();
      // `precompressed`: the .br/.gz copies vite.config.ts writes beside each asset go out with Content-Encoding.
      const found = await serveStatic({ root: relative(process.cwd(), staticDirectory) || '.', precompressed: true })(context, next);
      if (found instanceof Response) {
        if (!found.headers.has('Vary')) found.headers.set('Vary', 'Accept-Encoding');
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
      return context.html(withStyleNonce(await readFile(indexPath, 'utf8'), context.get('secureHeadersNonce')));
    });
  }
  return routes;
}

/**
 * The app's type, for `hc<AppType>` typed calls from the client.
 * @public Deliberate type surface for Hono's RPC client (`hc<AppType>`); no module imports it yet.
 */
export type AppType = ReturnType<typeof createApp>;
