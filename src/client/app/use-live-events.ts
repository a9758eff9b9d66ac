import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Generation } from '../api/types.ts';
import { generationKeys } from '../features/gallery/api/generation-keys.ts';
import { prependGenerationToLists, removeGenerationFromLists, updateGenerationInLists } from '../features/gallery/api/get-generations.ts';
import { isGenerationActive } from '../features/gallery/api/get-generation.ts';
import { experimentKeys, type Experiment } from '../features/experiments/api/experiment-types.ts';
import { useLiveConnectionStore } from '../lib/live-connection-store.ts';
import { refreshSpend } from './cross-feature-refreshes.ts';

/** The live events endpoint (docs/API.md "Live events"). */
const LIVE_EVENTS_PATH = '/api/events';
/** First wait before reconnecting after the stream drops, ms; doubled after each failure up to `MAX_RECONNECT_DELAY_MS`. */
const FIRST_RECONNECT_DELAY_MS = 500;
/** Longest wait between reconnection attempts, ms. */
const MAX_RECONNECT_DELAY_MS = 30_000;

/** Handles one kind of live event: `data` is the event's parsed JSON. */
type LiveEventHandler = (data: unknown, queryClient: QueryClient) => void;

/**
 * Writes an event's copy of a query into the cache. A fetch of the same query still in flight was answered before this
 * event was sent (or it would carry the change): it is cancelled, so it cannot land after the event and undo it.
 */
function setFromEvent(queryClient: QueryClient, queryKey: readonly unknown[], data: unknown): void {
  void queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData(queryKey, data);
}

function applyGeneration(data: unknown, queryClient: QueryClient): void {
  const generation = data as Generation;
  setFromEvent(queryClient, generationKeys.one(generation.id), generation);
  updateGenerationInLists(queryClient, generation);
  // A new generation made elsewhere (another tab, an experiment) joins the loaded lists it matches (no duplicates).
  if (generation.status === 'queued') prependGenerationToLists(queryClient, generation);
  if (!isGenerationActive(generation)) refreshSpend(queryClient);
}

/**
 * What each live event kind does to the query cache. A small dispatch table:
 * other features (experiments) add their kinds here; unknown kinds are ignored.
 */
export const LIVE_EVENT_HANDLERS: Record<string, LiveEventHandler> = {
  generation: applyGeneration,
  'generation-deleted': (data, queryClient) => {
    const { id } = data as { id: string };
    removeGenerationFromLists(queryClient, id);
    queryClient.removeQueries({ queryKey: generationKeys.one(id) });
  },
  // The server publishes the whole experiment (cells with their generations) when it is created and each time a cell ends.
  experiment: (data, queryClient) => {
    const experiment = data as Experiment;
    setFromEvent(queryClient, experimentKeys.one(experiment.id), experiment);
    void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
  },
  'experiment-deleted': (data, queryClient) => {
    const { id } = data as { id: string };
    queryClient.removeQueries({ queryKey: experimentKeys.one(id) });
    void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
  },
};

/**
 * One EventSource on `/api/events` for the whole studio: each event goes
 * through `LIVE_EVENT_HANDLERS` into the TanStack Query cache. When the
 * stream drops it reconnects with exponential backoff (0.5 s doubling up to
 * 30 s); the connection state (`useLiveConnectionStore`) lets the gallery
 * poll only while the stream is down. After a reconnect the loaded lists are
 * refetched once, for what changed meanwhile.
 */
export function useLiveEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const { setConnected } = useLiveConnectionStore.getState();
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RECONNECT_DELAY_MS;
    let openedBefore = false;
    let stopped = false;

    const connect = () => {
      source = new EventSource(LIVE_EVENTS_PATH);
      source.onopen = () => {
        delay = FIRST_RECONNECT_DELAY_MS;
        setConnected(true);
        if (openedBefore) void queryClient.invalidateQueries({ queryKey: generationKeys.lists() });
        openedBefore = true;
      };
      source.onerror = () => {
        source?.close();
        source = null;
        setConnected(false);
        if (stopped) return;
        retryTimer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
      };
      for (const [type, handler] of Object.entries(LIVE_EVENT_HANDLERS)) {
        source.addEventListener(type, (event) => {
          try {
            handler(JSON.parse((event as MessageEvent<string>).data) as unknown, queryClient);
          } catch {
            // A malformed event must not stop the stream; the next change or a refetch corrects the view.
          }
        });
      }
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
      setConnected(false);
    };
  }, [queryClient]);
}
