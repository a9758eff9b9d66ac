import { useEffect, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '../lib/query-client.ts';
import { wireCrossFeatureRefreshes } from './cross-feature-refreshes.ts';

/** Server state for the whole studio, with the refreshes one feature's changes cause in another. */
export function AppProviders({ children }: { children: ReactNode }) {
  useEffect(() => wireCrossFeatureRefreshes(queryClient), []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
