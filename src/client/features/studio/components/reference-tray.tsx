import { lazy, Suspense, useEffect, useState, type DragEvent } from 'react';
import { ArrowLeft, ArrowRight, ImagePlus, RotateCw, X } from 'lucide-react';
import clsx from 'clsx';
import { REFERENCE_IMAGE_ACCEPT } from '../../../../catalog/image-types.ts';
import { GALLERY_IMAGE_DRAG_TYPE, REFERENCE_REORDER_DRAG_TYPE, fetchImageAsFile } from '../../../lib/drag-types.ts';
import { FallbackImage } from '../../../components/ui/fallback-image.tsx';
import { useStudioStore } from '../stores/studio-store.ts';
import type { ReferenceImage } from '../stores/studio-settings.ts';
import { useAddReferences } from '../hooks/use-add-references.ts';
import { useLazyDropzone } from '../hooks/use-lazy-dropzone.tsx';
import { useCurrentOffering } from '../hooks/use-current-offering.ts';
import { mayCarryStudioSettings, useRecalledSettings } from '../hooks/use-recalled-settings.ts';

// Shown only while editing, or once a studio image is dropped: loaded then (edit-banner.tsx is one chunk with the banner).
const EditedReference = lazy(() => import('./edit-banner.tsx').then((module) => ({ default: module.EditedReference })));
const RecalledSettingsOfferCard = lazy(() => import('./recalled-settings-offer.tsx').then((module) => ({ default: module.RecalledSettingsOfferCard })));

