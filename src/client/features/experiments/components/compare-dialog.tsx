import clsx from 'clsx';
import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useState } from 'react';
import type { ExperimentCell } from '../api/experiment-types.ts';
import { describeCell } from './cell-description.ts';

/** Props of `CompareDialog`. */
export interface CompareDialogProps {
  /** The two cells to compare (both with an image); the same cell twice shows that one cell large. */
  cells: [ExperimentCell, ExperimentCell];
  onClose: () => void;
}

function imageOf(cell: ExperimentCell) {
  return cell.generation?.images[0] ?? null;
}

/**
 * Two cells compared: a split view (the second image over the first, cut at
 * a slider the designer moves with the mouse or the arrow keys) or side by
 * side at the same zoom.
 */
export function CompareDialog({ cells, onClose }: CompareDialogProps) {
  const single = cells[0].index === cells[1].index;
  const [mode, setMode] = useState<'split' | 'side' | 'single'>(single ? 'single' : 'split');
  const [position, setPosition] = useState(50);
  const [zoom, setZoom] = useState(1);
  const [left, right] = cells;
  const leftImage = imageOf(left);
  const rightImage = imageOf(right);
  const leftName = `Cell ${left.index + 1}: ${describeCell(left).title}`;
  const rightName = `Cell ${right.index + 1}: ${describeCell(right).title}`;
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/85 backdrop-blur-sm" />
        <Dialog.Content
          className="fixed inset-4 z-50 flex flex-col overflow-hidden rounded-xl border border-line bg-panel shadow-2xl"
          aria-describedby={undefined}
        >
          <div className="flex items-center gap-3 border-b border-line px-4 py-2.5">
            <Dialog.Title className="text-[13px] font-semibold text-zinc-100">{single ? leftName : 'Compare two cells'}</Dialog.Title>
            {!single && (
              <div role="radiogroup" aria-label="Compare as" className="flex gap-1 rounded-lg border border-line p-0.5">
                {(['split', 'side'] as const).map((value) => (
                  <button
                    key={value}
                    type="button"
                    role="radio"
                    aria-checked={mode === value}
                    onClick={() => setMode(value)}
                    className={clsx(
                      'rounded-md px-2.5 py-1 text-[12px] font-medium focus-visible:outline-2 focus-visible:outline-accent',
                      mode === value ? 'bg-zinc-800 text-white' : 'text-zinc-400 hover:text-white',
                    )}
                  >
                    {value === 'split' ? 'Split view' : 'Side by side'}
                  </button>
                ))}
              </div>
            )}
            {mode !== 'split' && (
              <label className="flex items-center gap-2 text-[12px] text-zinc-400">
                <span aria-hidden>Zoom</span>
                <input
                  aria-label="Zoom"
                  aria-valuetext={`${zoom} times`}
                  type="range"
                  min={1}
                  max={4}
                  step={0.25}
                  value={zoom}
                  onChange={(event) => setZoom(Number(event.target.value))}
                  className="accent-[#facc15]"
                />
                <span className="w-9 tabular text-zinc-200">{zoom}×</span>
              </label>
            )}
            <Dialog.Close
              aria-label="Close"
              className="ml-auto rounded p-1 text-zinc-400 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
            >
              <X size={16} aria-hidden />
            </Dialog.Close>
          </div>
          {mode === 'split' ? (
            <div className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 p-4">
              <div className="flex w-full max-w-[1100px] justify-between text-[12px] text-zinc-300">
                <span>◀ {leftName}</span>
                <span>{rightName} ▶</span>
              </div>
              <div data-testid="split-view" className="relative min-h-0 w-full max-w-[1100px] flex-1">
                {leftImage && <img src={leftImage.url} alt={leftName} className="absolute inset-0 h-full w-full object-contain" />}
                {rightImage && (
                  <img
                    src={rightImage.url}
                    alt={rightName}
                    className="absolute inset-0 h-full w-full object-contain"
                    style={{ clipPath: `inset(0 0 0 ${position}%)` }}
                  />
                )}
                <div
                  aria-hidden
                  className="pointer-events-none absolute inset-y-0 w-0.5 bg-accent shadow-[0_0_0_1px_rgba(0,0,0,0.5)]"
                  style={{ left: `${position}%` }}
                />
              </div>
              <input
                type="range"
                min={0}
                max={100}
                step={1}
                value={position}
                onChange={(event) => setPosition(Number(event.target.value))}
                aria-label="Split position"
                aria-valuetext={`${position}% of ${leftName}`}
                className="w-full max-w-[1100px] accent-[#facc15]"
              />
            </div>
          ) : (
            <div className={`grid min-h-0 flex-1 gap-3 p-4 ${single ? 'grid-cols-1' : 'grid-cols-2'}`}>
              {(single
                ? [{ image: leftImage, name: leftName }]
                : [
                    { image: leftImage, name: leftName },
                    { image: rightImage, name: rightName },
                  ]
              ).map(({ image, name }) => (
                <figure key={name} className="flex min-h-0 flex-col gap-2">
                  {!single && <figcaption className="text-[12px] text-zinc-300">{name}</figcaption>}
                  <div
                    tabIndex={0}
                    aria-label={`${name}, zoomed ${zoom} times; scroll to pan`}
                    className="min-h-0 flex-1 overflow-auto rounded-lg border border-line bg-black/40 focus-visible:outline-2 focus-visible:outline-accent"
                  >
                    {image && (
                      <img
                        src={image.url}
                        alt={name}
                        style={single && zoom === 1 ? undefined : { width: `${zoom * 100}%` }}
                        className={single && zoom === 1 ? 'h-full w-full object-contain' : 'max-w-none'}
                      />
                    )}
                  </div>
                </figure>
              ))}
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
