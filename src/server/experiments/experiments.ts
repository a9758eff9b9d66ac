import { randomUUID } from 'node:crypto';
import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import { ApiError } from '../api-error.ts';
import { checkBudget } from '../budget/budget-reservation.ts';
import { createGeneration, createGenerations, prepareGeneration, storeReferenceImages, type PreparedGeneration } from '../generations/create-generation.ts';
import type { EstimatedCost, Generation, GenerationStatus } from '../store/generations-store.ts';
import type { Studio } from '../studio.ts';
import { expandVariants, experimentBodySchema, shareSeed, type ExperimentLayout } from './expand-variants.ts';
import { ExperimentsStore, type StoredExperiment } from './experiments-store.ts';

/** An experiment is `running` until every cell's generation has ended (or was deleted), then `finished`. */
type ExperimentStatus = 'running' | 'finished';

/** A cell as the API shows it (docs/API.md "Experiments"), with the extensions `status` and `thumbnailUrl`. */
export interface ExperimentCell {
  index: number;
  /** The accepted request. */
  request: AcceptedGenerationRequest;
  /** The cell's generation id; `null` after that generation was deleted on its own. */
  generationId: string | null;
  /** The cell's estimate in USD. */
  estimatedCost: EstimatedCost;
  /** Extension: the generation's status, or `deleted`. */
  status: GenerationStatus | 'deleted';
  /** Extension: the first image's thumbnail URL, or `null` while it has none. */
  thumbnailUrl: string | null;
  /** The Generation, on `GET /api/experiments/:id` (and in `experiment` events) only. */
  generation?: Generation | null;
}

/** docs/API.md "Experiments": the Experiment, plus the extensions `layout`, `favouriteCell`, `actualCost`, `seed`. */
export interface Experiment {
  id: string;
  createdAt: string;
  name: string | null;
  status: ExperimentStatus;
  base: Record<string, unknown>;
  variants: Array<Record<string, unknown>>;
  cells: ExperimentCell[];
  /** Sum of the cells' estimates, USD (`total` null when any cell's is; `max` null when any cell has no upper bound). */
  estimatedCost: EstimatedCost;
  /** Extension: sum of what the providers billed for the cells so far, USD; `null` when none reported a billed cost. */
  actualCost: number | null;
  /** Extension: how the studio lays the cells out; `null` for a plain list. */
  layout: ExperimentLayout | null;
  /** Extension: the cell marked favourite, or `null`. */
  favouriteCell: number | null;
}

/** The answer of `POST /api/experiments?dryRun=true`: the Experiment's body without ids. */
export interface ExperimentDryRun {
  name: string | null;
  base: Record<string, unknown>;
  variants: Array<Record<string, unknown>>;
  cells: Array<{ index: number; request: AcceptedGenerationRequest; estimatedCost: EstimatedCost }>;
  estimatedCost: EstimatedCost;
  /** The seed shared by the cells, or `null` when a cell set its own or no offering takes one. */
  seed: number | null;
  layout: ExperimentLayout | null;
}

/** Every cell checked and estimated; nothing stored yet. Made by `prepareExperiment`, consumed by `createExperimentCells`. */
export interface PreparedExperiment {
  name: string | null;
  base: Record<string, unknown>;
  variants: Array<Record<string, unknown>>;
  layout: ExperimentLayout | null;
  /** One prepared generation per variant, in order. */
  cells: PreparedGeneration[];
  /** The seed drawn for the cells, or `null`. */
  seed: number | null;
  /** Sum of the cells' estimates, USD. */
  estimatedCost: EstimatedCost;
}

const round = (value: number) => Math.round(value * 1e8) / 1e8;

/** Sums estimates in USD: `total` null when any is null, `max` null when any has no upper bound. */
function sumEstimates(estimates: EstimatedCost[]): EstimatedCost {
  const anyNull = (pick: (estimate: EstimatedCost) => number | null) => estimates.some((estimate) => pick(estimate) === null);
  const sum = (pick: (estimate: EstimatedCost) => number | null) => round(estimates.reduce((total, estimate) => total + (pick(estimate) ?? 0), 0));
  return {
    currency: 'USD',
    total: anyNull((estimate) => estimate.total) ? null : sum((estimate) => estimate.total),
    min: sum((estimate) => estimate.min),
    max: anyNull((estimate) => estimate.max) ? null : sum((estimate) => estimate.max),
  };
}

