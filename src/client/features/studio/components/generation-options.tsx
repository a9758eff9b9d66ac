import { Dices, Lock, LockOpen } from 'lucide-react';
import type { Offering, OutputFormat, Price, ThinkingLevel } from '../../../../catalog/types.ts';
import { RadioGroup } from '../../../components/ui/radio-group.tsx';
import { Switch } from '../../../components/ui/switch.tsx';
import { formatUsd } from '../../../../catalog/money.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { drawRandomSeed, thinkingName } from '../stores/studio-settings.ts';
import { AdjustedMark } from './adjusted-mark.tsx';

/** A price's impact per image: "+$0.015 per image", "no extra charge", "+$0.00 expected, up to +$0.14 per image". */
function formatPriceImpact(price: Price | null | undefined): string {
  if (!price) return '';
  if (price.max === null) return price.min === 0 ? 'price not published' : `from +${formatUsd(price.min)} per image, no published upper bound`;
  if (price.exact || price.min === price.max) {
    return price.min === 0 ? 'no extra charge' : `+${formatUsd(price.min)} per image`;
  }
  if (price.expected !== null) return `+${formatUsd(price.expected)} expected, up to +${formatUsd(price.max)} per image`;
  return `+${formatUsd(price.min)}-${formatUsd(price.max)} per image`;
}

type ThinkingChoice = 'auto' | ThinkingLevel;

