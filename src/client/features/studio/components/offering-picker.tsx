import { useId, useState } from 'react';
import clsx from 'clsx';
import { ChevronDown } from 'lucide-react';
import { estimateCost } from '../../../../catalog/estimate.ts';
import { useCatalogIndex } from '../../../api/get-catalog.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { buildGenerationRequest } from '../stores/studio-settings.ts';
import { describeOffering, useCurrentOffering } from '../hooks/use-current-offering.ts';
import { useStudioSettings } from '../hooks/use-generation-draft.ts';
import { formatEstimateTotal } from './cost-estimate.tsx';
import { ModelPicker } from './model-picker.tsx';
import { ProviderPicker } from './provider-picker.tsx';
import { PopoverButton } from '../../../components/ui/popover-button.tsx';

const OFFERING_LISTS_CONTENT = {
  align: 'start',
  sideOffset: 6,
  collisionPadding: 8,
  'aria-label': 'Choose the generator',
  className: clsx(
    'z-50 max-h-[var(--radix-popover-content-available-height)] w-[var(--radix-popover-trigger-width)] min-w-[300px] max-w-[calc(100vw-16px)]',
    'space-y-3 overflow-y-auto rounded-lg border border-line-strong bg-panel p-3 shadow-2xl shadow-black/60',
  ),
} as const;

/**
 * "Model": a compact button that names the model and provider with the
 * price of the current settings, and opens the model and provider lists
 * (each with prices) on demand (a popover, loaded at first open: Escape or a click outside closes it).
 */
export function OfferingPicker() {
  const labelId = useId();
  const [open, setOpen] = useState(false);
  const { offering } = useCurrentOffering();
  const catalog = useCatalogIndex();
  const settings = useStudioSettings();
  const referenceCount = useStudioStore((state) => state.references.length);
  const { modelName, providerName } = describeOffering(offering.provider, offering.model);
  let price: string;
  try {
    const references = Array.from({ length: Math.min(referenceCount, offering.referenceImages.max) }, (_, index) => `pending-upload-${index}`);
    price = formatEstimateTotal(estimateCost(buildGenerationRequest(settings, offering, references), catalog));
  } catch {
    price = '';
  }
  return (
    <div>
      {/* A heading for the eye; the button is named by what it shows, so "Model" names only the list inside. */}
      <span id={labelId} className="mb-1.5 block text-[12px] font-medium text-zinc-300">
        Model
      </span>
      <PopoverButton
        id="studio-offering-picker"
        aria-describedby={labelId}
        open={open}
        onOpenChange={setOpen}
        className={clsx(
          'flex h-10 w-full items-center gap-2 rounded-md border border-line bg-raised px-2.5 text-left hover:border-line-strong',
          'focus-visible:outline-2 focus-visible:outline-accent data-[state=open]:border-accent/70',
        )}
        contentProps={OFFERING_LISTS_CONTENT}
        content={
          <>
            <ModelPicker />
            <ProviderPicker />
          </>
        }
      >
        <span className="min-w-0 flex-1 truncate">
          <span className="text-[13px] font-medium text-zinc-100">{modelName}</span>
          <span className="text-[12px] text-zinc-500"> · {providerName}</span>
        </span>
        <span className="shrink-0 text-[12px] tabular text-zinc-300">{price}</span>
        <ChevronDown size={14} className="shrink-0 text-zinc-500" aria-hidden />
      </PopoverButton>
    </div>
  );
}
