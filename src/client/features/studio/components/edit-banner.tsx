import { useEffect, useRef } from 'react';
import { CornerDownRight, PencilLine, X } from 'lucide-react';
import { useCatalogIndex } from '../../../api/get-catalog.ts';
import { useLatestEdit } from '../api/get-latest-edit.ts';
import { describeOffering } from '../hooks/use-current-offering.ts';
import { FallbackImage } from '../../../components/ui/fallback-image.tsx';
import { useStudioStore, type EditTarget } from '../stores/studio-store.ts';

/**
 * Edit mode's banner above the prompt: "Editing" with the image being
 * edited, what happens (it is reference image 1; on Gemini with the same
 * model the conversation continues), and "Stop editing". Entering edit mode
 * moves focus to the prompt, which is empty for the instruction.
 */
export function EditBanner() {
  const editing = useStudioStore((state) => state.editing);
  const provider = useStudioStore((state) => state.provider);
  const stopEditing = useStudioStore((state) => state.stopEditing);
  const startEdit = useStudioStore((state) => state.startEdit);
  const catalog = useCatalogIndex();
  const key = editing ? `${editing.generationId}:${editing.imageIndex}` : null;
  // The designer's loop: once an edit of this image has a result, offer to go on from it.
  const latest = useLatestEdit(editing?.generationId ?? null).data;
  const latestImage = latest?.status === 'succeeded' ? latest.images[0] : undefined;
  const latestOffering = latest ? catalog.getOffering(latest.request.provider, latest.request.model) : undefined;
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    if (key && key !== lastKey.current) document.getElementById('studio-prompt')?.focus();
    lastKey.current = key;
  }, [key]);
  if (!editing) return null;
  return (
    <div
      role="region"
      aria-label="Editing an image"
      data-testid="edit-banner"
      className="flex items-start gap-2.5 rounded-md border border-accent/50 bg-accent/10 p-2"
    >
      <FallbackImage src={editing.thumbnailUrl} alt="The image being edited" className="h-14 w-14 shrink-0 rounded border border-accent/40 object-cover" />
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-1.5 text-[12.5px] font-semibold text-accent">
          <PencilLine size={13} aria-hidden /> Editing
        </p>
        <p className="mt-0.5 line-clamp-2 text-[11.5px] leading-snug text-zinc-300" title={editing.prompt}>
          {editing.prompt}
        </p>
        <p className="mt-1 text-[11px] leading-snug text-zinc-400">
          It is reference image 1. Describe the change{provider === 'gemini' ? '; Gemini continues the conversation with the same model' : ''}.
        </p>
        {latest && latestImage && latestOffering && (
          <button
            type="button"
            onClick={() => {
              startEdit(
                {
                  generationId: latest.id,
                  imageIndex: 0,
                  thumbnailUrl: latestImage.thumbnailUrl,
                  prompt: latest.request.prompt,
                  width: latestImage.width,
                  height: latestImage.height,
                },
                latest.request,
                latestOffering,
                describeOffering(latestOffering.provider, latestOffering.model).label,
              );
            }}
            title={latest.request.prompt}
            className={
              'mt-1.5 inline-flex max-w-full items-center gap-1 rounded border border-accent/40 px-1.5 py-0.5 text-left ' +
              'text-[11.5px] text-accent hover:bg-accent/10 focus-visible:outline-2 focus-visible:outline-accent'
            }
          >
            <CornerDownRight size={12} className="shrink-0" aria-hidden />
            <span className="truncate">Continue from its latest edit</span>
          </button>
        )}
      </div>
      <button
        type="button"
        onClick={() => {
          stopEditing();
          document.getElementById('studio-prompt')?.focus();
        }}
        className={
          'inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-1 text-[11.5px] text-zinc-300 ' +
          'hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-accent'
        }
      >
        <X size={12} aria-hidden /> Stop editing
      </button>
    </div>
  );
}

/** The edited image as reference image 1 in the tray (it cannot be moved or removed; "Stop editing" does that). */
export function EditedReference({ target }: { target: EditTarget }) {
  return (
    <li
      className="relative aspect-square overflow-hidden rounded-md border border-accent/70 bg-zinc-900"
      aria-label={`Reference image 1: the image being edited, ${target.width} × ${target.height} px`}
      data-testid="edited-reference"
    >
      <FallbackImage src={target.thumbnailUrl} alt="Reference image 1" className="h-full w-full object-cover" draggable={false} />
      <span
        className={
          'absolute left-1 top-1 flex h-[18px] min-w-[18px] items-center justify-center ' +
          'rounded bg-accent px-1 text-[11px] font-semibold tabular text-zinc-950'
        }
      >
        1
      </span>
      <span className="absolute inset-x-0 bottom-0 bg-black/70 px-1 text-center text-[9.5px] font-medium uppercase tracking-wide text-accent">Editing</span>
    </li>
  );
}
