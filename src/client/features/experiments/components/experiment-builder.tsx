import clsx from 'clsx';
import * as Dialog from '@radix-ui/react-dialog';
import { FlaskConical, Plus, RotateCcw, X } from 'lucide-react';
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  ASPECT_RATIOS,
  MODEL_IDS,
  PROVIDER_IDS,
  RESOLUTIONS,
  type AspectRatio,
  type ModelId,
  type ProviderId,
  type Resolution,
} from '../../../../catalog/types.ts';
import { Button } from '../../../components/ui/button.tsx';
import { showToast } from '../../../components/ui/toaster.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formatUsd, formatUsdRange } from '../../../lib/format.ts';
import { referenceThumbnailUrl } from '../../../lib/reference-thumbnail.ts';
import { useCreateExperiment } from '../api/create-experiment.ts';
import type { Experiment } from '../api/experiment-types.ts';
import { useCatalogIndex } from '../../../api/get-catalog.ts';
import { AXIS_KINDS, axisOptions, MAX_CELLS, useExperimentPlan, type ExperimentPlan } from '../hooks/use-experiment-plan.ts';
import { useExperimentBuilderStore, type AxisKind, type ListVariant } from '../stores/experiment-builder-store.ts';

const fieldBase =
  'rounded-md border border-line bg-raised px-2.5 ' +
  'py-1.5 text-[13px] text-zinc-100 placeholder:text-zinc-500 focus-visible:outline-2 focus-visible:outline-accent';
const fieldClass = `w-full ${fieldBase}`;
const selectClass = 'h-8 rounded-md border border-line bg-raised px-2 text-[12.5px] text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent';
const sectionTitle = 'text-[11px] font-semibold uppercase tracking-wider text-zinc-500';

