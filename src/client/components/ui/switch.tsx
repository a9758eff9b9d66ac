import { useId, type ReactNode } from 'react';
import clsx from 'clsx';

interface SwitchProps {
  /** Visible label and accessible name: "Web search". */
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** A short line under the label (its price impact). */
  hint?: ReactNode;
  disabled?: boolean;
}

/** An on/off switch: a native checkbox with `role="switch"`, so Space toggles it. */
export function Switch({ label, checked, onChange, hint, disabled }: SwitchProps) {
  const id = useId();
  return (
    <label htmlFor={id} className={clsx('flex items-center justify-between gap-3 py-1', disabled && 'opacity-50')}>
      <span className="min-w-0">
        <span id={`${id}-label`} className="block text-[12.5px] text-zinc-200">
          {label}
        </span>
        {hint && (
          <span id={`${id}-hint`} className="block text-[11px] text-zinc-500 tabular">
            {hint}
          </span>
        )}
      </span>
      <span className="relative inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-labelledby={`${id}-label`}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => onChange(event.target.checked)}
          className="peer absolute inset-0 h-full w-full cursor-[inherit] opacity-0"
        />
        <span
          aria-hidden
          className={clsx(
            'pointer-events-none h-[18px] w-8 rounded-full border transition-colors ' +
              'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent',
            checked ? 'border-accent bg-accent' : 'border-line-strong bg-zinc-800',
          )}
        >
          <span
            className={clsx(
              'block h-3.5 w-3.5 translate-y-px rounded-full transition-transform',
              checked ? 'translate-x-[15px] bg-zinc-900' : 'translate-x-px bg-zinc-400',
            )}
          />
        </span>
      </span>
    </label>
  );
}
