import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { Generation } from '../../../api/types.ts';
import { generationKeys } from './generation-keys.ts';

/** `GET /api/generations/:id/lineage` (docs/API.md "Editing a result"; `descendants` is the studio's extension). */
export interface Lineage {
  /** Root first, down to the direct parent. */
  ancestors: Generation[];
  /** Direct edits, oldest first. */
  children: Generation[];
  /** Every edit below, oldest first. */
  descendants: Generation[];
}

/** `GET /api/generations/:id/lineage`; raises `ApiError` (404 `not_found`). */
function getLineage(id: string, signal?: AbortSignal): Promise<Lineage> {
  return requestJson<Lineage>(`/api/generations/${encodeURIComponent(id)}/lineage`, signal ? { signal } : {});
}

/**
 * The whole family of a generation: its lineage, then (when it has
 * ancestors) its root's, so the strip shows every branch. `root` is the
 * root generation; `members` every generation of the family, oldest first.
 */
export function useFamily(generation: Generation) {
  return useQuery({
    queryKey: generationKeys.family(generation.id, generation.parent?.generationId ?? null),
    queryFn: async ({ signal }) => {
      const own = await getLineage(generation.id, signal);
      const root = own.ancestors[0] ?? generation;
      const rootLineage = root.id === generation.id ? own : await getLineage(root.id, signal);
      return { root, ancestors: own.ancestors, members: [root, ...rootLineage.descendants] };
    },
    staleTime: 0,
  });
}
