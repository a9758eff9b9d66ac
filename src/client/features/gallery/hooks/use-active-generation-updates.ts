import { useEffect, useEffectEvent, useRef } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { Generation } from '../../../api/types.ts';
import { useLiveConnectionStore } from '../../../lib/live-connection-store.ts';
import { getGeneration, isGenerationActive } from '../api/get-generation.ts';
import { generationKeys } from '../api/generation-keys.ts';
import { updateGenerationInLists } from '../api/get-generations.ts';

/** How often a queued or running generation is polled while the live events stream is down, ms. */
const FALLBACK_POLL_INTERVAL = 1000;

/**
 * Follows the queued/running generations of the gallery. Live events (the
 * app's `useLiveEvents`) write their changes into the query cache; only
 * while that stream is down is each one polled once a second instead. When
 * one ends, `onEnded` hears of it (once), whichever way the news came
 * (the app refreshes spend then: src/client/app/).
 */
export function useActiveGenerationUpdates(active: Generation[], onEnded?: (generation: Generation) => void): void {
  const queryClient = useQueryClient();
  const connected = useLiveConnectionStore((state) => state.connected);
  const results = useQueries({
    queries: active.map((generation) => ({
      queryKey: generationKeys.one(generation.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getGeneration(generation.id, signal),
      enabled: !connected,
      refetchInterval: (query: { state: { data?: Generation } }) =>
        query.state.data && !isGenerationActive(query.state.data) ? false : FALLBACK_POLL_INTERVAL,
      staleTime: 0,
    })),
  });

  // Polled answers go into the gallery lists (live events do that themselves).
  const signature = results.map((result) => `${result.data?.id}:${result.data?.status}:${result.dataUpdatedAt}`).join('|');
  const applyPolledAnswers = useEffectEvent(() => {
    if (connected) return;
    for (const result of results) {
      const generation = result.data;
      if (!generation) continue;
      const listed = active.find((entry) => entry.id === generation.id);
      if (listed && (listed.status !== generation.status || !isGenerationActive(generation))) {
        updateGenerationInLists(queryClient, generation);
      }
    }
  });
  // Runs when any polled generation's status or data changes (the signature), not on every render.
  useEffect(() => {
    applyPolledAnswers();
  }, [signature]);

  // A generation that leaves the active list and is now finished has ended: tell `onEnded` once.
  const previousIds = useRef(new Set<string>());
  const notifyEnded = useEffectEvent((generation: Generation) => onEnded?.(generation));
  useEffect(() => {
    const currentIds = new Set(active.map((generation) => generation.id));
    for (const id of previousIds.current) {
      if (currentIds.has(id)) continue;
      const generation = queryClient.getQueryData<Generation>(generationKeys.one(id));
      if (generation && !isGenerationActive(generation)) notifyEnded(generation);
    }
    previousIds.current = currentIds;
  }, [active, queryClient]);
}
