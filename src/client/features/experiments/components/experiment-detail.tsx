import clsx from 'clsx';
import { Columns2, Copy, Download, FileJson, Pencil, Trash2 } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { AcceptedGenerationRequest } from '../../../../catalog/request.ts';
import { Button } from '../../../components/ui/button.tsx';
import { showToast } from '../../../components/ui/toaster.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formatUsd, formatUsdRange } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useDeleteExperiment } from '../api/delete-experiment.ts';
import { experimentExportUrls, type Experiment } from '../api/experiment-types.ts';
import { useRetryExperimentCell } from '../api/retry-experiment-cell.ts';
import { useUpdateExperiment } from '../api/update-experiment.ts';
import { useLiveExperiment } from '../hooks/use-live-experiment.ts';
import { CompareDialog } from './compare-dialog.tsx';
import { ExperimentCellCard } from './experiment-cell-card.tsx';
import { GridFrame } from './grid-frame.tsx';

/** Props of `ExperimentDetail`. */
export interface ExperimentDetailProps {
  id: string;
  onUseSettings: (request: AcceptedGenerationRequest) => void;
  onDuplicate: (experiment: Experiment) => void;
  onDeleted: () => void;
}

const linkButton =
  'inline-flex h-7 items-center gap-1.5 rounded-md border border-line-strong bg-raised px-2.5 text-[12px] font-medium ' +
  'text-zinc-200 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent';

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

