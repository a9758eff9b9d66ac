import { requestJson } from '../../../lib/api-client.ts';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import type { Generation } from '../../../api/types.ts';

/**
 * `POST /api/generations`: 202 with the Generation (`queued` or `running`).
 * Raises `ApiError` with the server's message (400 `invalid_request`,
 * `provider_not_configured`, `budget_exceeded`, ...).
 */
export function createGeneration(request: GenerationRequest): Promise<Generation> {
  return requestJson<Generation>('/api/generations', { method: 'POST', json: request });
}
