import { useEffect } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { Generation } from '../../../api/types.ts';
import { getGeneration, isGenerationActive } from '../api/get-generation.ts';
import { updateGenerationInLists } from '../api/get-generations.ts';

/** How often a queued or running generation is polled, ms. */
export const ACTIVE_POLL_INTERVAL = 1000;

/**
 * Polls `GET /api/generations/:id` for each queued/running generation once a
 * second, and writes each answer into the loaded gallery pages (so a result
 * replaces its pending card without refetching the whole history). When one
 * ends, the spend figures are refreshed and `onEnded` hears of it.
 */
export function useActiveGenerationPolling(active: Generation[], onEnded?: (generation: Generation) => void): void {
  const queryClient = useQueryClient();
  const results = useQueries({
    queries: active.map((generation) => ({
      queryKey: ['generation', generation.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => getGeneration(generation.id, signal),
      refetchInterval: (query: { state: { data?: Generation } }) => (query.state.data && !isGenerationActive(query.state.data) ? false : ACTIVE_POLL_INTERVAL),
      staleTime: 0,
    })),
  });
  const signature = results.map((result) => `${result.data?.id}:${result.data?.status}:${result.dataUpdatedAt}`).join('|');
  useEffect(() => {
    let ended = false;
    for (const result of results) {
      const generation = result.data;
      if (!generation) continue;
      const listed = active.find((entry) => entry.id === generation.id);
      if (listed && (listed.status !== generation.status || !isGenerationActive(generation))) {
        updateGenerationInLists(queryClient, generation);
        if (!isGenerationActive(generation)) {
          ended = true;
          onEnded?.(generation);
        }
      }
    }
    if (ended) void queryClient.invalidateQueries({ queryKey: ['spend'] });
    // Runs when any polled generation's status or data changes (the signature), not on every render.
  }, [signature]);
}