/** A saved experiment: its grid filling live, with compare, favourite, Retry, "Use these settings", rename, export, duplicate and delete. */
export function ExperimentDetail({ id, onUseSettings, onDuplicate, onDeleted }: ExperimentDetailProps) {
  const { data: experiment, error, isLoading } = useLiveExperiment(id);
  const update = useUpdateExperiment();
  const retry = useRetryExperimentCell();
  const remove = useDeleteExperiment();
  const [selected, setSelected] = useState<number[]>([]);
  const [comparing, setComparing] = useState<number[] | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const running = experiment?.status === 'running';
  const now = useNow(1000, running);

  const toggleSelected = useCallback((index: number) => {
    setSelected((current) => (current.includes(index) ? current.filter((entry) => entry !== index) : [...current, index].slice(-2)));
  }, []);
  const toggleFavourite = useCallback(
    (index: number) => {
      const favouriteCell = experiment?.favouriteCell === index ? null : index;
      update.mutate(
        { id, changes: { favouriteCell } },
        { onError: (failure) => showToast(errorText(failure, 'The favourite was not saved.'), { tone: 'error' }) },
      );
    },
    [experiment?.favouriteCell, id, update],
  );
  const onRetry = useCallback(
    (index: number) =>
      retry.mutate({ id, index }, { onError: (failure) => showToast(errorText(failure, 'The cell could not be run again.'), { tone: 'error' }) }),
    [id, retry],
  );
  const onOpen = useCallback(
    (index: number) => {
      // With one other cell picked for comparison, opening a cell compares the two; otherwise it shows that cell large.
      const [picked] = selected;
      const other = selected.length === 1 && picked !== undefined && picked !== index ? picked : index;
      setComparing(other !== index ? [other, index] : [index, index]);
    },
    [selected],
  );

  if (isLoading)
    return (
      <p role="status" className="p-6 text-[13px] text-zinc-400">
        Loading the experiment…
      </p>
    );
  if (error || !experiment)
    return (
      <p role="alert" className="p-6 text-[13px] text-red-300">
        {errorText(error, 'This experiment could not be loaded.')}
      </p>
    );

  const finished = experiment.cells.filter((cell) => cell.status !== 'queued' && cell.status !== 'running').length;
  const columns = experiment.layout?.columns ?? Math.min(4, experiment.cells.length);
  const urls = experimentExportUrls(experiment.id);
  const estimate =
    experiment.estimatedCost.total !== null
      ? formatUsd(experiment.estimatedCost.total)
      : formatUsdRange(experiment.estimatedCost.min, experiment.estimatedCost.max);
  const title = experiment.name ?? 'Untitled experiment';
  const compareFirst = comparing?.[0] === undefined ? undefined : experiment.cells[comparing[0]];
  const compareSecond = comparing?.[1] === undefined ? undefined : experiment.cells[comparing[1]];

  const saveName = () => {
    if (renaming === null) return;
    update.mutate(
      { id, changes: { name: renaming.trim() || null } },
      { onSuccess: () => setRenaming(null), onError: (failure) => showToast(errorText(failure, 'The name was not saved.'), { tone: 'error' }) },
    );
  };

  return (
    <div className="space-y-4">
      <header className="space-y-3">
        <div className="min-w-0">
          {renaming === null ? (
            <div className="flex items-center gap-1.5">
              <h2 className="truncate text-[17px] font-semibold text-white">{title}</h2>
              <Button size="icon" variant="ghost" aria-label="Rename the experiment" onClick={() => setRenaming(experiment.name ?? '')}>
                <Pencil size={13} aria-hidden />
              </Button>
            </div>
          ) : (
            <form
              className="flex items-center gap-1.5"
              onSubmit={(event) => {
                event.preventDefault();
                saveName();
              }}
            >
              <input
                autoFocus
                aria-label="Experiment name"
                value={renaming}
                maxLength={200}
                onChange={(event) => setRenaming(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') setRenaming(null);
                }}
                className={clsx(
                  'h-8 w-[320px] rounded-md border border-line',
                  'bg-raised px-2.5 text-[13px] text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent',
                )}
              />
              <Button type="submit" size="sm" variant="primary">
                Save
              </Button>
              <Button size="sm" onClick={() => setRenaming(null)}>
                Cancel
              </Button>
            </form>
          )}
          <p className="mt-0.5 line-clamp-2 text-[12.5px] text-zinc-400">{experiment.cells[0]?.request.prompt}</p>
          <p className="mt-1 flex flex-wrap gap-x-3 text-[12px] text-zinc-500 tabular">
            <span role="status" data-testid="experiment-status" className={running ? 'text-accent' : 'text-emerald-300'}>
              {running ? `Running: ${finished} of ${experiment.cells.length} done` : `Finished: ${experiment.cells.length} cells`}
            </span>
            <span>Estimate {estimate}</span>
            <span>Billed {experiment.actualCost !== null ? formatUsd(experiment.actualCost) : 'nothing reported yet'}</span>
            <span>{new Date(experiment.createdAt).toLocaleString()}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Button size="sm" variant={selected.length === 2 ? 'primary' : 'secondary'} disabled={selected.length !== 2} onClick={() => setComparing(selected)}>
            <Columns2 size={13} aria-hidden /> Compare {selected.length === 2 ? `cells ${selected.map((index) => index + 1).join(' and ')}` : 'two cells'}
          </Button>
          <a className={linkButton} href={urls.contactSheet} download>
            <Download size={13} aria-hidden /> Contact sheet
          </a>
          <a className={linkButton} href={urls.json} download>
            <FileJson size={13} aria-hidden /> JSON
          </a>
          <Button size="sm" onClick={() => onDuplicate(experiment)}>
            <Copy size={13} aria-hidden /> Duplicate with changes
          </Button>
          {confirmDelete ? (
            <>
              <Button
                size="sm"
                variant="danger"
                autoFocus
                onClick={() =>
                  remove.mutate(id, {
                    onSuccess: onDeleted,
                    onError: (failure) => showToast(errorText(failure, 'The experiment was not deleted.'), { tone: 'error' }),
                  })
                }
              >
                <Trash2 size={13} aria-hidden /> Delete it and its {experiment.cells.length} images
              </Button>
              <Button size="sm" onClick={() => setConfirmDelete(false)}>
                Keep
              </Button>
            </>
          ) : (
            <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)}>
              <Trash2 size={13} aria-hidden /> Delete
            </Button>
          )}
        </div>
      </header>
      <GridFrame columns={columns} columnLabels={experiment.layout?.columnLabels ?? []} rowLabels={experiment.layout?.rowLabels ?? []} label="Experiment cells">
        {experiment.cells.map((cell) => (
          <ExperimentCellCard
            key={cell.index}
            cell={cell}
            now={now}
            favourite={experiment.favouriteCell === cell.index}
            selected={selected.includes(cell.index)}
            selectable={selected.length < 2}
            onToggleFavourite={toggleFavourite}
            onToggleSelected={toggleSelected}
            onRetry={onRetry}
            onUseSettings={onUseSettings}
            onOpen={onOpen}
          />
        ))}
      </GridFrame>
      {compareFirst && compareSecond && <CompareDialog cells={[compareFirst, compareSecond]} onClose={() => setComparing(null)} />}
    </div>
  );
}
