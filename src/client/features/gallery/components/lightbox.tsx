import { useEffect, useRef, useState, type ReactNode } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import clsx from 'clsx';
import {
  ChevronLeft,
  ChevronRight,
  Columns2,
  Copy,
  Download,
  FlaskConical,
  ImagePlus,
  Keyboard,
  Maximize,
  PencilLine,
  Repeat,
  SlidersHorizontal,
  Trash2,
  X,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import { useCatalogIndex } from '../../../api/get-catalog.ts';
import type { Generation, GenerationImage } from '../../../api/types.ts';
import { Button } from '../../../components/ui/button.tsx';
import { showToast } from '../../../components/ui/toaster.tsx';
import { formatUsd, formatUsdRange } from '../../../../catalog/money.ts';
import { formatDuration } from '../../../lib/format.ts';
import { referenceThumbnailUrl } from '../../../lib/reference-thumbnail.ts';
import { FallbackImage } from '../../../components/ui/fallback-image.tsx';
import { useZoomPan } from '../hooks/use-zoom-pan.ts';
import type { GalleryTile } from './gallery-tiles.ts';
import { useFamily } from '../api/get-lineage.ts';
import { CompareSlider } from './compare-slider.tsx';
import { LineageStrip } from './lineage-strip.tsx';

const TOOL_CLASS = 'rounded p-1.5 hover:bg-white/10 hover:text-white disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-accent';

/** Every lightbox shortcut, as the "?" overlay lists them. */
const LIGHTBOX_SHORTCUTS: Array<[keys: string, action: string]> = [
  ['← →', 'Previous / next image (pan while zoomed)'],
  ['↑ ↓', 'Pan while zoomed'],
  ['+  −', 'Zoom in / out (also the mouse wheel, or pinch)'],
  ['1', 'Zoom to 100% (one image pixel per screen pixel)'],
  ['0', 'Fit to the screen'],
  ['Double-click', 'Toggle fit and 100%'],
  ['Drag', 'Pan while zoomed'],
  ['?', 'Show or hide these shortcuts'],
  ['Esc', 'Close the shortcuts, then the image'],
];

function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, []);
  return (
    <div
      role="region"
      aria-label="Keyboard shortcuts"
      className="absolute inset-0 z-10 flex items-center justify-center bg-black/70 p-4"
      onKeyDown={(event) => {
        if (event.key === 'Escape' || event.key === '?') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="w-full max-w-sm rounded-lg border border-line-strong bg-zinc-900 p-4 shadow-2xl">
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-[13px] font-semibold text-zinc-100">Keyboard shortcuts</h2>
          <button
            ref={closeRef}
            type="button"
            aria-label="Close shortcuts"
            onClick={onClose}
            className="rounded p-1 text-zinc-400 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
          >
            <X size={14} />
          </button>
        </div>
        <dl className="space-y-1 text-[12.5px]">
          {LIGHTBOX_SHORTCUTS.map(([keys, action]) => (
            <div key={keys} className="grid grid-cols-[96px_minmax(0,1fr)] gap-2">
              <dt>
                <kbd className="rounded border border-line-strong bg-raised px-1.5 py-0.5 font-sans text-[11.5px] text-zinc-100">{keys}</kbd>
              </dt>
              <dd className="text-zinc-300">{action}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

type ImageTile = Extract<GalleryTile, { kind: 'image' }>;

interface LightboxProps {
  tiles: ImageTile[];
  index: number;
  onNavigate: (index: number) => void;
  onClose: () => void;
  onReuse: (generation: Generation) => void;
  onUseAsReference: (image: GenerationImage, generation: Generation) => void;
  onRunAgain: (generation: Generation, image: GenerationImage) => void;
  /** Whether Run again can work (the provider is configured on this server); otherwise the button is not offered. */
  canRunAgain: (generation: Generation) => boolean;
  onDelete: (generation: Generation) => void;
  /** Edit mode on the shown image (closes the lightbox). */
  onEdit: (image: GenerationImage, generation: Generation, imageIndex: number) => void;
  /** Starts an experiment with this result's prompt and references (the app opens the Experiments view). */
  onCompareAcrossModels?: (generation: Generation) => void;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[92px_minmax(0,1fr)] gap-2 py-1">
      <dt className="text-zinc-500">{term}</dt>
      <dd className="min-w-0 text-zinc-200 tabular">{children}</dd>
    </div>
  );
}

function formatEstimated(generation: Generation): string {
  const estimate = generation.estimatedCost;
  if (estimate.total !== null) return formatUsd(estimate.total);
  return formatUsdRange(estimate.min, estimate.max);
}

/**
 * The lightbox (Radix Dialog): the full image, ArrowLeft/ArrowRight to move,
 * Escape to close; the metadata (prompt, model, provider, pixel size, seed,
 * estimate beside billed cost, duration, warnings, references); and the actions.
 */
export default function Lightbox({
  tiles,
  index,
  onNavigate,
  onClose,
  onReuse,
  onUseAsReference,
  onRunAgain,
  canRunAgain,
  onDelete,
  onEdit,
  onCompareAcrossModels,
}: LightboxProps) {
  // A step of the lineage strip that is not among the gallery's tiles (folded, or on a later page) is shown as a detour.
  const [detour, setDetour] = useState<ImageTile | null>(null);
  const tile = detour ?? tiles[index];
  if (!tile) throw new Error(`The lightbox has no image at position ${index}.`);
  const { generation, image } = tile;
  const family = useFamily(generation);
  const [comparing, setComparing] = useState(false);
  // Closing for "Edit": focus goes to the form's prompt (the edit banner moves it there), not back to the tile.
  const leavingForEdit = useRef(false);
  const parentLink = generation.parent;
  const parentGeneration = parentLink?.generationId ? family.data?.ancestors.find((ancestor) => ancestor.id === parentLink.generationId) : undefined;
  const parentImage = parentLink ? parentGeneration?.images[parentLink.imageIndex] : undefined;
  // Comparing ends when another generation is shown (state adjusted during render, not in an effect).
  const [comparedGenerationId, setComparedGenerationId] = useState(generation.id);
  if (comparedGenerationId !== generation.id) {
    setComparedGenerationId(generation.id);
    setComparing(false);
  }
  const { request } = generation;
  const [loaded, setLoaded] = useState(false);
  // The element that opened the lightbox; focus goes back to the tile of the image shown last, or to it.
  const openerRef = useRef<HTMLElement | null>(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const [loadingUrl, setLoadingUrl] = useState(image.url);
  if (loadingUrl !== image.url) {
    setLoadingUrl(image.url);
    setLoaded(false);
  }
  const stageRef = useRef<HTMLDivElement | null>(null);
  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const [imageElement, setImageElement] = useState<HTMLImageElement | null>(null);
  const zoom = useZoomPan(stage, imageElement, image.width, image.url);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const catalog = useCatalogIndex();
  const modelName = catalog.modelName(request.model);
  const providerName = catalog.providerName(request.provider);
  const references = request.referenceImages;

  function move(step: number) {
    const next = detour ? tiles.findIndex((entry) => entry.key === detour.key) : index + step;
    setDetour(null);
    if (detour && next >= 0) {
      onNavigate(next);
      return;
    }
    if (next >= 0 && next < tiles.length) onNavigate(next);
  }

  function showStep(stepGeneration: Generation, imageIndex: number) {
    const key = `${stepGeneration.id}:${imageIndex}`;
    const found = tiles.findIndex((entry) => entry.key === key);
    if (found >= 0) {
      setDetour(null);
      onNavigate(found);
    } else {
      const stepImage = stepGeneration.images[imageIndex];
      if (stepImage) setDetour({ kind: 'image', key, generation: stepGeneration, image: stepImage, imageIndex });
    }
  }

  async function copyPrompt() {
    try {
      await navigator.clipboard.writeText(request.prompt);
      showToast('Prompt copied.');
    } catch {
      showToast('The browser did not allow copying; select the prompt text instead.', { tone: 'error' });
    }
  }

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
          aria-describedby={undefined}
          onOpenAutoFocus={(event) => {
            // Focus on the image itself, so the keys act on it at once.
            event.preventDefault();
            stageRef.current?.focus();
          }}
          onEscapeKeyDown={(event) => {
            if (shortcutsOpen) {
              event.preventDefault();
              setShortcutsOpen(false);
              stageRef.current?.focus();
            }
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (leavingForEdit.current) return;
            const tileElement = document.querySelector<HTMLElement>(`[data-tile-key="${CSS.escape(tile.key)}"]`);
            (tileElement ?? openerRef.current)?.focus();
          }}
          onKeyDown={(event) => {
            const target = event.target as HTMLElement;
            if (target.closest('input, textarea, select')) return;
            if (event.key === '?') {
              event.preventDefault();
              setShortcutsOpen((open) => !open);
              return;
            }
            if (shortcutsOpen) return;
            if (zoom.handleKey(event)) {
              event.preventDefault();
              return;
            }
            if (event.key === 'ArrowRight') {
              event.preventDefault();
              move(1);
            }
            if (event.key === 'ArrowLeft') {
              event.preventDefault();
              move(-1);
            }
          }}
          className="fixed inset-0 z-50 flex focus:outline-none max-lg:flex-col"
        >
          <div className="relative flex min-h-0 min-w-0 flex-1 flex-col">
            <div className="flex h-11 shrink-0 items-center gap-1 px-3 text-[11.5px] text-zinc-400">
              <span className="min-w-0 truncate tabular" aria-live="polite">
                {detour ? 'A step of the lineage, not in the gallery view · ← → back to the gallery' : `${index + 1} / ${tiles.length}`}
              </span>
              <span className="ml-auto tabular" aria-label="Zoom">
                {zoom.percent}%
              </span>
              <button type="button" aria-label="Zoom out" onClick={() => zoom.zoomBy(0.8)} disabled={!zoom.zoomed} className={TOOL_CLASS}>
                <ZoomOut size={15} />
              </button>
              <button type="button" aria-label="Zoom in" onClick={() => zoom.zoomBy(1.25)} className={TOOL_CLASS}>
                <ZoomIn size={15} />
              </button>
              <button type="button" onClick={zoom.zoomed ? zoom.fit : zoom.zoomToActual} className={`${TOOL_CLASS} px-2`}>
                {zoom.zoomed ? (
                  <>
                    <Maximize size={13} className="mr-1 inline" aria-hidden />
                    Fit
                  </>
                ) : (
                  '100%'
                )}
              </button>
              <button
                type="button"
                aria-label="Keyboard shortcuts"
                aria-expanded={shortcutsOpen}
                onClick={() => setShortcutsOpen((open) => !open)}
                className={TOOL_CLASS}
              >
                <Keyboard size={15} />
              </button>
            </div>
            <div
              ref={(element) => {
                stageRef.current = element;
                setStage(element);
              }}
              tabIndex={0}
              role="group"
              aria-label={`Image viewer, ${zoom.percent}%. Press ? for shortcuts`}
              {...(comparing ? {} : zoom.stageHandlers)}
              data-testid="lightbox-stage"
              className={clsx(
                'relative flex min-h-0 flex-1 touch-none select-none items-center justify-center overflow-hidden px-14 pb-6 pt-1',
                'focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent/60',
                comparing ? '' : zoom.zoomed ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in',
              )}
            >
              {comparing && parentGeneration && parentImage ? (
                <CompareSlider
                  before={{ url: parentImage.url, width: parentImage.width, height: parentImage.height, alt: `Before: ${parentGeneration.request.prompt}` }}
                  after={{ url: image.url, width: image.width, height: image.height, alt: `After: ${request.prompt}` }}
                  maxHeight="calc(100vh - 12rem)"
                />
              ) : (
                <>
                  {!loaded && (
                    <img
                      src={image.thumbnailUrl}
                      alt=""
                      aria-hidden
                      className="absolute max-h-[calc(100%-2rem)] max-w-[calc(100%-7rem)] object-contain opacity-60 blur-[2px]"
                    />
                  )}
                  <img
                    ref={setImageElement}
                    key={image.url}
                    src={image.url}
                    alt={request.prompt}
                    width={image.width}
                    height={image.height}
                    draggable={false}
                    onLoad={() => setLoaded(true)}
                    data-testid="lightbox-image"
                    className="relative max-h-full max-w-full object-contain shadow-2xl shadow-black will-change-transform"
                    style={{
                      opacity: loaded ? 1 : 0,
                      transform: `translate(${zoom.view.x}px, ${zoom.view.y}px) scale(${zoom.view.scale})`,
                      imageRendering: zoom.percent >= 200 ? 'pixelated' : undefined,
                    }}
                  />
                </>
              )}
              <button
                type="button"
                aria-label="Previous image"
                disabled={index === 0}
                onClick={() => move(-1)}
                className={
                  'absolute left-3 top-1/2 -translate-y-1/2 rounded-full border border-white/10 bg-black/60 p-2 ' +
                  'text-zinc-200 hover:bg-black/80 disabled:opacity-0 focus-visible:outline-2 focus-visible:outline-accent'
                }
              >
                <ChevronLeft size={20} />
              </button>
              <button
                type="button"
                aria-label="Next image"
                disabled={index === tiles.length - 1}
                onClick={() => move(1)}
                className={
                  'absolute right-3 top-1/2 -translate-y-1/2 rounded-full border border-white/10 bg-black/60 p-2 ' +
                  'text-zinc-200 hover:bg-black/80 disabled:opacity-0 focus-visible:outline-2 focus-visible:outline-accent'
                }
              >
                <ChevronRight size={20} />
              </button>
            </div>
            {shortcutsOpen && (
              <ShortcutsOverlay
                onClose={() => {
                  setShortcutsOpen(false);
                  stageRef.current?.focus();
                }}
              />
            )}
            {family.data && (family.data.members.length > 1 || generation.parent) && (
              <div className="flex shrink-0 items-end gap-3 border-t border-white/10 bg-black/40 px-4 py-2.5">
                <LineageStrip members={family.data.members} currentId={generation.id} onSelect={showStep} />
                {generation.parent && (
                  <Button
                    className="ml-auto shrink-0"
                    disabled={!parentImage}
                    title={parentImage ? 'Compare this edit with the image it edits' : 'The image this edits was deleted'}
                    onClick={() => setComparing(!comparing)}
                  >
                    <Columns2 size={14} aria-hidden /> {comparing ? 'Stop comparing' : 'Compare with parent'}
                  </Button>
                )}
              </div>
            )}
          </div>
          <aside className="flex w-[340px] shrink-0 flex-col border-l border-line bg-panel max-lg:h-[45vh] max-lg:w-full max-lg:border-l-0 max-lg:border-t">
            <div className="flex items-center justify-between border-b border-line px-4 py-2.5">
              <Dialog.Title className="text-[13px] font-semibold text-zinc-100">Image details</Dialog.Title>
              <Dialog.Close
                aria-label="Close"
                className="rounded p-1 text-zinc-400 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
              >
                <X size={16} />
              </Dialog.Close>
            </div>
            <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3 text-[12.5px]">
              <p className="mb-1 text-[11px] font-medium uppercase tracking-wide text-zinc-500">Prompt</p>
              <p className="mb-3 max-h-40 overflow-y-auto whitespace-pre-wrap leading-relaxed text-zinc-100">{request.prompt}</p>
              <dl className="divide-y divide-line/50" aria-label="Metadata">
                <Row term="Model">{modelName}</Row>
                <Row term="Provider">{providerName}</Row>
                <Row term="Pixel size">
                  {image.width} × {image.height} px
                </Row>
                <Row term="Settings">
                  {[
                    request.resolution,
                    request.aspectRatio,
                    request.outputFormat.toUpperCase(),
                    request.thinking && `thinking ${request.thinking}`,
                    request.webSearch && 'web search',
                    request.imageSearch && 'image search',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Row>
                <Row term="Seed">{image.seed ?? request.seed ?? 'not reported'}</Row>
                <Row term="Estimate">{formatEstimated(generation)}</Row>
                <Row term="Billed cost">
                  {generation.actualCost === null ? 'not reported by the provider' : formatUsd(generation.actualCost)}
                  {/* Drift (the server's warning "Cost outside the estimate: ..."): flagged beside the figure too. */}
                  {generation.warnings.some((warning) => warning.startsWith('Cost outside the estimate')) && (
                    <span className="ml-1.5 rounded bg-amber-500/15 px-1 py-px text-[10.5px] font-medium text-amber-300">outside the estimate</span>
                  )}
                </Row>
                {generation.actualCost === null && generation.computedCost !== null && (
                  <Row term="Cost from usage">
                    {formatUsd(generation.computedCost)} <span className="text-zinc-500">({generation.computedCostBasis})</span>
                  </Row>
                )}
                <Row term="Duration">{generation.durationMs === null ? '—' : formatDuration(generation.durationMs)}</Row>
                <Row term="Created">{new Date(generation.createdAt).toLocaleString()}</Row>
                {references.length > 0 && (
                  <Row term="References">
                    <ol className="flex flex-wrap gap-1">
                      {references.map((reference, position) => (
                        <li key={`${reference}-${position}`} className="relative h-10 w-10 overflow-hidden rounded border border-line bg-zinc-900">
                          <FallbackImage
                            src={referenceThumbnailUrl(reference)}
                            alt={`Reference image ${position + 1}`}
                            className="h-full w-full object-cover"
                          />
                          <span className="absolute left-0 top-0 rounded-br bg-black/75 px-1 text-[9.5px] font-semibold text-white">{position + 1}</span>
                        </li>
                      ))}
                    </ol>
                  </Row>
                )}
              </dl>
              {generation.warnings.length > 0 && (
                <div className="mt-3 rounded-md border border-amber-500/30 bg-amber-500/10 px-2.5 py-2 text-[11.5px] text-amber-200">
                  <p className="mb-1 font-medium">Warnings</p>
                  <ul className="list-disc space-y-0.5 pl-4">
                    {generation.warnings.map((warning) => (
                      <li key={warning}>{warning}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
            <div className="grid grid-cols-2 gap-1.5 border-t border-line p-3">
              <Button
                variant="primary"
                className="col-span-2 justify-center"
                onClick={() => {
                  leavingForEdit.current = true;
                  onEdit(image, generation, tile.imageIndex);
                }}
              >
                <PencilLine size={14} aria-hidden /> Edit
              </Button>
              {onCompareAcrossModels && (
                <Button
                  className="col-span-2"
                  onClick={() => {
                    onCompareAcrossModels(generation);
                    onClose();
                  }}
                >
                  <FlaskConical size={14} aria-hidden /> Compare across models
                </Button>
              )}
              <a
                href={`${image.url}?download=1`}
                download
                title="Saves the image with its settings inside; drop it into the studio to get them back"
                className={
                  'inline-flex h-8 items-center gap-2 rounded-md border border-line-strong bg-raised px-3 text-[12.5px] font-medium text-zinc-200 ' +
                  'hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent'
                }
              >
                <Download size={14} aria-hidden /> Download
              </a>
              <Button onClick={() => void copyPrompt()}>
                <Copy size={14} aria-hidden /> Copy prompt
              </Button>
              <Button
                onClick={() => {
                  onReuse(generation);
                  onClose();
                }}
              >
                <SlidersHorizontal size={14} aria-hidden /> Reuse settings
              </Button>
              <Button
                onClick={() => {
                  onUseAsReference(image, generation);
                }}
              >
                <ImagePlus size={14} aria-hidden /> Use as reference
              </Button>
              {canRunAgain(generation) && (
                <Button onClick={() => onRunAgain(generation, image)} title={image.seed !== null ? `Seed ${image.seed}` : undefined}>
                  <Repeat size={14} aria-hidden /> Run again
                </Button>
              )}
              <Button variant="danger" onClick={() => onDelete(generation)}>
                <Trash2 size={14} aria-hidden /> Delete
              </Button>
            </div>
          </aside>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