function ReferenceThumbnail({
  reference,
  index,
  count,
  over,
  onMove,
  onRemove,
  onDropAt,
  offset = 0,
}: {
  reference: ReferenceImage;
  index: number;
  count: number;
  over: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
  onDropAt: (from: number, to: number) => void;
  /** 1 in edit mode: the edited image is reference image 1. */
  offset?: number;
}) {
  const number = index + 1 + offset;
  const [dragOver, setDragOver] = useState(false);
  const busy = reference.status === 'preparing' || reference.status === 'uploading';
  return (
    <li
      data-reference-key={reference.key}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(REFERENCE_REORDER_DRAG_TYPE, String(index));
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(REFERENCE_REORDER_DRAG_TYPE)) {
          event.preventDefault();
          setDragOver(true);
        }
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(event) => {
        const from = event.dataTransfer.getData(REFERENCE_REORDER_DRAG_TYPE);
        setDragOver(false);
        if (from !== '') {
          event.preventDefault();
          event.stopPropagation();
          onDropAt(Number(from), index);
        }
      }}
      className={clsx(
        'group relative aspect-square overflow-hidden rounded-md border bg-zinc-900',
        dragOver ? 'border-accent' : over ? 'border-red-500/70' : reference.status === 'failed' ? 'border-red-500/60' : 'border-line',
      )}
      aria-label={
        `Reference image ${number}: ${reference.name}${reference.width && reference.height ? `, ${reference.width} × ${reference.height} px` : ''}` +
        (reference.status === 'failed' ? ` (upload failed: ${reference.error ?? 'unknown error'})` : busy ? ' (uploading)' : '')
      }
    >
      {reference.thumbnailUrl ? (
        <FallbackImage src={reference.thumbnailUrl} alt={`Reference image ${number}`} className="h-full w-full object-cover" draggable={false} />
      ) : busy ? (
        <div className="pending-shimmer h-full w-full" />
      ) : (
        <FallbackImage src="" alt={`Reference image ${number}`} className="h-full w-full" />
      )}
      <span
        className={
          'absolute left-1 top-1 flex h-[18px] min-w-[18px] items-center justify-center ' +
          'rounded bg-black/75 px-1 text-[11px] font-semibold tabular text-white'
        }
      >
        {number}
      </span>
      {busy && (
        <div
          className="absolute inset-x-1 bottom-1 h-1 overflow-hidden rounded-full bg-black/60"
          role="progressbar"
          aria-label={`Uploading reference image ${number}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(reference.progress * 100)}
        >
          <div className="h-full bg-accent transition-[width]" style={{ width: `${Math.max(4, reference.progress * 100)}%` }} />
        </div>
      )}
      {reference.status === 'failed' && (
        <div
          className="absolute inset-0 flex items-center justify-center bg-red-950/70 p-1 text-center text-[10px] leading-tight text-red-100"
          title={reference.error ?? ''}
        >
          <RotateCw size={12} className="mr-0.5 shrink-0" aria-hidden /> Failed
        </div>
      )}
      <div className="absolute right-0.5 top-0.5 flex opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100">
        <button
          type="button"
          data-reference-action="remove"
          onClick={onRemove}
          aria-label={`Remove reference image ${number}`}
          className="rounded bg-black/75 p-0.5 text-zinc-200 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
        >
          <X size={12} />
        </button>
      </div>
      <div className="absolute bottom-0.5 right-0.5 flex gap-0.5 opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100">
        <button
          type="button"
          data-reference-action="earlier"
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
          aria-label={`Move reference image ${number} earlier`}
          className="rounded bg-black/75 p-0.5 text-zinc-200 hover:text-white disabled:hidden focus-visible:outline-2 focus-visible:outline-accent"
        >
          <ArrowLeft size={12} />
        </button>
        <button
          type="button"
          data-reference-action="later"
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
          aria-label={`Move reference image ${number} later`}
          className="rounded bg-black/75 p-0.5 text-zinc-200 hover:text-white disabled:hidden focus-visible:outline-2 focus-visible:outline-accent"
        >
          <ArrowRight size={12} />
        </button>
      </div>
    </li>
  );
}

/**
 * The reference tray: drop, browse, paste or drag a gallery image in;
 * numbered in the order the prompt refers to them; reorder (drag, or the
 * arrow buttons from the keyboard); remove; upload progress; refusals with a
 * message that says what is allowed.
 */
export function ReferenceTray() {
  const references = useStudioStore((state) => state.references);
  const removeReference = useStudioStore((state) => state.removeReference);
  const moveReference = useStudioStore((state) => state.moveReference);
  const announce = useStudioStore((state) => state.announce);
  const { offering } = useCurrentOffering();
  const addReferences = useAddReferences();
  const [refusals, setRefusals] = useState<string[]>([]);
  const editing = useStudioStore((state) => state.editing);
  const offset = editing ? 1 : 0;
  const max = offering.referenceImages.max;
  const full = references.length + offset >= max;

  /**
   * Keeps focus in the tray after a move or a removal (the button pressed may
   * be gone or disabled): the same action on the moved image, else its other
   * move button, else the next image's Remove, else Add.
   */
  function focusInTray(key: string | null, actions: Array<'earlier' | 'later' | 'remove'>) {
    requestAnimationFrame(() => {
      const item = key ? document.querySelector<HTMLElement>(`[data-reference-key="${CSS.escape(key)}"]`) : null;
      for (const action of actions) {
        const button = item?.querySelector<HTMLButtonElement>(`[data-reference-action="${action}"]`);
        if (button && !button.disabled) {
          button.focus();
          return;
        }
      }
      document.getElementById('studio-reference-add')?.focus();
    });
  }

  const recalled = useRecalledSettings();

  async function addFiles(files: File[]) {
    if (files.length === 0) return;
    // Images made by the studio carry their settings: offer "Use its settings" beside "Add as reference".
    const carrying = await Promise.all(files.map((file) => mayCarryStudioSettings(file).catch(() => false)));
    files.filter((_, index) => carrying[index]).forEach((file) => recalled.offerFile(file));
    const plain = files.filter((_, index) => !carrying[index]);
    if (plain.length === 0) return;
    const result = addReferences(plain);
    setRefusals(result.refusals);
  }

  // Paste from the clipboard anywhere in the studio (a copied image or image files).
  useEffect(() => {
    function onPaste(event: ClipboardEvent) {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      void addFiles(files);
    }
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  async function onGalleryDrop(event: DragEvent<HTMLElement>) {
    const data = event.dataTransfer.getData(GALLERY_IMAGE_DRAG_TYPE);
    if (!data) return;
    event.preventDefault();
    event.stopPropagation();
    try {
      const { url, name } = JSON.parse(data) as { url: string; name: string };
      await addFiles([await fetchImageAsFile(url, name)]);
    } catch (error) {
      setRefusals([error instanceof Error ? error.message : 'The gallery image could not be added.']);
    }
  }

  // react-dropzone loads on the first drag or Browse; until then the drop zone takes files on its own (use-lazy-dropzone.tsx).
  const { rootProps, inputProps, isDragActive, open, binding } = useLazyDropzone({
    onFiles: (files) => void addFiles(files),
    onDragOver: (event) => {
      if (event.dataTransfer.types.includes(GALLERY_IMAGE_DRAG_TYPE)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }
    },
    onDrop: (event) => {
      void onGalleryDrop(event);
    },
  });

  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between">
        <label htmlFor="studio-reference-input" className="text-[12px] font-medium text-zinc-300">
          Reference images
        </label>
        <span className={clsx('text-[11px] tabular', references.length + offset > max ? 'text-red-400' : 'text-zinc-500')}>
          {references.length + offset} / {max}
        </span>
      </div>
      {recalled.offers.map((offer) => (
        <Suspense key={offer.key} fallback={null}>
          <RecalledSettingsOfferCard
            offer={offer}
            // The card goes away: focus moves to the prompt rather than to the page.
            onUseSettings={() => {
              recalled.applySettings(offer);
              document.getElementById('studio-prompt')?.focus();
            }}
            onAddAsReference={() => {
              const refusal = recalled.addAsReference(offer, max);
              if (refusal) setRefusals([refusal]);
              else document.getElementById('studio-prompt')?.focus();
            }}
            onDismiss={() => {
              recalled.dismiss(offer.key);
              document.getElementById('studio-prompt')?.focus();
            }}
          />
        </Suspense>
      ))}
      <div
        {...rootProps}
        className={clsx(
          'rounded-md border border-dashed p-1.5 transition-colors focus-within:border-accent/70',
          isDragActive ? 'border-accent bg-accent/5' : 'border-line-strong bg-raised/40',
        )}
      >
        <input {...inputProps} accept={REFERENCE_IMAGE_ACCEPT.join(',')} id="studio-reference-input" aria-describedby="studio-reference-help" />
        {binding}
        {(references.length > 0 || editing) && (
          <ol className="mb-1.5 grid grid-cols-5 gap-1.5" aria-label="Reference images in order">
            {editing && (
              <Suspense fallback={null}>
                <EditedReference target={editing} />
              </Suspense>
            )}
            {references.map((reference, index) => (
              <ReferenceThumbnail
                key={reference.key}
                reference={reference}
                index={index}
                count={references.length}
                over={index + offset >= max}
                offset={offset}
                onMove={(from, to) => {
                  moveReference(from, to);
                  announce(`Reference image ${from + 1 + offset} is now reference image ${to + 1 + offset}.`);
                  focusInTray(reference.key, to < from ? ['earlier', 'later', 'remove'] : ['later', 'earlier', 'remove']);
                }}
                onDropAt={(from, to) => {
                  moveReference(from, to);
                  announce(`Reference image ${from + 1 + offset} is now reference image ${to + 1 + offset}.`);
                }}
                onRemove={() => {
                  const neighbour = references[index + 1] ?? references[index - 1] ?? null;
                  removeReference(reference.key);
                  announce(`Reference image ${index + 1 + offset} removed.`);
                  focusInTray(neighbour?.key ?? null, ['remove']);
                }}
              />
            ))}
          </ol>
        )}
        <button
          id="studio-reference-add"
          type="button"
          onClick={open}
          disabled={full}
          className={clsx(
            'flex w-full items-center justify-center gap-2 rounded text-[12px] text-zinc-400 hover:text-zinc-100 ' +
              'disabled:cursor-not-allowed disabled:text-zinc-600 focus-visible:outline-2 focus-visible:outline-accent',
            references.length === 0 ? 'h-10' : 'h-8',
          )}
        >
          <ImagePlus size={references.length === 0 ? 16 : 14} aria-hidden />
          <span>{full ? `All ${max} places taken` : references.length === 0 ? 'Drop images, paste, or browse' : 'Add more'}</span>
        </button>
      </div>
      <p id="studio-reference-help" className="mt-1 text-[11px] text-zinc-500">
        Numbered as the prompt names them; drag to reorder.
      </p>
      <div aria-live="polite">
        {refusals.length > 0 && (
          <ul className="mt-1.5 space-y-1 rounded-md border border-red-500/40 bg-red-500/10 px-2.5 py-1.5 text-[11.5px] text-red-200">
            {refusals.map((refusal) => (
              <li key={refusal}>{refusal}</li>
            ))}
            <li>
              <button type="button" className="text-[11px] text-red-300 underline hover:text-red-100" onClick={() => setRefusals([])}>
                Dismiss
              </button>
            </li>
          </ul>
        )}
      </div>
    </div>
  );
}
