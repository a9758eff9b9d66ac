import type { GenerationRequest } from '../../catalog/request.ts';

/**
 * Where a new experiment starts from: a request (prompt, references, size,
 * offering) handed over by the app from the studio form or from a gallery
 * result. Shared by the app (which fills it) and the experiments feature
 * (which reads it), so neither feature imports the other.
 */
export interface ExperimentStart {
  request: GenerationRequest;
  /** What it came from, for the builder's note: "the studio form", "a gallery result". */
  origin: string;
  /** Which axes to open with: "Compare across models" opens models x providers. */
  axes?: { rows: string; columns: string };
}

let pending: ExperimentStart | null = null;

/** Leaves a start for the Experiments view to pick up on its next open ("Compare across models"). */
export function setPendingExperimentStart(start: ExperimentStart): void {
  pending = start;
}

/** The start left by `setPendingExperimentStart`, once; `null` when there is none. */
export function takePendingExperimentStart(): ExperimentStart | null {
  const start = pending;
  pending = null;
  return start;
}
