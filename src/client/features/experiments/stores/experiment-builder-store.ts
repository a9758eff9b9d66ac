import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import type { AspectRatio, ModelId, ProviderId, Resolution } from '../../../../catalog/types.ts';
import type { ExperimentStart } from '../../../lib/experiment-start.ts';

/** What one axis of the grid varies. `none`: the grid has no second axis. */
export type AxisKind = 'none' | 'model' | 'provider' | 'resolution' | 'aspectRatio' | 'thinking' | 'webSearch' | 'imageSearch' | 'seed' | 'prompt';

/** One axis: what it varies and which values are ticked (value ids as `AXIS_OPTIONS` names them). */
export interface Axis {
  kind: AxisKind;
  values: string[];
}

/** One row of the free list of variants: a whole offering and size. */
export interface ListVariant {
  key: string;
  model: ModelId;
  provider: ProviderId;
  resolution: Resolution;
  aspectRatio: AspectRatio;
  /** `off` leaves thinking out. */
  thinking: 'off' | 'minimal' | 'high';
}

interface BuilderState {
  /** Whether the builder was started (from the studio form, a result, or a duplicate). */
  started: boolean;
  /** What the builder started from, in words. */
  origin: string;
  name: string;
  /** The request every cell starts from (prompt, references, offering, size). */
  base: GenerationRequest;
  mode: 'grid' | 'list';
  rows: Axis;
  columns: Axis;
  /** Seeds of the `seed` axis, one per value. */
  seeds: number[];
  /** The second prompt of the `prompt` axis. */
  secondPrompt: string;
  list: ListVariant[];
  /** Ask before running a grid whose upper bound passes this many USD. */
  confirmAboveUsd: number;
  start: (start: ExperimentStart) => void;
  duplicate: (input: { name: string; base: GenerationRequest; variants: ListVariant[] }) => void;
  setName: (name: string) => void;
  setPrompt: (prompt: string) => void;
  removeReference: (index: number) => void;
  setMode: (mode: 'grid' | 'list') => void;
  setAxis: (which: 'rows' | 'columns', kind: AxisKind) => void;
  toggleAxisValue: (which: 'rows' | 'columns', value: string) => void;
  setSecondPrompt: (prompt: string) => void;
  setSeedCount: (count: number) => void;
  addListVariant: () => void;
  updateListVariant: (key: string, patch: Partial<ListVariant>) => void;
  removeListVariant: (key: string) => void;
  setConfirmAboveUsd: (amount: number) => void;
}

/** A seed within 0..2^31-1 (every seed-taking offering accepts that range). */
function drawSeed(): number {
  return Math.floor(Math.random() * 2_147_483_647);
}

/** The values an axis starts with: what the base uses plus the most telling alternative. */
function defaultAxisValues(kind: AxisKind, base: GenerationRequest, secondPromptSeeds: number[]): string[] {
  switch (kind) {
    case 'model':
      return base.model === 'nano-banana-2' ? ['nano-banana-2', 'nano-banana-pro'] : [base.model, 'nano-banana-2'];
    case 'provider':
      return base.provider === 'local' ? ['local', 'runware'] : [base.provider, 'local'];
    case 'resolution':
      return ['1K', '2K'];
    case 'aspectRatio':
      return base.aspectRatio && base.aspectRatio !== '1:1' && base.aspectRatio !== 'auto' ? ['1:1', base.aspectRatio] : ['1:1', '16:9'];
    case 'thinking':
      return ['minimal', 'high'];
    case 'webSearch':
    case 'imageSearch':
      return ['off', 'on'];
    case 'seed':
      return secondPromptSeeds.map((_seed, index) => `seed-${index}`);
    case 'prompt':
      return ['first', 'second'];
    default:
      return [];
  }
}

function listVariantFrom(base: GenerationRequest): ListVariant {
  return {
    key: crypto.randomUUID(),
    model: base.model,
    provider: base.provider,
    resolution: base.resolution ?? '1K',
    aspectRatio: base.aspectRatio ?? '1:1',
    thinking: base.thinking ?? 'off',
  };
}

const EMPTY_BASE: GenerationRequest = { provider: 'local', model: 'nano-banana-2', prompt: '', resolution: '1K', aspectRatio: '1:1' };

/** The experiment builder: base request, axes or list, and the confirmation threshold (kept in localStorage). */
export const useExperimentBuilderStore = create<BuilderState>()(
  persist(
    (set, get) => ({
      started: false,
      origin: '',
      name: '',
      base: EMPTY_BASE,
      mode: 'grid',
      rows: { kind: 'model', values: [] },
      columns: { kind: 'provider', values: [] },
      seeds: [drawSeed(), drawSeed(), drawSeed()],
      secondPrompt: '',
      list: [],
      confirmAboveUsd: 1,
      start: ({ request, origin, axes }) => {
        const base: GenerationRequest = { ...request, numberResults: 1 };
        delete base.seed;
        const rowsKind = (axes?.rows ?? 'model') as AxisKind;
        const columnsKind = (axes?.columns ?? 'provider') as AxisKind;
        const seeds = get().seeds;
        set({
          started: true,
          origin,
          name: '',
          base,
          mode: 'grid',
          rows: { kind: rowsKind, values: defaultAxisValues(rowsKind, base, seeds) },
          columns: { kind: columnsKind, values: defaultAxisValues(columnsKind, base, seeds) },
          list: [listVariantFrom(base)],
        });
      },
      duplicate: ({ name, base, variants }) =>
        set({ started: true, origin: 'a saved experiment', name, base, mode: 'list', list: variants.length > 0 ? variants : [listVariantFrom(base)] }),
      setName: (name) => set({ name }),
      setPrompt: (prompt) => set((state) => ({ base: { ...state.base, prompt } })),
      removeReference: (index) =>
        set((state) => {
          const references = (state.base.referenceImages ?? []).filter((_reference, position) => position !== index);
          const base: GenerationRequest = { ...state.base, referenceImages: references };
          if (references.length === 0) delete base.referenceImages;
          return { base };
        }),
      setMode: (mode) => set({ mode }),
      setAxis: (which, kind) => set((state) => ({ [which]: { kind, values: defaultAxisValues(kind, state.base, state.seeds) } })),
      toggleAxisValue: (which, value) =>
        set((state) => {
          const axis = state[which];
          const values = axis.values.includes(value) ? axis.values.filter((entry) => entry !== value) : [...axis.values, value];
          return { [which]: { ...axis, values } };
        }),
      setSecondPrompt: (secondPrompt) => set({ secondPrompt }),
      setSeedCount: (count) =>
        set((state) => {
          const seeds = Array.from({ length: count }, (_value, index) => state.seeds[index] ?? drawSeed());
          const values = seeds.map((_seed, index) => `seed-${index}`);
          const patch = (axis: Axis) => (axis.kind === 'seed' ? { ...axis, values } : axis);
          return { seeds, rows: patch(state.rows), columns: patch(state.columns) };
        }),
      addListVariant: () => set((state) => ({ list: [...state.list, { ...(state.list.at(-1) ?? listVariantFrom(state.base)), key: crypto.randomUUID() }] })),
      updateListVariant: (key, patch) => set((state) => ({ list: state.list.map((variant) => (variant.key === key ? { ...variant, ...patch } : variant)) })),
      removeListVariant: (key) => set((state) => ({ list: state.list.filter((variant) => variant.key !== key) })),
      setConfirmAboveUsd: (confirmAboveUsd) => set({ confirmAboveUsd }),
    }),
    {
      name: 'banana-studio:experiment-builder',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ confirmAboveUsd: state.confirmAboveUsd }),
    },
  ),
);
