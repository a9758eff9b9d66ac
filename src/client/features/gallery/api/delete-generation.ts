import { requestJson } from '../../../lib/api-client.ts';

/** `DELETE /api/generations/:id`: 204; its image files go too unless another generation uses them. */
export function deleteGeneration(id: string): Promise<void> {
  return requestJson<void>(`/api/generations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
