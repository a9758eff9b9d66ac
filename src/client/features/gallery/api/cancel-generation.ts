import { requestJson } from '../../../lib/api-client.ts';
import type { Generation } from '../../../api/types.ts';

/** `POST /api/generations/:id/cancel`: stops a queued or running generation; answers the Generation. */
export function cancelGeneration(id: string): Promise<Generation | undefined> {
  return requestJson<Generation | undefined>(`/api/generations/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}
