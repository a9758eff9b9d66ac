import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { experimentKeys } from './experiment-types.ts';

/** `DELETE /api/experiments/:id`: the experiment and its cells' generations and files. */
function deleteExperiment(id: string): Promise<void> {
  return requestJson<undefined>(`/api/experiments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Deletes an experiment and drops it from the cache (the app refreshes the gallery, whose cells went with it). */
export function useDeleteExperiment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: experimentKeys.remove(),
    mutationFn: deleteExperiment,
    onSuccess: (_answer, id) => {
      queryClient.removeQueries({ queryKey: experimentKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
    },
  });
}