/** "Thinking", "Web search", "Image search": shown only where offered, each with its price impact. */
export function ReasoningOptions({ offering }: { offering: Offering }) {
  const thinking = useStudioStore((state) => state.thinking);
  const webSearch = useStudioStore((state) => state.webSearch);
  const imageSearch = useStudioStore((state) => state.imageSearch);
  const setSetting = useStudioStore((state) => state.setSetting);
  const { pricing } = offering;
  const offersThinking = offering.thinkingLevels.length > 0;
  const { webSearch: offersWeb, imageSearch: offersImage } = offering.grounding;
  if (!offersThinking && !offersWeb && !offersImage) return null;
  const combined = webSearch && imageSearch && pricing.groundingCombined;
  return (
    <div className="space-y-3">
      {offersThinking && (
        <RadioGroup<ThinkingChoice>
          label="Thinking"
          value={thinking ?? 'auto'}
          onChange={(value) => setSetting('thinking', value === 'auto' ? null : value)}
          labelAside={
            <span className="flex items-center gap-1.5">
              <AdjustedMark field="thinking" />
              <span className="text-[11px] text-zinc-500">{thinking ? formatPriceImpact(pricing.thinking[thinking]) : 'provider default'}</span>
            </span>
          }
          options={[
            { value: 'auto', label: 'Auto', description: 'The provider’s default level' },
            ...offering.thinkingLevels.map((level) => ({
              value: level,
              label: thinkingName(level),
              description: formatPriceImpact(pricing.thinking[level]) || undefined,
            })),
          ]}
        />
      )}
      {(offersWeb || offersImage) && (
        <div className="rounded-md border border-line bg-raised/60 px-2.5 py-1">
          {offersWeb && (
            <Switch
              label="Web search"
              checked={webSearch}
              onChange={(value) => setSetting('webSearch', value)}
              hint={
                <>
                  {formatPriceImpact(pricing.webSearch)} <AdjustedMark field="webSearch" />
                </>
              }
            />
          )}
          {offersImage && (
            <Switch
              label="Image search"
              checked={imageSearch}
              onChange={(value) => setSetting('imageSearch', value)}
              hint={
                <>
                  {formatPriceImpact(pricing.imageSearch)} <AdjustedMark field="imageSearch" />
                </>
              }
            />
          )}
          {combined && (
            <p className="pb-1 text-[11px] text-zinc-500">Both on: billed once as grounded search, {formatPriceImpact(pricing.groundingCombined)}.</p>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * "Number of images": a small select beside Generate (it multiplies the
 * estimate next to it), named "Number of images" for assistive technology.
 */
export function NumberOfImagesPicker({ offering }: { offering: Offering }) {
  const numberResults = useStudioStore((state) => state.numberResults);
  const setSetting = useStudioStore((state) => state.setSetting);
  const counts: number[] = [];
  for (let count = offering.numberResults.min; count <= offering.numberResults.max; count += 1) counts.push(count);
  return (
    <div className="flex shrink-0 items-center gap-1">
      <select
        id="studio-number-results"
        aria-label="Number of images"
        value={numberResults}
        onChange={(event) => setSetting('numberResults', Number(event.target.value))}
        className={
          'h-10 w-[84px] rounded-md border border-line bg-raised pl-1.5 pr-0.5 text-[12.5px] ' +
          'tabular text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent'
        }
      >
        {counts.map((count) => (
          <option key={count} value={count}>
            {count} {count === 1 ? 'image' : 'images'}
          </option>
        ))}
      </select>
      <AdjustedMark field="numberResults" />
    </div>
  );
}

/** "Seed" (random or locked) and "Output format". */
export function OutputOptions({ offering }: { offering: Offering }) {
  const seedLocked = useStudioStore((state) => state.seedLocked);
  const seed = useStudioStore((state) => state.seed);
  const outputFormat = useStudioStore((state) => state.outputFormat);
  const setSetting = useStudioStore((state) => state.setSetting);

  return (
    <div className="space-y-3">
      <div>
        {offering.seed ? (
          <div>
            <label htmlFor="studio-seed" className="mb-1.5 block text-[12px] font-medium text-zinc-300">
              Seed
            </label>
            <div className="flex h-8 rounded-md border border-line bg-raised focus-within:border-accent/70">
              <input
                id="studio-seed"
                type="number"
                inputMode="numeric"
                min={offering.seed.min}
                max={offering.seed.max ?? undefined}
                placeholder="Random"
                value={seedLocked && seed !== null ? seed : ''}
                aria-describedby="studio-seed-state"
                onChange={(event) => {
                  const text = event.target.value;
                  if (text === '') {
                    setSetting('seedLocked', false);
                    return;
                  }
                  const value = Math.trunc(Number(text));
                  if (Number.isFinite(value)) {
                    setSetting('seed', value);
                    setSetting('seedLocked', true);
                  }
                }}
                className="min-w-0 flex-1 bg-transparent px-2 text-[12.5px] tabular text-zinc-100 placeholder:text-zinc-500 focus:outline-none"
              />
              <span id="studio-seed-state" className="sr-only">
                {seedLocked ? 'Seed locked' : 'A random seed is drawn for each generation'}
              </span>
              <button
                type="button"
                aria-pressed={seedLocked}
                aria-label={seedLocked ? 'Unlock: a new number each time' : 'Keep this number'}
                title={seedLocked ? 'Locked: the same seed is sent each time' : 'Random: a new seed for each generation'}
                onClick={() => {
                  if (seedLocked) setSetting('seedLocked', false);
                  else {
                    if (seed === null) setSetting('seed', drawRandomSeed(offering));
                    setSetting('seedLocked', true);
                  }
                }}
                className={
                  'flex w-8 items-center justify-center border-l border-line text-zinc-400 ' +
                  'hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent'
                }
              >
                {seedLocked ? <Lock size={13} className="text-accent" /> : <LockOpen size={13} />}
              </button>
              <button
                type="button"
                aria-label="Roll a new number"
                title="Draw a new seed and lock it"
                onClick={() => {
                  setSetting('seed', drawRandomSeed(offering));
                  setSetting('seedLocked', true);
                }}
                className={
                  'flex w-8 items-center justify-center rounded-r-md border-l border-line text-zinc-400 ' +
                  'hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent'
                }
              >
                <Dices size={14} />
              </button>
            </div>
          </div>
        ) : (
          <div>
            <span className="mb-1.5 block text-[12px] font-medium text-zinc-500">Seed</span>
            <p className="flex h-8 items-center text-[11.5px] text-zinc-500">Not offered by this provider</p>
          </div>
        )}
      </div>
      {offering.outputFormats.length > 1 ? (
        <RadioGroup<OutputFormat>
          label="Output format"
          labelAside={<AdjustedMark field="outputFormat" />}
          value={outputFormat}
          onChange={(value) => setSetting('outputFormat', value)}
          options={offering.outputFormats.map((value) => ({ value, label: value.toUpperCase() }))}
        />
      ) : (
        <p className="text-[11.5px] text-zinc-500">Output format: {offering.outputFormats[0]?.toUpperCase()} (the only one offered)</p>
      )}
    </div>
  );
}
