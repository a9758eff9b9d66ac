import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { UNAUTHORIZED_EVENT } from '../../../lib/api-client.ts';
import { sessionQueryKey, sessionQueryOptions } from '../api/session.ts';

/**
 * The session state (`GET /api/session`). When any request is answered 401
 * (`UNAUTHORIZED_EVENT`, e.g. the server restarted and forgot the session),
 * the state is fetched again, so the sign-in page comes back.
 */
export function useSession() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onUnauthorized = () => void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [queryClient]);
  return useQuery(sessionQueryOptions);
}
