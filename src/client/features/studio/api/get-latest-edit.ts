import { skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { Generation, GenerationPage } from '../../../api/types.ts';

/** The query key of every "latest edit" lookup. */
const latestEditKey = ['latest-edit'] as const;

/** `GET /api/generations?parent=<id>&limit=1`: the newest edit of a generation, or `null`. */
async function getLatestEdit(generationId: string, signal?: AbortSignal): Promise<Generation | null> {
  const page = await requestJson<GenerationPage>(`/api/generations?parent=${encodeURIComponent(generationId)}&limit=1`, signal ? { signal } : {});
  return page.items[0] ?? null;
}

/**
 * The newest edit of the generation being edited (edit mode), refreshed every
 * 1.5 s while it is still queued or running, so the banner can offer to
 * continue from its result. `generationId` null: nothing is asked.
 */
export function useLatestEdit(generationId: string | null) {
  return useQuery({
    queryKey: [...latestEditKey, generationId],
    queryFn: generationId === null ? skipToken : ({ signal }) => getLatestEdit(generationId, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'queued' || status === 'running' ? 1500 : false;
    },
  });
}

/** Asks again after a generation was submitted (it may be an edit of the image being edited). */
export function refreshLatestEdits(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: latestEditKey });
}
