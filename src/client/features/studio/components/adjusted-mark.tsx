import type { StudioSettings } from '../stores/studio-settings.ts';
import { useStudioStore } from '../stores/studio-store.ts';

/**
 * Beside a control the last model or provider switch changed: "was 8:1"
 * (amber), until the designer touches that control.
 */
export function AdjustedMark({ field }: { field: keyof StudioSettings }) {
  const adjustment = useStudioStore((state) => state.adjusted[field]);
  if (!adjustment) return null;
  return (
    <span data-adjusted={field} className="rounded bg-amber-400/10 px-1.5 py-px text-[10.5px] font-medium text-amber-300">
      {adjustment.to === 'not sent' ? 'not sent here' : `was ${adjustment.from}`}
    </span>
  );
}