function toEstimatedCost(prepared: PreparedGeneration): EstimatedCost {
  return { currency: 'USD', total: prepared.estimate.total, min: prepared.estimate.min, max: prepared.estimate.max };
}

/** The same refusal with `field` (and every issue's field) naming the cell: `variants.<index>.<field>`. */
function inCell(error: ApiError, index: number): ApiError {
  const prefix = (field: string | undefined) => `variants.${index}${field ? `.${field}` : ''}`;
  const issues = error.issues?.map((issue) => ({ ...issue, field: prefix(issue.field) })) ?? [
    { field: prefix(error.field), message: error.message, allowed: error.allowed ?? [] },
  ];
  return new ApiError(error.status, error.code, `Cell ${index + 1}: ${error.message}`, {
    field: prefix(error.field),
    ...(error.allowed ? { allowed: error.allowed } : {}),
    issues,
  });
}

/**
 * Checks an experiment body (docs/API.md "Experiments") and every cell
 * against its own offering with `prepareGeneration`, storing nothing.
 * Expands the variants over `base`, and gives cells whose offering takes a
 * seed one shared seed when no cell sets its own. Throws ApiError 400: the
 * first bad cell's code with `field: "variants.<i>.<field>"`, and `issues`
 * from every bad cell.
 */
export function prepareExperiment(studio: Studio, body: unknown, random: () => number = Math.random): PreparedExperiment {
  const parsed = experimentBodySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message, allowed: [] }));
    const first = issues[0];
    if (!first) throw new Error('prepareExperiment: the experiment body was refused without an issue');
    throw new ApiError(400, 'invalid_request', `${first.field}: ${first.message}`, { field: first.field, issues });
  }
  const { base, variants } = parsed.data;
  const { cells, seed } = shareSeed(expandVariants(base, variants), random);
  const prepared: PreparedGeneration[] = [];
  const refusals: ApiError[] = [];
  cells.forEach((cell, index) => {
    try {
      prepared.push(prepareGeneration(studio, cell));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refusals.push(inCell(error, index));
    }
  });
  const first = refusals[0];
  if (first) {
    throw new ApiError(first.status, first.code, first.message, {
      ...(first.field ? { field: first.field } : {}),
      ...(first.allowed ? { allowed: first.allowed } : {}),
      issues: refusals.flatMap((refusal) => refusal.issues ?? []),
    });
  }
  return {
    name: parsed.data.name?.trim() || null,
    base,
    variants,
    layout: parsed.data.layout ?? null,
    cells: prepared,
    seed,
    estimatedCost: sumEstimates(prepared.map(toEstimatedCost)),
  };
}

/** The dry-run answer for a prepared experiment. */
export function describeDryRun(prepared: PreparedExperiment): ExperimentDryRun {
  return {
    name: prepared.name,
    base: prepared.base,
    variants: prepared.variants,
    cells: prepared.cells.map((cell, index) => ({ index, request: cell.request, estimatedCost: toEstimatedCost(cell) })),
    estimatedCost: prepared.estimatedCost,
    seed: prepared.seed,
    layout: prepared.layout,
  };
}

function replaceReferences(request: Record<string, unknown>, uploadIds: Map<string, string>): Record<string, unknown> {
  if (!Array.isArray(request.referenceImages)) return request;
  return {
    ...request,
    referenceImages: request.referenceImages.map((reference: unknown) => (typeof reference === 'string' ? (uploadIds.get(reference) ?? reference) : reference)),
  };
}

/**
 * The experiments service of one studio: the store, the `experiment` events
 * and the steps of the experiment lifecycle. One per Studio (`experimentsOf`).
 */
export class ExperimentsService {
  readonly store: ExperimentsStore;
  /** Experiments whose cells are still being created: no status events until they all exist. */
  private readonly creating = new Set<string>();

  constructor(private readonly studio: Studio) {
    this.store = new ExperimentsStore(studio.database);
    studio.events.subscribe((event) => {
      if (event.type !== 'generation') return;
      const { experimentId, status } = event.data;
      if (!experimentId || this.creating.has(experimentId)) return;
      if (status === 'succeeded' || status === 'failed') this.announce(experimentId);
    });
  }

