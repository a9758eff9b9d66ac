import type { QueryClient } from '@tanstack/react-query';
import { spendKeys } from '../api/spend-keys.ts';
import { experimentKeys } from '../features/experiments/api/experiment-types.ts';
import { generationKeys } from '../features/gallery/api/generation-keys.ts';

/** Experiment mutations that make or remove generations: the gallery shows their cells. */
const EXPERIMENT_MUTATIONS_CHANGING_GENERATIONS = [experimentKeys.create(), experimentKeys.remove(), experimentKeys.retryCell()];

function sameKey(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((part, index) => part === b[index]);
}

/** A generation ended (live event, polling or the lightbox): billed cost, budget and ledger change. */
export function refreshSpend(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: spendKeys.all });
}

/**
 * The refreshes one feature's change causes in another, in one place (features do not import each other's keys):
 * - an experiment created, deleted or a cell retried: the gallery's lists (its cells are generations);
 * - a generation created or deleted: the spend, budget and ledger (its cost is reserved, or the reservation goes).
 * Subscribes to the query client's mutation cache; returns the unsubscribe function.
 */
export function wireCrossFeatureRefreshes(queryClient: QueryClient): () => void {
  return queryClient.getMutationCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const key = event.mutation.options.mutationKey;
    if (EXPERIMENT_MUTATIONS_CHANGING_GENERATIONS.some((changing) => sameKey(key, changing))) {
      void queryClient.invalidateQueries({ queryKey: generationKeys.all });
    }
    if (sameKey(key, generationKeys.create()) || sameKey(key, generationKeys.remove())) {
      refreshSpend(queryClient);
    }
  });
}
