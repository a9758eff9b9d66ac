import { Hono } from 'hono';
import type { AccessControl } from '../access/access-control.ts';
import { ApiError } from '../api-error.ts';
import { limitBody, readJsonBody } from './route-helpers.ts';

/** Largest `POST /api/session` body, in bytes: a token is short. */
const MAX_SESSION_BODY_BYTES = 16 * 1024;

/** `GET /api/session`'s answer: whether a token is needed and whether this browser has signed in. */
export interface SessionState {
  /** True when the server has `STUDIO_ACCESS_TOKEN` set. */
  accessControl: boolean;
  /** True when no token is needed or the request carries a live session (or a right bearer token). */
  signedIn: boolean;
}

/**
 * Extension (docs/API.md "Access beyond this computer"): `GET /api/session`
 * 200 SessionState; `POST /api/session` `{"token":"..."}` 204 and the session
 * cookie, 401 `unauthorized` for a wrong token, 429 `too_many_attempts`;
 * `DELETE /api/session` 204, signed out. Answered without a token.
 */
export function createSessionRoutes(access: AccessControl) {
  return new Hono()
    .get('/', (context) => {
      let signedIn = !access.required || access.hasSession(context);
      const bearer = /^Bearer\s+(.+)$/i.exec(context.req.header('authorization')?.trim() ?? '');
      if (!signedIn && bearer?.[1] !== undefined) {
        access.checkToken(context, bearer[1].trim());
        signedIn = true;
      }
      const state: SessionState = { accessControl: access.required, signedIn };
      context.header('Cache-Control', 'no-store');
      return context.json(state, 200);
    })
    .post('/', limitBody(MAX_SESSION_BODY_BYTES, 'sign-in body'), async (context) => {
      const body = await readJsonBody(context);
      const token = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { token?: unknown }).token : undefined;
      if (typeof token !== 'string' || token.length === 0) {
        throw new ApiError(400, 'invalid_request', 'Send the access token as {"token": "..."}.', { field: 'token' });
      }
      if (!access.required) return context.body(null, 204);
      access.checkToken(context, token);
      access.startSession(context);
      return context.body(null, 204);
    })
    .delete('/', (context) => {
      access.endSession(context);
      return context.body(null, 204);
    });
}
