import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CatalogIndex } from '../../../../catalog/catalog-index.ts';
import { estimateCost } from '../../../../catalog/estimate.ts';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import { MODEL_IDS, PROVIDER_IDS, RESOLUTIONS, type CostEstimate } from '../../../../catalog/types.ts';
import { validateGenerationRequest } from '../../../../catalog/validate.ts';
import { useCatalogIndex, useConfiguredProviders } from '../../../api/get-catalog.ts';
import type { ExperimentBody, ExperimentLayout } from '../api/experiment-types.ts';
import { useExperimentBuilderStore, type Axis, type AxisKind, type ListVariant } from '../stores/experiment-builder-store.ts';

/** Most cells in one experiment (docs/API.md "Experiments"). */
export const MAX_CELLS = 24;

/** Aspect ratios the builder offers as an axis (the common ones; the studio form offers every one). */
const AXIS_ASPECT_RATIOS = ['1:1', '3:2', '2:3', '4:3', '3:4', '4:5', '16:9', '9:16', '21:9'];

/** One value of an axis: its id, its label for designers, and what it lays over the base request (`null` leaves a field out). */
export interface AxisOption {
  value: string;
  label: string;
  patch: Record<string, unknown>;
}

/** The axes a designer can pick, with their labels. */
export const AXIS_KINDS: Array<{ kind: AxisKind; label: string }> = [
  { kind: 'none', label: 'Nothing' },
  { kind: 'model', label: 'Model' },
  { kind: 'provider', label: 'Provider' },
  { kind: 'resolution', label: 'Resolution' },
  { kind: 'aspectRatio', label: 'Aspect ratio' },
  { kind: 'thinking', label: 'Thinking' },
  { kind: 'webSearch', label: 'Web search' },
  { kind: 'imageSearch', label: 'Image search' },
  { kind: 'seed', label: 'Seed' },
  { kind: 'prompt', label: 'Prompt' },
];

/** Every value an axis can take, in display order. */
export function axisOptions(kind: AxisKind, seeds: number[], secondPrompt: string, catalog: CatalogIndex): AxisOption[] {
  switch (kind) {
    case 'model':
      return MODEL_IDS.map((model) => ({ value: model, label: catalog.modelName(model), patch: { model } }));
    case 'provider':
      return PROVIDER_IDS.map((provider) => ({ value: provider, label: catalog.providerName(provider), patch: { provider } }));
    case 'resolution':
      return RESOLUTIONS.map((resolution) => ({ value: resolution, label: resolution, patch: { resolution } }));
    case 'aspectRatio':
      return AXIS_ASPECT_RATIOS.map((aspectRatio) => ({ value: aspectRatio, label: aspectRatio, patch: { aspectRatio } }));
    case 'thinking':
      return [
        { value: 'off', label: 'Thinking off', patch: { thinking: null } },
        { value: 'minimal', label: 'Thinking minimal', patch: { thinking: 'minimal' } },
        { value: 'high', label: 'Thinking high', patch: { thinking: 'high' } },
      ];
    case 'webSearch':
      return [
        { value: 'off', label: 'Web search off', patch: { webSearch: false } },
        { value: 'on', label: 'Web search on', patch: { webSearch: true } },
      ];
    case 'imageSearch':
      return [
        { value: 'off', label: 'Image search off', patch: { imageSearch: false } },
        { value: 'on', label: 'Image search on', patch: { imageSearch: true } },
      ];
    case 'seed':
      return seeds.map((seed, index) => ({ value: `seed-${index}`, label: `Seed ${seed}`, patch: { seed } }));
    case 'prompt':
      return [
        { value: 'first', label: 'Prompt 1', patch: {} },
        { value: 'second', label: 'Prompt 2', patch: { prompt: secondPrompt } },
      ];
    default:
      return [];
  }
}

