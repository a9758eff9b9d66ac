import { RotateCcw } from 'lucide-react';
import clsx from 'clsx';
import type { NumberSetting, Offering } from '../../../../catalog/types.ts';
import { useStudioStore } from '../stores/studio-store.ts';

function NumberSettingField({
  id,
  label,
  setting,
  value,
  onChange,
}: {
  id: string;
  label: string;
  setting: NumberSetting;
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  return (
    <div>
      <div className="mb-1 flex items-center justify-between">
        <label htmlFor={id} className="text-[12px] text-zinc-300">
          {label}
        </label>
        <span className="flex items-center gap-1">
          <span className="text-[11.5px] tabular text-zinc-400">{value === null ? 'Default' : value.toFixed(2)}</span>
          {value !== null && (
            <button
              type="button"
              aria-label={`Reset ${label.toLowerCase()} to the default`}
              onClick={() => onChange(null)}
              className="rounded p-0.5 text-zinc-500 hover:text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent"
            >
              <RotateCcw size={12} />
            </button>
          )}
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={setting.min}
        max={setting.max}
        step={setting.step}
        value={value ?? (setting.min + setting.max) / 2}
        aria-valuetext={value === null ? 'Default' : String(value)}
        onChange={(event) => onChange(Number(event.target.value))}
        className={clsx('w-full accent-yellow-400', value === null && 'opacity-50')}
      />
    </div>
  );
}

/**
 * The fields inside the open "Advanced settings": temperature, top-p, safety tolerance and the system instruction,
 * only those the offering takes. Loaded on the first open (or when the pointer or focus reaches the toggle).
 */
export default function AdvancedSettingsFields({ offering }: { offering: Offering }) {
  const temperature = useStudioStore((state) => state.temperature);
  const topP = useStudioStore((state) => state.topP);
  const systemPrompt = useStudioStore((state) => state.systemPrompt);
  const safetyTolerance = useStudioStore((state) => state.safetyTolerance);
  const setSetting = useStudioStore((state) => state.setSetting);
  const { advanced } = offering;
  const offered = [advanced.temperature, advanced.topP, advanced.systemPrompt, advanced.safetyTolerance].filter(Boolean).length;
  return (
    <div id="studio-advanced" className="space-y-3 border-t border-line px-2.5 pb-3 pt-2.5">
      {offered === 0 && <p className="text-[11.5px] text-zinc-500">This provider takes no advanced settings for this model.</p>}
      {advanced.temperature && (
        <NumberSettingField
          id="studio-temperature"
          label="Temperature"
          setting={advanced.temperature}
          value={temperature}
          onChange={(value) => setSetting('temperature', value)}
        />
      )}
      {advanced.topP && (
        <NumberSettingField id="studio-top-p" label="Top-p" setting={advanced.topP} value={topP} onChange={(value) => setSetting('topP', value)} />
      )}
      {advanced.safetyTolerance && (
        <div>
          <label htmlFor="studio-safety" className="mb-1 block text-[12px] text-zinc-300">
            Safety tolerance
          </label>
          <select
            id="studio-safety"
            value={safetyTolerance ?? ''}
            onChange={(event) => setSetting('safetyTolerance', event.target.value === '' ? null : event.target.value)}
            className={
              'h-8 w-full rounded-md border border-line bg-raised px-2 text-[12.5px] ' + 'text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent'
            }
          >
            <option value="">Default{advanced.safetyTolerance.default ? ` (${advanced.safetyTolerance.default})` : ''}</option>
            {advanced.safetyTolerance.values.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      )}
      {advanced.systemPrompt && (
        <div>
          <label htmlFor="studio-system-prompt" className="mb-1 block text-[12px] text-zinc-300">
            System instruction
          </label>
          <textarea
            id="studio-system-prompt"
            rows={3}
            value={systemPrompt}
            maxLength={advanced.systemPrompt.max ?? undefined}
            onChange={(event) => setSetting('systemPrompt', event.target.value)}
            placeholder="Optional instruction that frames every prompt"
            className={
              'block w-full resize-y rounded-md border border-line bg-raised px-2.5 py-1.5 text-[12.5px] ' +
              'text-zinc-100 placeholder:text-zinc-600 focus:border-accent/70 focus:outline-none'
            }
          />
        </div>
      )}
    </div>
  );
}
