import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../api-error.ts';
import type { StudioConfig } from '../config.ts';
import { AttemptLimiter } from './attempt-limiter.ts';

/** The session cookie's name (HttpOnly, SameSite=Strict, Secure behind https). */
const SESSION_COOKIE = 'banana_studio_session';
/** How long a session lasts, ms: 30 days. Sessions live in memory, so a restart signs everyone out. */
const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Paths under /api answered without a token: the session itself (state, sign-in, sign-out). */
const OPEN_PATHS = new Set(['/api/session']);

/** Constant-time comparison of two secrets of any length (sha256 of each, then `timingSafeEqual`). */
export function secretsMatch(given: string, expected: string): boolean {
  const givenDigest = createHash('sha256').update(given, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(givenDigest, expectedDigest);
}

/** The client's address as the socket reports it (`unknown` for in-process requests without one). */
function clientAddress(context: Context): string {
  try {
    return getConnInfo(context).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function isHttps(context: Context): boolean {
  return new URL(context.req.url).protocol === 'https:' || context.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/**
 * docs/API.md "Access beyond this computer": `STUDIO_ACCESS_TOKEN` as a
 * bearer token or a session cookie set by `POST /api/session`, compared in
 * constant time; ten wrong tokens from one address within a minute are
 * answered 429 `too_many_attempts` for a minute. Without a configured token
 * everything is open (the server then listens on loopback only, or was
 * opened on purpose; see `assertSafeToListen`).
 */
export class AccessControl {
  private readonly limiter: AttemptLimiter;
  /** sha256 of the session id -> expiry (ms since the epoch). The ids themselves are never kept. */
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly config: Pick<StudioConfig, 'accessToken'>,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter = new AttemptLimiter(now);
  }

  /** Whether a token is configured at all. */
  get required(): boolean {
    return this.config.accessToken !== null;
  }

  /** Whether the request carries a live session cookie. */
  hasSession(context: Context): boolean {
    const id = getCookie(context, SESSION_COOKIE);
    if (!id) return false;
    const key = createHash('sha256').update(id).digest('hex');
    const expiry = this.sessions.get(key);
    if (expiry === undefined) return false;
    if (expiry <= this.now()) {
      this.sessions.delete(key);
      return false;
    }
    return true;
  }

  /** Throws 429 `too_many_attempts` while the request's address is blocked. */
  private assertNotBlocked(address: string): void {
    const wait = this.limiter.blockedFor(address);
    if (wait > 0) {
      throw new ApiError(
        429,
        'too_many_attempts',
        `Too many wrong access tokens from this address; wait ${Math.ceil(wait / 1000)} seconds and try again with the right token.`,
      );
    }
  }

  /** Checks `given` against the token; counts a wrong one against the address. Throws 429 while blocked, 401 when wrong. */
  checkToken(context: Context, given: string): void {
    const address = clientAddress(context);
    this.assertNotBlocked(address);
    if (this.config.accessToken !== null && secretsMatch(given, this.config.accessToken)) return;
    this.limiter.recordFailure(address);
    throw new ApiError(401, 'unauthorized', 'That access token is not right; ask whoever runs this studio for the token and try again.', {
      field: 'token',
    });
  }

  /** The middleware for `/api/*`: bearer token or session cookie, or 401 `unauthorized`. */
  middleware(): MiddlewareHandler {
    return async (context, next) => {
      if (!this.required || OPEN_PATHS.has(context.req.path)) return next();
      if (this.hasSession(context)) return next();
      const authorization = context.req.header('authorization');
      const bearer = authorization === undefined ? null : /^Bearer\s+(.+)$/i.exec(authorization.trim());
      if (bearer?.[1] !== undefined) {
        this.checkToken(context, bearer[1].trim());
        return next();
      }
      context.header('WWW-Authenticate', 'Bearer realm="Banana Studio"');
      throw new ApiError(401, 'unauthorized', 'This studio needs its access token: sign in on the studio page, or send it as "Authorization: Bearer <token>".');
    };
  }

  /** Starts a session after a right token: a random id in an HttpOnly, SameSite=Strict cookie (Secure behind https). */
  startSession(context: Context): void {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(createHash('sha256').update(id).digest('hex'), this.now() + SESSION_LIFETIME_MS);
    this.forgetExpiredSessions();
    setCookie(context, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(context),
      path: '/',
      maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
    });
  }

  /** Ends the request's session (if any) and clears its cookie. */
  endSession(context: Context): void {
    const id = getCookie(context, SESSION_COOKIE);
    if (id) this.sessions.delete(createHash('sha256').update(id).digest('hex'));
    deleteCookie(context, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(context) });
  }

  private forgetExpiredSessions(): void {
    const now = this.now();
    for (const [key, expiry] of this.sessions) if (expiry <= now) this.sessions.delete(key);
  }
}
