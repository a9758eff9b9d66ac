import { QueryClient } from '@tanstack/react-query';

/** The studio's one query client (server state). Created at start-up so the first requests can begin before React renders. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