/** One cell of the planned grid. */
export interface PlannedCell {
  key: string;
  /** Row and column labels (empty for a plain list). */
  rowLabel: string;
  columnLabel: string;
  /** "Runware · Nano Banana 2". */
  offeringLabel: string;
  /** What this cell lays over the base (sent as its variant). */
  variant: Record<string, unknown>;
  /** The cell's whole request, as the server will check it. */
  request: Record<string, unknown>;
  /** Base settings this offering does not take, left out for this cell (shown, never silent). */
  adaptations: string[];
  /** Why this offering cannot do the cell; `null` when it can. */
  disabledReason: string | null;
  estimate: CostEstimate | null;
}

/** The planned experiment: its cells, their total, and the body to send. */
export interface ExperimentPlan {
  cells: PlannedCell[];
  /** Cells per row on screen. */
  columns: number;
  rowLabels: string[];
  columnLabels: string[];
  runnable: PlannedCell[];
  /** Sum over runnable cells, USD: expected (`null` when any is unpublished), lowest and highest (`null`: no upper bound). */
  total: { expected: number | null; min: number; max: number | null };
  /** Why nothing can run yet (too many cells, empty prompt, ...); `null` when it can. */
  blocker: string | null;
  body: ExperimentBody | null;
}

const FEATURE_NAMES: Record<string, string> = { thinking: 'thinking', webSearch: 'web search', imageSearch: 'image search' };

/** Lays `patch` over `request` (a `null` removes the field). */
function lay(request: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result = { ...request };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(result, field);
    else result[field] = value;
  }
  return result;
}

function planCell(
  base: GenerationRequest,
  patch: Record<string, unknown>,
  configured: Set<string>,
  catalog: CatalogIndex,
  labels: { row: string; column: string },
): PlannedCell {
  const variant: Record<string, unknown> = { ...patch };
  let request = lay(base, variant);
  const provider = request.provider as GenerationRequest['provider'];
  const model = request.model as GenerationRequest['model'];
  const offering = catalog.getOffering(provider, model);
  const offeringLabel = `${catalog.providerName(provider)} · ${catalog.modelName(model)}`;
  const adaptations: string[] = [];
  if (offering) {
    // Base settings (not the cell's own) that this offering does not take are left out, and said so.
    const lacks: Record<string, boolean> = {
      thinking: offering.thinkingLevels.length === 0,
      webSearch: !offering.grounding.webSearch,
      imageSearch: !offering.grounding.imageSearch,
    };
    for (const field of Object.keys(lacks)) {
      if (lacks[field] && request[field] !== undefined && !(field in patch)) {
        variant[field] = null;
        // An "off" the offering cannot take changes nothing; an "on" it cannot honour is said.
        if (request[field] !== false) adaptations.push(`No ${FEATURE_NAMES[field]} here`);
      }
    }
    request = lay(base, variant);
  }
  let disabledReason: string | null = null;
  let estimate: CostEstimate | null = null;
  if (!configured.has(provider)) {
    disabledReason = `${catalog.providerName(provider)} is not set up on this studio`;
  } else {
    const result = validateGenerationRequest(request, catalog);
    if (!result.ok) disabledReason = result.issues.map((issue) => issue.message).join('; ');
  }
  if (!disabledReason) {
    try {
      estimate = estimateCost(request as GenerationRequest, catalog);
    } catch {
      estimate = null;
    }
  }
  return {
    key: `${labels.row}|${labels.column}|${JSON.stringify(variant)}`,
    rowLabel: labels.row,
    columnLabel: labels.column,
    offeringLabel,
    variant,
    request,
    adaptations,
    disabledReason,
    estimate,
  };
}

function pickOptions(axis: Axis, seeds: number[], secondPrompt: string, catalog: CatalogIndex): AxisOption[] {
  if (axis.kind === 'none') return [];
  return axisOptions(axis.kind, seeds, secondPrompt, catalog).filter((option) => axis.values.includes(option.value));
}

function listPatch(variant: ListVariant): Record<string, unknown> {
  return {
    model: variant.model,
    provider: variant.provider,
    resolution: variant.resolution,
    aspectRatio: variant.aspectRatio,
    thinking: variant.thinking === 'off' ? null : variant.thinking,
  };
}

