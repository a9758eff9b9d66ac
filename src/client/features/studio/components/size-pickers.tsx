import { resolveOutputSize } from '../../../../catalog/sizes.ts';
import type { AspectRatio, Offering, Resolution } from '../../../../catalog/types.ts';
import { RadioGroup } from '../../../components/ui/radio-group.tsx';
import { useStudioStore } from '../stores/studio-store.ts';
import { AdjustedMark } from './adjusted-mark.tsx';

/** "Resolution": only the tiers the offering lists. */
export function ResolutionPicker({ offering }: { offering: Offering }) {
  const resolution = useStudioStore((state) => state.resolution);
  const aspectRatio = useStudioStore((state) => state.aspectRatio);
  const setSetting = useStudioStore((state) => state.setSetting);
  const size = sizeOf(offering, resolution, aspectRatio);
  return (
    <RadioGroup<Resolution>
      label="Resolution"
      value={resolution}
      onChange={(value) => setSetting('resolution', value)}
      labelAside={
        <span className="flex items-center gap-1.5">
          <AdjustedMark field="resolution" />
          {size && (
            <span className="text-[11px] tabular text-zinc-500">
              {size.width} × {size.height} px
            </span>
          )}
        </span>
      }
      options={offering.resolutions.map((value) => ({ value, label: value }))}
    />
  );
}

function sizeOf(offering: Offering, resolution: Resolution, aspectRatio: AspectRatio): { width: number; height: number } | null {
  if (aspectRatio === 'auto') return null;
  try {
    return resolveOutputSize(offering, resolution, aspectRatio);
  } catch {
    return null;
  }
}

/** A box with the aspect ratio's proportions, fitted in 18 × 18 px (8:1 is drawn 18 × 2.25, so it gets a 3 px floor). */
function RatioShape({ aspectRatio }: { aspectRatio: AspectRatio }) {
  if (aspectRatio === 'auto') {
    return <span aria-hidden className="block h-[14px] w-[14px] rounded-[3px] border border-dashed border-current opacity-70" />;
  }
  const [w, h] = aspectRatio.split(':').map(Number) as [number, number];
  const scale = 18 / Math.max(w, h);
  return (
    <span
      aria-hidden
      className="block rounded-[2px] border border-current opacity-80"
      style={{ width: Math.max(3, w * scale), height: Math.max(3, h * scale) }}
    />
  );
}

/**
 * "Aspect ratio": only the offered ratios, each with a proportional shape and
 * the exact pixel size at the chosen resolution (the catalog's size table:
 * 16:9 at 2K is 2752 × 1536 on Nano Banana 2, seed 000).
 */
export function AspectRatioPicker({ offering }: { offering: Offering }) {
  const resolution = useStudioStore((state) => state.resolution);
  const aspectRatio = useStudioStore((state) => state.aspectRatio);
  const setSetting = useStudioStore((state) => state.setSetting);
  const count = offering.aspectRatios.length;
  // Two rows at most: every ratio in view without scrolling the form.
  const columns = count <= 5 ? count : Math.ceil(count / 2);
  return (
    <RadioGroup<AspectRatio>
      label="Aspect ratio"
      layout="grid"
      columns={columns}
      labelAside={<AdjustedMark field="aspectRatio" />}
      value={aspectRatio}
      onChange={(value) => setSetting('aspectRatio', value)}
      options={offering.aspectRatios.map((value) => {
        const size = sizeOf(offering, resolution, value);
        const label = value === 'auto' ? 'auto' : value;
        const sizeText = size ? `${size.width} × ${size.height}` : 'model decides';
        return {
          value,
          label,
          description: sizeText,
          content: (
            <span title={sizeText} className="contents">
              <span className="flex h-[18px] items-center justify-center">
                <RatioShape aspectRatio={value} />
              </span>
              <span className="text-[11.5px] font-medium leading-none tabular">{label}</span>
            </span>
          ),
        };
      })}
    />
  );
}
