import { useId, type ReactNode } from 'react';
import clsx from 'clsx';

/** One choice of a radio group, named by the value the user sees. */
interface RadioOption<Value extends string> {
  value: Value;
  /** The accessible name and visible label ("16:9", "Nano Banana 2"). */
  label: string;
  /** A second line, read out as the description. */
  description?: ReactNode;
  /** Content drawn instead of the label (the label stays the accessible name). */
  content?: ReactNode;
  /** Shown at the right end (a price). */
  aside?: ReactNode;
  disabled?: boolean;
}

interface RadioGroupProps<Value extends string> {
  /** Visible label and the group's accessible name: "Model", "Aspect ratio". */
  label: string;
  value: Value | null;
  options: Array<RadioOption<Value>>;
  onChange: (value: Value) => void;
  /** `segmented`: one row of equal cells; `list`: stacked rows; `grid`: tiles. */
  layout?: 'segmented' | 'list' | 'grid';
  /** Extra content next to the label (a hint). */
  labelAside?: ReactNode;
  className?: string;
  columns?: number;
}

/**
 * A radio group made of native radio inputs (arrow keys move, Space selects),
 * drawn as segmented buttons, rows or tiles, with a visible label and a focus ring.
 */
export function RadioGroup<Value extends string>({
  label,
  value,
  options,
  onChange,
  layout = 'segmented',
  labelAside,
  className,
  columns,
}: RadioGroupProps<Value>) {
  const id = useId();
  const labelId = `${id}-label`;
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <span id={labelId} className="text-[12px] font-medium text-zinc-300">
          {label}
        </span>
        {labelAside}
      </div>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        className={clsx(
          layout === 'segmented' && 'flex rounded-md border border-line bg-raised p-0.5',
          layout === 'list' && 'flex flex-col gap-1',
          layout === 'grid' && 'grid gap-1',
        )}
        style={layout === 'grid' ? { gridTemplateColumns: `repeat(${columns ?? 5}, minmax(0, 1fr))` } : undefined}
      >
        {options.map((option) => {
          const descriptionId = option.description ? `${id}-${option.value}-description` : undefined;
          const checked = option.value === value;
          return (
            <label key={option.value} className={clsx('relative min-w-0', layout === 'segmented' && 'flex-1', option.disabled && 'cursor-not-allowed')}>
              <input
                type="radio"
                name={id}
                value={option.value}
                checked={checked}
                disabled={option.disabled}
                aria-label={option.label}
                aria-describedby={descriptionId}
                onChange={() => onChange(option.value)}
                className="peer absolute inset-0 h-full w-full cursor-[inherit] opacity-0"
              />
              <span
                className={clsx(
                  'pointer-events-none flex h-full items-center gap-2 transition-colors peer-focus-visible:outline-2 ' +
                    'peer-focus-visible:outline-offset-1 peer-focus-visible:outline-accent',
                  layout === 'segmented' && 'justify-center rounded-[5px] px-2 py-1 text-[12px] font-medium tabular',
                  layout === 'segmented' && (checked ? 'bg-zinc-700 text-white shadow-sm' : 'text-zinc-400 peer-hover:text-zinc-200'),
                  layout !== 'segmented' && 'rounded-md border px-2.5 py-1.5',
                  layout === 'list' && 'min-h-[32px]',
                  layout !== 'segmented' &&
                    (checked ? 'border-accent/70 bg-accent/10 text-white' : 'border-line bg-raised text-zinc-300 peer-hover:border-line-strong'),
                  layout === 'grid' && 'flex-col justify-center gap-1 px-1 py-1.5 text-center',
                  option.disabled && 'opacity-45',
                )}
              >
                {option.content ?? (
                  <span className={clsx('min-w-0 flex-1', layout === 'list' && 'flex items-baseline gap-2', layout === 'segmented' && 'text-center')}>
                    <span className="block shrink-0 truncate text-[12.5px] font-medium">{option.label}</span>
                    {option.description && (
                      <span id={descriptionId} className={layout === 'segmented' ? 'sr-only' : 'block truncate text-[11px] text-zinc-500'}>
                        {option.description}
                      </span>
                    )}
                  </span>
                )}
                {option.content && option.description && (
                  <span id={descriptionId} className="sr-only">
                    {option.description}
                  </span>
                )}
                {option.aside && <span className="shrink-0 text-[11.5px] tabular text-zinc-400">{option.aside}</span>}
              </span>
            </label>
          );
        })}
      </div>
    </div>
  );
}