/**
 * Plans the experiment from the builder: the grid is the product of the row
 * and column axes (row-major), or the free list; each cell is checked with
 * the catalog (`validateGenerationRequest`, the server's own rules) and
 * priced (`estimateCost`), with no network round trip. Cells an offering
 * cannot do stay in the plan, disabled with the reason.
 */
export function planExperiment(
  state: Pick<ReturnType<typeof useExperimentBuilderStore.getState>, 'base' | 'mode' | 'rows' | 'columns' | 'seeds' | 'secondPrompt' | 'list' | 'name'>,
  configured: Set<string>,
  catalog: CatalogIndex,
): ExperimentPlan {
  const { base } = state;
  let cells: PlannedCell[];
  let columns: number;
  let rowLabels: string[] = [];
  let columnLabels: string[] = [];
  if (state.mode === 'list') {
    cells = state.list.map((variant, index) => planCell(base, listPatch(variant), configured, catalog, { row: '', column: `Variant ${index + 1}` }));
    columns = Math.min(4, Math.max(1, cells.length));
  } else {
    const rows = pickOptions(state.rows, state.seeds, state.secondPrompt, catalog);
    const columnOptions = pickOptions(state.columns, state.seeds, state.secondPrompt, catalog);
    const rowList = rows.length > 0 ? rows : [{ value: '', label: '', patch: {} }];
    const columnList = columnOptions.length > 0 ? columnOptions : [{ value: '', label: '', patch: {} }];
    cells = rowList.flatMap((row) =>
      columnList.map((column) => planCell(base, { ...row.patch, ...column.patch }, configured, catalog, { row: row.label, column: column.label })),
    );
    columns = columnList.length;
    rowLabels = rows.map((row) => row.label);
    columnLabels = columnOptions.map((column) => column.label);
  }
  const runnable = cells.filter((cell) => cell.disabledReason === null);
  const total = runnable.reduce<{ expected: number | null; min: number; max: number | null }>(
    (sum, cell) => ({
      expected: sum.expected === null || cell.estimate?.total == null ? null : sum.expected + cell.estimate.total,
      min: sum.min + (cell.estimate?.min ?? 0),
      max: sum.max === null || cell.estimate?.max == null ? null : sum.max + cell.estimate.max,
    }),
    { expected: 0, min: 0, max: 0 },
  );
  let blocker: string | null = null;
  if (!base.prompt.trim()) blocker = 'Write a prompt first.';
  else if (cells.length > MAX_CELLS) blocker = `This grid has ${cells.length} cells; an experiment holds at most ${MAX_CELLS}. Untick some values.`;
  else if (runnable.length === 0) blocker = cells.length === 0 ? 'Pick at least one value on an axis.' : 'No cell can run: see the reasons on the cells.';
  const allRunnable = runnable.length === cells.length;
  const layout: ExperimentLayout =
    allRunnable && state.mode === 'grid'
      ? { columns, ...(rowLabels.length > 0 ? { rowLabels } : {}), ...(columnLabels.length > 0 ? { columnLabels } : {}) }
      : { columns: Math.min(columns, Math.max(1, runnable.length)) };
  const { seed: _seed, ...baseWithoutSeed } = base;
  const body: ExperimentBody | null = blocker
    ? null
    : {
        ...(state.name.trim() ? { name: state.name.trim() } : {}),
        base: baseWithoutSeed,
        variants: runnable.map((cell) => cell.variant),
        layout,
      };
  return { cells, columns, rowLabels, columnLabels, runnable, total, blocker, body };
}

/** The builder's plan, recomputed when the builder or the configured providers change. */
export function useExperimentPlan(): ExperimentPlan {
  const state = useExperimentBuilderStore(
    useShallow((store) => ({
      base: store.base,
      mode: store.mode,
      rows: store.rows,
      columns: store.columns,
      seeds: store.seeds,
      secondPrompt: store.secondPrompt,
      list: store.list,
      name: store.name,
    })),
  );
  const { configured } = useConfiguredProviders();
  const catalog = useCatalogIndex();
  const configuredKey = [...configured].sort().join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the set is rebuilt each render; its contents are the key
  return useMemo(() => planExperiment(state, configured, catalog), [state, configuredKey, catalog]);
}
