import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Generation } from '../api/types.ts';
import { experimentKeys, type Experiment } from '../features/experiments/api/experiment-types.ts';
import { generationKeys } from '../features/gallery/api/generation-keys.ts';
import { furtherAlong } from '../features/gallery/api/get-generations.ts';
import { LIVE_EVENT_HANDLERS } from './use-live-events.ts';

/** A promise and the function that settles it: an answer the test lets arrive when it chooses. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const running = { id: 'experiment-1', status: 'running', cells: [{ index: 0, generation: { status: 'running' } }] } as unknown as Experiment;
const finished = { id: 'experiment-1', status: 'finished', cells: [{ index: 0, generation: { status: 'succeeded' } }] } as unknown as Experiment;

describe('live events against answers already on their way', () => {
  it('an experiment answer sent before the event that finished it does not land after it and undo it', async () => {
    const queryClient = new QueryClient();
    const queryKey = experimentKeys.one('experiment-1');
    queryClient.setQueryData(queryKey, running);
    const answer = deferred<Experiment>();
    const fetching = queryClient.query({ queryKey, queryFn: () => answer.promise, staleTime: 0 });

    LIVE_EVENT_HANDLERS.experiment!(finished, queryClient);
    answer.resolve(running);
    await fetching.catch(() => undefined);

    expect(queryClient.getQueryData(queryKey)).toEqual(finished);
    expect(queryClient.getQueryState(queryKey)?.status).toBe('success');
  });

  it('a gallery page answered before a generation ended keeps the ended copy the event brought', () => {
    const queryClient = new QueryClient();
    const stale = { id: 'generation-1', status: 'running', images: [], request: { prompt: 'A pear' } } as unknown as Generation;
    const ended = { ...stale, status: 'succeeded' } as Generation;
    LIVE_EVENT_HANDLERS.generation!(ended, queryClient);
    const cached = queryClient.getQueryData<Generation>(generationKeys.one('generation-1'));
    expect(cached).toEqual(ended);
    // What the gallery's page query does with each item of an answer (get-generations.ts).
    expect(furtherAlong(cached, stale)).toBe(ended);
    expect(furtherAlong(undefined, stale)).toBe(stale);
    expect(furtherAlong({ ...stale, status: 'queued' }, stale)).toBe(stale);
    expect(furtherAlong(ended, { ...stale, status: 'failed' }).status).toBe('failed');
  });
});
