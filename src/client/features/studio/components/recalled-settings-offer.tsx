import { useEffect, useRef } from 'react';
import { ImagePlus, Loader2, SlidersHorizontal, X } from 'lucide-react';
import { modelName as nameOfModel, providerName as nameOfProvider } from '../../../lib/catalog-names.ts';
import { Button } from '../../../components/ui/button.tsx';
import type { RecalledSettingsOffer } from '../hooks/use-recalled-settings.ts';

interface RecalledSettingsOfferCardProps {
  offer: RecalledSettingsOffer;
  onUseSettings: () => void;
  onAddAsReference: () => void;
  onDismiss: () => void;
}

/**
 * The card shown when a dropped or pasted image was made by the studio:
 * what it carries (prompt, model, provider, size, seed, references) and the
 * two choices, "Use its settings" (focused when ready) and "Add as reference".
 */
export function RecalledSettingsOfferCard({ offer, onUseSettings, onAddAsReference, onDismiss }: RecalledSettingsOfferCardProps) {
  const useButton = useRef<HTMLButtonElement>(null);
  const request = offer.answer?.recalledRequest;
  useEffect(() => {
    if (offer.status === 'ready') useButton.current?.focus();
  }, [offer.status]);
  const modelName = request ? nameOfModel(request.model) : '';
  const providerName = request ? nameOfProvider(request.provider) : '';
  const references = request?.referenceImages?.length ?? 0;
  const missing = offer.answer?.recalledMissingReferences ?? 0;
  return (
    <div
      role="group"
      aria-label={`Settings found in ${offer.name}`}
      data-testid="recalled-settings"
      className="mb-2 rounded-md border border-accent/40 bg-accent/5 p-2"
    >
      <div className="flex items-start gap-2">
        <img src={offer.previewUrl} alt="" className="h-12 w-12 shrink-0 rounded border border-line object-cover" />
        <div className="min-w-0 flex-1 text-[11.5px] leading-snug">
          {offer.status === 'reading' && (
            <p className="flex items-center gap-1.5 text-zinc-300">
              <Loader2 size={12} className="animate-spin" aria-hidden /> Reading the settings inside {offer.name}…
            </p>
          )}
          {offer.status === 'failed' && (
            <p className="text-red-300">
              {offer.name} could not be read: {offer.error}
            </p>
          )}
          {offer.status === 'ready' && request && (
            <>
              <p className="font-medium text-zinc-100">Made in Banana Studio</p>
              <p className="line-clamp-2 text-zinc-300" title={request.prompt}>
                {request.prompt}
              </p>
              <p className="mt-0.5 tabular text-zinc-500">
                {[
                  modelName,
                  providerName,
                  request.resolution,
                  request.aspectRatio,
                  request.seed !== undefined ? `seed ${request.seed}` : null,
                  references + missing > 0
                    ? `${references} reference${references === 1 ? '' : 's'}${missing > 0 ? ` (${missing} no longer stored)` : ''}`
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </>
          )}
          {offer.status === 'ready' && !request && <p className="text-zinc-300">{offer.name} carries no settings the studio can read.</p>}
        </div>
        <button
          type="button"
          aria-label={`Dismiss ${offer.name}`}
          onClick={onDismiss}
          className="rounded p-0.5 text-zinc-400 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
        >
          <X size={13} />
        </button>
      </div>
      {offer.status === 'ready' && (
        <div className="mt-2 flex gap-1.5">
          {request && (
            <Button ref={useButton} variant="primary" onClick={onUseSettings}>
              <SlidersHorizontal size={13} aria-hidden /> Use its settings
            </Button>
          )}
          <Button onClick={onAddAsReference}>
            <ImagePlus size={13} aria-hidden /> Add as reference
          </Button>
        </div>
      )}
    </div>
  );
}