/** One axis: what it varies (a select) and which values (toggle chips). */
function AxisEditor({ which, label }: { which: 'rows' | 'columns'; label: string }) {
  const id = useId();
  const axis = useExperimentBuilderStore((state) => state[which]);
  const other = useExperimentBuilderStore((state) => state[which === 'rows' ? 'columns' : 'rows']);
  const { seeds, secondPrompt, setAxis, toggleAxisValue, setSeedCount, setSecondPrompt } = useExperimentBuilderStore(
    useShallow((state) => ({
      seeds: state.seeds,
      secondPrompt: state.secondPrompt,
      setAxis: state.setAxis,
      toggleAxisValue: state.toggleAxisValue,
      setSeedCount: state.setSeedCount,
      setSecondPrompt: state.setSecondPrompt,
    })),
  );
  const catalog = useCatalogIndex();
  const options = axisOptions(axis.kind, seeds, secondPrompt, catalog);
  return (
    <fieldset className="space-y-2 rounded-lg border border-line p-3">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-[12.5px] font-medium text-zinc-200">
          {label}
        </label>
        <select id={id} className={selectClass} value={axis.kind} onChange={(event) => setAxis(which, event.target.value as AxisKind)}>
          {AXIS_KINDS.filter((kind) => kind.kind === 'none' || kind.kind === axis.kind || kind.kind !== other.kind).map((kind) => (
            <option key={kind.kind} value={kind.kind}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      {axis.kind === 'seed' && (
        <label className="flex items-center justify-between gap-2 text-[12px] text-zinc-300">
          <span>Number of seeds</span>
          <input
            aria-label="Number of seeds"
            type="number"
            min={2}
            max={6}
            value={seeds.length}
            onChange={(event) => setSeedCount(Math.max(2, Math.min(6, Number(event.target.value) || 2)))}
            className={`${fieldBase} w-20`}
          />
        </label>
      )}
      {axis.kind === 'prompt' && (
        <label className="block space-y-1 text-[12px] text-zinc-300">
          <span>Second prompt</span>
          <textarea
            aria-label="Second prompt"
            rows={3}
            value={secondPrompt}
            onChange={(event) => setSecondPrompt(event.target.value)}
            className={fieldClass}
            placeholder="The same scene, but…"
          />
        </label>
      )}
      {options.length > 0 && (
        <div role="group" aria-label={`${label}: values`} className="flex flex-wrap gap-1.5">
          {options.map((option) => {
            const pressed = axis.values.includes(option.value);
            return (
              <button
                key={option.value}
                type="button"
                aria-pressed={pressed}
                onClick={() => toggleAxisValue(which, option.value)}
                className={clsx(
                  'rounded-full border px-2.5 py-1 text-[12px] transition-colors focus-visible:outline-2 focus-visible:outline-accent',
                  pressed ? 'border-accent/70 bg-accent/15 text-accent-strong' : 'border-line-strong text-zinc-400 hover:text-zinc-100',
                )}
              >
                {option.label}
              </button>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}

function ListEditor() {
  const { list, addListVariant, updateListVariant, removeListVariant } = useExperimentBuilderStore(
    useShallow((state) => ({
      list: state.list,
      addListVariant: state.addListVariant,
      updateListVariant: state.updateListVariant,
      removeListVariant: state.removeListVariant,
    })),
  );
  const catalog = useCatalogIndex();
  const row = (variant: ListVariant, index: number) => {
    const offering = catalog.getOffering(variant.provider, variant.model);
    const name = `Variant ${index + 1}`;
    return (
      <fieldset key={variant.key} className="rounded-lg border border-line p-2.5">
        <legend className="px-1 text-[12px] font-medium text-zinc-300">{name}</legend>
        <div className="grid grid-cols-2 gap-1.5">
          <select
            aria-label={`${name}: model`}
            className={selectClass}
            value={variant.model}
            onChange={(event) => updateListVariant(variant.key, { model: event.target.value as ModelId })}
          >
            {MODEL_IDS.map((model) => (
              <option key={model} value={model}>
                {catalog.modelName(model)}
              </option>
            ))}
          </select>
          <select
            aria-label={`${name}: provider`}
            className={selectClass}
            value={variant.provider}
            onChange={(event) => updateListVariant(variant.key, { provider: event.target.value as ProviderId })}
          >
            {PROVIDER_IDS.map((provider) => (
              <option key={provider} value={provider}>
                {catalog.providerName(provider)}
              </option>
            ))}
          </select>
          <select
            aria-label={`${name}: resolution`}
            className={selectClass}
            value={variant.resolution}
            onChange={(event) => updateListVariant(variant.key, { resolution: event.target.value as Resolution })}
          >
            {RESOLUTIONS.map((resolution) => (
              <option key={resolution} value={resolution}>
                {resolution}
              </option>
            ))}
          </select>
          <select
            aria-label={`${name}: aspect ratio`}
            className={selectClass}
            value={variant.aspectRatio}
            onChange={(event) => updateListVariant(variant.key, { aspectRatio: event.target.value as AspectRatio })}
          >
            {ASPECT_RATIOS.map((ratio) => (
              <option key={ratio} value={ratio}>
                {ratio === 'auto' ? 'Automatic' : ratio}
              </option>
            ))}
          </select>
          <select
            aria-label={`${name}: thinking`}
            className={selectClass}
            value={variant.thinking}
            onChange={(event) => updateListVariant(variant.key, { thinking: event.target.value as ListVariant['thinking'] })}
          >
            <option value="off">Thinking off</option>
            {(offering?.thinkingLevels ?? ['minimal', 'high']).map((level) => (
              <option key={level} value={level}>
                Thinking {level}
              </option>
            ))}
          </select>
          <Button
            variant="ghost"
            size="md"
            onClick={() => removeListVariant(variant.key)}
            aria-label={`Remove ${name.toLowerCase()}`}
            disabled={list.length <= 1}
          >
            <X size={14} aria-hidden /> Remove
          </Button>
        </div>
      </fieldset>
    );
  };
  return (
    <div className="space-y-2">
      {list.map(row)}
      <Button onClick={addListVariant} disabled={list.length >= MAX_CELLS}>
        <Plus size={14} aria-hidden /> Add variant
      </Button>
    </div>
  );
}

function EstimateSummary({ plan }: { plan: ExperimentPlan }) {
  const skipped = plan.cells.length - plan.runnable.length;
  const { total } = plan;
  return (
    <div aria-live="polite" className="space-y-0.5" data-testid="experiment-estimate">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-[12px] text-zinc-400">
          Estimate for {plan.runnable.length} cell{plan.runnable.length === 1 ? '' : 's'}
        </span>
        <span className="text-[16px] font-semibold text-white tabular">
          {total.expected === null ? formatUsdRange(total.min, total.max) : formatUsd(total.expected)}
        </span>
      </div>
      {(total.max === null || Math.abs(total.max - total.min) > 1e-9) && (
        <p className="text-right text-[11.5px] text-zinc-500 tabular">Range {formatUsdRange(total.min, total.max)}</p>
      )}
      {skipped > 0 && (
        <p className="text-[11.5px] text-amber-300/90">
          {skipped} cell{skipped === 1 ? '' : 's'} cannot run and will be left out (see why on the grid).
        </p>
      )}
    </div>
  );
}

/** The confirmation asked above the designer's threshold. */
function ConfirmRun({
  open,
  amount,
  threshold,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  amount: string;
  threshold: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onCancel();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/70" />
        <Dialog.Content
          role="alertdialog"
          className="fixed left-1/2 top-1/3 z-50 w-[420px] -translate-x-1/2 space-y-3 rounded-xl border border-line-strong bg-panel p-5 shadow-2xl"
        >
          <Dialog.Title className="text-[14px] font-semibold text-white">Run this experiment?</Dialog.Title>
          <Dialog.Description className="text-[13px] text-zinc-300">
            It may cost up to <strong className="text-white tabular">{amount}</strong>, above the {formatUsd(threshold)} you asked to confirm.
          </Dialog.Description>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button>Cancel</Button>
            </Dialog.Close>
            <Button variant="primary" onClick={onConfirm}>
              Run it
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** What the builder asks of the view. */
export interface ExperimentBuilderProps {
  /** Restarts the builder from the studio form's current settings. */
  onStartFromStudio: () => void;
  /** Called with the stored experiment once it runs. */
  onCreated: (experiment: Experiment) => void;
}

/**
 * The experiment builder (left panel): name, prompt and references from the
 * studio form, a grid of up to two axes or a free list of variants, the
 * whole grid's estimate, the confirmation threshold and Run.
 */
export function ExperimentBuilder({ onStartFromStudio, onCreated }: ExperimentBuilderProps) {
  const store = useExperimentBuilderStore(
    useShallow((state) => ({
      origin: state.origin,
      name: state.name,
      base: state.base,
      mode: state.mode,
      confirmAboveUsd: state.confirmAboveUsd,
      setName: state.setName,
      setPrompt: state.setPrompt,
      removeReference: state.removeReference,
      setMode: state.setMode,
      setConfirmAboveUsd: state.setConfirmAboveUsd,
    })),
  );
  const plan = useExperimentPlan();
  const create = useCreateExperiment();
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  const upper = plan.total.max ?? plan.total.min;
  const references = store.base.referenceImages ?? [];
  const catalog = useCatalogIndex();
  const baseOffering = `${catalog.modelName(store.base.model)} on ${catalog.providerName(store.base.provider)}`;

  const run = () => {
    if (!plan.body) return;
    setConfirming(false);
    create.mutate(plan.body, {
      onSuccess: (experiment) => onCreated(experiment),
      onError: (error) => showToast(error instanceof ApiError ? error.message : 'The experiment could not be started.', { tone: 'error' }),
    });
  };
  const onRun = () => {
    if (plan.total.max === null || upper > store.confirmAboveUsd) setConfirming(true);
    else run();
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
        <div className="flex items-start justify-between gap-2">
          <div>
            <h2 className="text-[14px] font-semibold text-white">New experiment</h2>
            <p className="text-[12px] text-zinc-500">
              Started from {store.origin || 'the studio form'}. Every cell starts from {baseOffering}, {store.base.resolution ?? '1K'},{' '}
              {store.base.aspectRatio ?? '1:1'}.
            </p>
          </div>
          <Button variant="ghost" size="sm" onClick={onStartFromStudio} title="Start again from the studio form's current settings">
            <RotateCcw size={13} aria-hidden /> From studio
          </Button>
        </div>
        <div className="space-y-1">
          <label htmlFor="experiment-name" className="block text-[12.5px] font-medium text-zinc-200">
            Name
          </label>
          <input
            id="experiment-name"
            value={store.name}
            onChange={(event) => store.setName(event.target.value)}
            maxLength={200}
            placeholder="Poster: models × providers"
            className={fieldClass}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-prompt`} className="block text-[12.5px] font-medium text-zinc-200">
            Prompt
          </label>
          <textarea id={`${id}-prompt`} rows={4} value={store.base.prompt} onChange={(event) => store.setPrompt(event.target.value)} className={fieldClass} />
        </div>
        {references.length > 0 && (
          <div className="space-y-1">
            <span className="text-[12.5px] font-medium text-zinc-200">Reference images</span>
            <ul className="flex flex-wrap gap-2">
              {references.map((reference, index) => (
                <li key={`${reference}-${index}`} className="relative h-14 w-14 overflow-hidden rounded-md border border-line">
                  <img src={referenceThumbnailUrl(reference)} alt={`Reference image ${index + 1}`} className="h-full w-full object-cover" />
                  <span className="absolute left-0.5 top-0.5 rounded bg-black/70 px-1 text-[10px] font-semibold text-accent">{index + 1}</span>
                  <button
                    type="button"
                    onClick={() => store.removeReference(index)}
                    aria-label={`Remove reference image ${index + 1} from the experiment`}
                    className={clsx(
                      'absolute right-0.5 top-0.5 rounded bg-black/70',
                      'p-0.5 text-zinc-300 hover:text-white focus-visible:outline-2 focus-visible:outline-accent',
                    )}
                  >
                    <X size={11} aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="space-y-2">
          <h3 className={sectionTitle}>What to compare</h3>
          <div role="radiogroup" aria-label="Layout" className="grid grid-cols-2 gap-1 rounded-lg border border-line p-1">
            {(['grid', 'list'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                role="radio"
                aria-checked={store.mode === mode}
                onClick={() => store.setMode(mode)}
                className={clsx(
                  'rounded-md px-2 py-1.5 text-[12.5px] font-medium focus-visible:outline-2 focus-visible:outline-accent',
                  store.mode === mode ? 'bg-zinc-800 text-white' : 'text-zinc-400 hover:text-white',
                )}
              >
                {mode === 'grid' ? 'Grid: rows × columns' : 'List of variants'}
              </button>
            ))}
          </div>
          {store.mode === 'grid' ? (
            <>
              <AxisEditor which="rows" label="Rows" />
              <AxisEditor which="columns" label="Columns" />
            </>
          ) : (
            <ListEditor />
          )}
        </div>
      </div>
      <div className="space-y-3 border-t border-line bg-panel p-4">
        <EstimateSummary plan={plan} />
        <div className="flex items-center justify-between gap-2 text-[12px] text-zinc-400">
          <label htmlFor={`${id}-threshold`}>Confirm runs costing more than</label>
          <span className="flex items-center gap-1">
            <span aria-hidden>$</span>
            <input
              id={`${id}-threshold`}
              type="number"
              min={0}
              step={0.5}
              value={store.confirmAboveUsd}
              onChange={(event) => store.setConfirmAboveUsd(Math.max(0, Number(event.target.value) || 0))}
              className={`${fieldBase} w-20 py-1 tabular`}
            />
          </span>
        </div>
        {plan.blocker && (
          <p role="status" className="text-[12px] text-amber-300/90">
            {plan.blocker}
          </p>
        )}
        <Button variant="primary" size="lg" className="w-full justify-center" disabled={!plan.body || create.isPending} onClick={onRun}>
          <FlaskConical size={15} aria-hidden /> {create.isPending ? 'Starting…' : `Run ${plan.runnable.length} cell${plan.runnable.length === 1 ? '' : 's'}`}
        </Button>
      </div>
      <ConfirmRun
        open={confirming}
        amount={plan.total.max === null ? `an amount with no published upper bound (from ${formatUsd(plan.total.min)})` : formatUsd(upper)}
        threshold={store.confirmAboveUsd}
        onConfirm={run}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
