import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { Experiment, ExperimentDryRun } from '../../../../server/experiments/experiments.ts';
import type { ExperimentLayout } from '../../../../server/experiments/expand-variants.ts';

export type { Experiment, ExperimentCell, ExperimentDryRun, ExperimentStatus } from '../../../../server/experiments/experiments.ts';
export type { ExperimentLayout } from '../../../../server/experiments/expand-variants.ts';

/** The body of `POST /api/experiments` (docs/API.md "Experiments"). */
export interface ExperimentBody {
  name?: string;
  base: Record<string, unknown>;
  variants: Array<Record<string, unknown>>;
  layout?: ExperimentLayout;
}

/** `GET /api/experiments` page. */
export interface ExperimentPage {
  items: Experiment[];
  nextCursor: string | null;
}

/** How often a running experiment is asked for again, ms, until live events take over. */
export const RUNNING_EXPERIMENT_POLL_MS = 700;

/** `POST /api/experiments` (202 Experiment); raises `ApiError` with `field: "variants.<i>.<field>"` for a bad cell. */
export function createExperiment(body: ExperimentBody): Promise<Experiment> {
  return requestJson<Experiment>('/api/experiments', { method: 'POST', json: body });
}

/** `POST /api/experiments?dryRun=true`: every cell checked and estimated by the server; nothing stored. */
export function dryRunExperiment(body: ExperimentBody): Promise<ExperimentDryRun> {
  return requestJson<ExperimentDryRun>('/api/experiments?dryRun=true', { method: 'POST', json: body });
}

/** `GET /api/experiments/:id`: cells with their generations embedded. */
export function getExperiment(id: string, signal?: AbortSignal): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** `GET /api/experiments`: newest first. */
export function getExperiments(signal?: AbortSignal): Promise<ExperimentPage> {
  return requestJson<ExperimentPage>('/api/experiments?limit=60', signal ? { signal } : {});
}

/** `PATCH /api/experiments/:id`: rename (`null` clears) and/or mark the favourite cell (`null` clears). */
export function updateExperiment(id: string, changes: { name?: string | null; favouriteCell?: number | null }): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes });
}

/** `DELETE /api/experiments/:id`: the experiment and its cells' generations. */
export function deleteExperiment(id: string): Promise<void> {
  return requestJson<void>(`/api/experiments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** `POST /api/experiments/:id/cells/:index/retry`: runs a failed cell again; answers the Experiment. */
export function retryExperimentCell(id: string, index: number): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}/cells/${index}/retry`, { method: 'POST' });
}

/** Where the contact sheet PNG and the JSON export of an experiment are downloaded from. */
export function experimentExportUrls(id: string): { contactSheet: string; json: string } {
  const base = `/api/experiments/${encodeURIComponent(id)}`;
  return { contactSheet: `${base}/contact-sheet.png`, json: `${base}/export.json` };
}

/** Query keys of the experiments feature. */
export const experimentKeys = {
  all: ['experiments'] as const,
  list: () => [...experimentKeys.all, 'list'] as const,
  one: (id: string) => [...experimentKeys.all, 'one', id] as const,
};

/**
 * One experiment, asked for again every 700 ms while it is `running` (the one
 * place to switch to live events once `GET /api/events` feeds the cache).
 */
export function experimentQueryOptions(id: string) {
  return queryOptions({
    queryKey: experimentKeys.one(id),
    queryFn: ({ signal }) => getExperiment(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? RUNNING_EXPERIMENT_POLL_MS : false),
  });
}

/** The saved experiments, newest first. */
export function useExperiments() {
  return useQuery({ queryKey: experimentKeys.list(), queryFn: ({ signal }) => getExperiments(signal) });
}

/** Mutations that change an experiment, each refreshing the list and the experiment in the cache. */
export function useExperimentMutations() {
  const queryClient = useQueryClient();
  const store = (experiment: Experiment) => {
    queryClient.setQueryData(experimentKeys.one(experiment.id), experiment);
    void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
  };
  return {
    create: useMutation({ mutationFn: createExperiment, onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, changes }: { id: string; changes: Parameters<typeof updateExperiment>[1] }) => updateExperiment(id, changes),
      onSuccess: store,
    }),
    retry: useMutation({ mutationFn: ({ id, index }: { id: string; index: number }) => retryExperimentCell(id, index), onSuccess: store }),
    remove: useMutation({
      mutationFn: deleteExperiment,
      onSuccess: (_result, id) => {
        queryClient.removeQueries({ queryKey: experimentKeys.one(id) });
        void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
      },
    }),
  };
}
