import { lazy, Suspense } from 'react';
import { ChevronRight } from 'lucide-react';
import clsx from 'clsx';
import type { Offering } from '../../../../catalog/types.ts';
import { useStudioStore } from '../stores/studio-store.ts';

// The fields are folded away at first: they load on the first open, or as the pointer or the focus reaches the toggle.
const loadFields = () => import('./advanced-settings-fields.tsx');
const AdvancedSettingsFields = lazy(loadFields);

/** Temperature, top-p, system prompt and safety tolerance, folded away by default; only those the offering takes. */
export function AdvancedSettings({ offering }: { offering: Offering }) {
  const open = useStudioStore((state) => state.advancedOpen);
  const setOpen = useStudioStore((state) => state.setAdvancedOpen);
  const temperature = useStudioStore((state) => state.temperature);
  const topP = useStudioStore((state) => state.topP);
  const systemPrompt = useStudioStore((state) => state.systemPrompt);
  const safetyTolerance = useStudioStore((state) => state.safetyTolerance);
  const { advanced } = offering;
  const offered = [advanced.temperature, advanced.topP, advanced.systemPrompt, advanced.safetyTolerance].filter(Boolean).length;
  const changed = [
    temperature !== null && advanced.temperature,
    topP !== null && advanced.topP,
    systemPrompt.trim() && advanced.systemPrompt,
    safetyTolerance !== null && advanced.safetyTolerance,
  ].filter(Boolean).length;

  return (
    <div className="rounded-md border border-line">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="studio-advanced"
        onClick={() => setOpen(!open)}
        onPointerEnter={() => void loadFields()}
        onFocus={() => void loadFields()}
        className={
          'flex w-full items-center gap-1.5 rounded-md px-2.5 py-2 text-left text-[12px] font-medium ' +
          'text-zinc-300 hover:text-white focus-visible:outline-2 focus-visible:outline-accent'
        }
      >
        <ChevronRight size={14} className={clsx('transition-transform', open && 'rotate-90')} aria-hidden />
        Advanced settings
        <span className="ml-auto text-[11px] font-normal text-zinc-500">
          {offered === 0 ? 'none offered' : changed > 0 ? `${changed} changed` : 'defaults'}
        </span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <AdvancedSettingsFields offering={offering} />
        </Suspense>
      )}
    </div>
  );
}