  /**
   * The one place where an experiment whose cells were all validated is
   * stored and its cells created (a budget check-and-reserve belongs at the
   * start of this step). Stores each distinct reference image once, saves the
   * experiment, then creates every cell through `createGeneration`. Returns
   * the Experiment (status `running`). Throws ApiError for a reference image
   * that cannot be stored (`variants.<i>.referenceImages.<j>`), before the
   * experiment is saved.
   */
  async createExperimentCells(prepared: PreparedExperiment): Promise<Experiment> {
    // The whole grid against the budget before anything is stored (402 `budget_exceeded`, refused whole);
    // `createGenerations` checks and reserves again in the transaction that inserts the cells.
    checkBudget(this.studio, prepared.cells);
    const uploadIds = new Map<string, string>();
    for (const [index, cell] of prepared.cells.entries()) {
      const missing = cell.request.referenceImages.filter((reference) => !uploadIds.has(reference));
      if (missing.length === 0) continue;
      let stored: string[];
      try {
        stored = await storeReferenceImages(this.studio, missing);
      } catch (error) {
        throw error instanceof ApiError ? inCell(error, index) : error;
      }
      missing.forEach((reference, position) => {
        const uploadId = stored[position];
        if (uploadId === undefined) throw new Error(`createExperimentCells: reference image ${position + 1} of cell ${index} was not stored`);
        uploadIds.set(reference, uploadId);
      });
    }
    const cells = prepared.cells.map((cell) => ({
      ...cell,
      request: { ...cell.request, referenceImages: cell.request.referenceImages.map((reference) => uploadIds.get(reference) ?? reference) },
    }));
    const id = randomUUID();
    this.creating.add(id);
    try {
      this.store.insertExperiment({
        id,
        createdAt: new Date().toISOString(),
        name: prepared.name,
        base: replaceReferences(prepared.base, uploadIds),
        variants: prepared.variants.map((variant) => replaceReferences(variant, uploadIds)),
        cells: cells.map((cell, index) => ({ index, request: cell.request, estimatedCost: toEstimatedCost(cell) })),
        estimatedCost: prepared.estimatedCost,
        layout: prepared.layout,
      });
      try {
        await createGenerations(
          this.studio,
          cells.map((cell, index) => ({ ...cell, experiment: { id, cell: index } })),
        );
      } catch (error) {
        // Refused at the last step (a budget passed by a concurrent request): no cell was stored, so neither is the experiment.
        this.store.deleteExperimentById(id);
        throw error;
      }
    } finally {
      this.creating.delete(id);
    }
    const experiment = this.getExperiment(id, { embed: true });
    if (!experiment) throw new Error(`createExperimentCells: experiment ${id} was stored but cannot be read back`);
    this.studio.events.publish({ type: 'experiment', data: { ...experiment } });
    // A cell may already have ended while the others were being created.
    if (experiment.status === 'finished') this.announce(id);
    return experiment;
  }

