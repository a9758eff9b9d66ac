import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { SessionState } from '../../../../server/routes/session.ts';

export type { SessionState };

/** The session's query and mutation keys (key factory). */
const sessionKeys = {
  all: ['session'] as const,
  signIn: () => [...sessionKeys.all, 'sign-in'] as const,
  signOut: () => [...sessionKeys.all, 'sign-out'] as const,
};

/** The query key of the session state. */
export const sessionQueryKey = sessionKeys.all;

/** `GET /api/session`: whether a token is needed and whether this browser is signed in. */
function getSession(signal?: AbortSignal): Promise<SessionState> {
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
function signIn(token: string): Promise<void> {
  return requestJson<undefined>('/api/session', { method: 'POST', json: { token } });
}

/** `DELETE /api/session`: signs this browser out. */
function signOut(): Promise<void> {
  return requestJson<undefined>('/api/session', { method: 'DELETE' });
}

/**
 * Sign in as a mutation (variables: the token, already trimmed): on success everything loaded before is fetched
 * again and the session is asked anew, which replaces the sign-in page with the studio. Errors (`ApiError`) are the
 * caller's to show.
 */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: sessionKeys.signIn(),
    mutationFn: signIn,
    onSuccess: async () => {
      await queryClient.resetQueries();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}

/**
 * Sign out as a mutation: whatever the server answers, everything loaded while signed in is forgotten and the
 * session is marked signed out, so the sign-in page replaces the studio. Never fails.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: sessionKeys.signOut(),
    mutationFn: () => signOut().catch(() => undefined),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData<SessionState>(sessionQueryKey, { accessControl: true, signedIn: false });
    },
  });
}
