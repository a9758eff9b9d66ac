import type { ValidationResult } from '../../catalog/request.ts';

/** The catalog's request check (`validateGenerationRequest` of src/catalog/validate.ts) without its optional context. */
export type Validator = (input: unknown) => ValidationResult;

let validatorPromise: Promise<Validator> | null = null;

/**
 * Loads the catalog's validator (with zod, about 20 KB gzipped) on first call, as its own chunk, after setting zod up
 * for the Content-Security-Policy; later calls share the same promise. Rejects when the chunk cannot be fetched.
 */
export function loadValidator(): Promise<Validator> {
  validatorPromise ??= import('./zod-content-security.ts')
    .then(() => import('../../catalog/validate.ts'))
    .then((module) => (input: unknown) => module.validateGenerationRequest(input));
  return validatorPromise;
}
