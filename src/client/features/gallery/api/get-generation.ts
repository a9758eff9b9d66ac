import { requestJson } from '../../../lib/api-client.ts';
import type { Generation } from '../../../api/types.ts';

/** `GET /api/generations/:id`; raises `ApiError` (404 `not_found`). */
export function getGeneration(id: string, signal?: AbortSignal): Promise<Generation> {
  return requestJson<Generation>(`/api/generations/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Whether a generation may still change (the gallery polls these). */
export function isGenerationActive(generation: Generation): boolean {
  return generation.status === 'queued' || generation.status === 'running';
}
