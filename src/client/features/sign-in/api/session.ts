import { queryOptions } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { SessionState } from '../../../../server/routes/session.ts';

export type { SessionState };

/** The query key of the session state. */
export const sessionQueryKey = ['session'] as const;

/** `GET /api/session`: whether a token is needed and whether this browser is signed in. */
export function getSession(signal?: AbortSignal): Promise<SessionState> {
  return requestJson<SessionState>('/api/session', signal ? { signal } : {});
}

/** Query options of the session state (checked once; a 401 elsewhere marks it stale). */
export const sessionQueryOptions = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: ({ signal }) => getSession(signal),
  staleTime: Infinity,
  retry: 2,
});

/** `POST /api/session` with the token; the server sets the session cookie. Raises `ApiError` (401 `unauthorized`, 429 `too_many_attempts`). */
export function signIn(token: string): Promise<void> {
  return requestJson<void>('/api/session', { method: 'POST', json: { token } });
}

/** `DELETE /api/session`: signs this browser out. */
export function signOut(): Promise<void> {
  return requestJson<void>('/api/session', { method: 'DELETE' });
}
