import type { GalleryFilters } from './get-generations.ts';

/**
 * The gallery's query and mutation keys, in one place (TanStack Query key factory). `all` prefixes every list;
 * a generation's own record and its family (lineage strip) have their own prefixes, as the cache holds them apart.
 */
export const generationKeys = {
  /** Every gallery list and gallery mutation. */
  all: ['generations'] as const,
  /** Every list, all filter combinations. */
  lists: () => [...generationKeys.all, 'list'] as const,
  /** One filter combination's infinite list. */
  list: (filters: GalleryFilters) => [...generationKeys.lists(), filters] as const,
  /** One generation as `GET /api/generations/:id` answers it (followed while queued or running). */
  one: (id: string) => ['generation', id] as const,
  /** Every family (lineage strip). */
  families: () => ['family'] as const,
  /** The family of one generation, keyed by its parent too (an edit's family changes with it). */
  family: (id: string, parentId: string | null) => [...generationKeys.families(), id, parentId] as const,
  /** Mutations that create or delete generations (the app refreshes spend when one succeeds). */
  create: () => [...generationKeys.all, 'create'] as const,
  remove: () => [...generationKeys.all, 'delete'] as const,
  cancel: () => [...generationKeys.all, 'cancel'] as const,
};