  /** The cells' generations by cell index (deleted ones are absent). */
  private generationsOf(id: string): Map<number, Generation> {
    const byCell = new Map<number, Generation>();
    let cursor: string | undefined;
    do {
      const page = this.studio.generations.listGenerations({ limit: 200, experiment: id, cursor });
      for (const generation of page.items) {
        if (generation.experimentCell !== null) byCell.set(generation.experimentCell, generation);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return byCell;
  }

  /** The stored experiment with its cells' status, thumbnails and costs joined in; `embed` adds each cell's Generation. */
  private toExperiment(stored: StoredExperiment, embed: boolean): Experiment {
    const generations = this.generationsOf(stored.id);
    const cells = stored.cells.map((cell): ExperimentCell => {
      const generation = generations.get(cell.index) ?? null;
      return {
        index: cell.index,
        request: cell.request,
        generationId: generation?.id ?? null,
        estimatedCost: cell.estimatedCost,
        status: generation?.status ?? 'deleted',
        thumbnailUrl: generation?.images[0]?.thumbnailUrl ?? null,
        ...(embed ? { generation } : {}),
      };
    });
    const billedCosts = stored.cells.flatMap((cell) => {
      const cost = generations.get(cell.index)?.actualCost;
      return cost === null || cost === undefined ? [] : [cost];
    });
    const billed = billedCosts.length === 0 ? null : billedCosts.reduce((sum, cost) => sum + cost, 0);
    const running = cells.some((cell) => cell.status === 'queued' || cell.status === 'running');
    return {
      id: stored.id,
      createdAt: stored.createdAt,
      name: stored.name,
      status: running ? 'running' : 'finished',
      base: stored.base,
      variants: stored.variants,
      cells,
      estimatedCost: stored.estimatedCost,
      actualCost: billed === null ? null : round(billed),
      layout: stored.layout,
      favouriteCell: stored.favouriteCell,
    };
  }

  /** The Experiment, or `undefined`; with `embed`, each cell carries its Generation. */
  getExperiment(id: string, options: { embed: boolean }): Experiment | undefined {
    const stored = this.store.getExperimentById(id);
    return stored ? this.toExperiment(stored, options.embed) : undefined;
  }

  /** A page of Experiments, newest first, without embedded generations. */
  listExperiments(query: { limit: number; cursor?: string | undefined }): { items: Experiment[]; nextCursor: string | null } {
    const page = this.store.listExperiments(query);
    return { items: page.items.map((stored) => this.toExperiment(stored, false)), nextCursor: page.nextCursor };
  }

  /**
   * Runs a failed (or deleted) cell again: checks its accepted request anew
   * with `prepareGeneration`, deletes the old generation and its unused files,
   * and creates the cell's new generation through `createGeneration`.
   * Returns the Experiment, or `undefined` when there is no such experiment.
   * Throws ApiError 400 for a cell index it does not have, 409
   * `cell_not_failed` for a cell still running or succeeded, and the
   * validation errors of `prepareGeneration` (`variants.<i>.<field>`).
   */
  async retryCell(id: string, index: number): Promise<Experiment | undefined> {
    const experiment = this.getExperiment(id, { embed: false });
    if (!experiment) return undefined;
    const cell = experiment.cells[index];
    if (!cell) {
      throw new ApiError(400, 'invalid_request', `Cell ${index + 1} does not exist; this experiment has ${experiment.cells.length}.`, {
        field: 'index',
        allowed: [0, experiment.cells.length - 1],
      });
    }
    if (cell.status !== 'failed' && cell.status !== 'deleted') {
      throw new ApiError(409, 'cell_not_failed', `Cell ${index + 1} is ${cell.status}; only a failed or deleted cell can be run again.`);
    }
    let prepared: PreparedGeneration;
    try {
      prepared = prepareGeneration(this.studio, cell.request);
    } catch (error) {
      throw error instanceof ApiError ? inCell(error, index) : error;
    }
    this.creating.add(id);
    try {
      if (cell.generationId) {
        const files = this.studio.generations.deleteGenerationById(cell.generationId);
        if (files) await this.studio.runner.removeUnusedFiles(files);
      }
      await createGeneration(this.studio, prepared, { experiment: { id, cell: index } });
    } finally {
      this.creating.delete(id);
    }
    this.announce(id);
    return this.getExperiment(id, { embed: true });
  }

  /** Publishes the experiment's current state as an `experiment` event. */
  announce(id: string): void {
    const experiment = this.getExperiment(id, { embed: true });
    if (experiment) this.studio.events.publish({ type: 'experiment', data: { ...experiment } });
  }

  /**
   * Deletes the experiment and its cells' generations (cancelling those still
   * running), then the image files no one else uses. Returns false when there
   * is no such experiment.
   */
  async deleteExperiment(id: string): Promise<boolean> {
    if (!this.store.getExperimentById(id)) return false;
    this.creating.add(id);
    try {
      for (const generation of this.generationsOf(id).values()) {
        if (this.studio.runner.cancelGeneration(generation.id)) await this.studio.runner.waitForGeneration(generation.id);
        const files = this.studio.generations.deleteGenerationById(generation.id);
        if (files) await this.studio.runner.removeUnusedFiles(files);
      }
      const deleted = this.store.deleteExperimentById(id);
      if (deleted) this.studio.events.publish({ type: 'experiment-deleted', data: { id } });
      return deleted;
    } finally {
      this.creating.delete(id);
    }
  }
}

const services = new WeakMap<Studio, ExperimentsService>();

/** The studio's experiments service, made on first use (it subscribes to the studio's events once). */
export function experimentsOf(studio: Studio): ExperimentsService {
  let service = services.get(studio);
  if (!service) {
    service = new ExperimentsService(studio);
    services.set(studio, service);
  }
  return service;
}
