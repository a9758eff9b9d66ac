import { useId, useState, type SubmitEvent } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { showToast } from '../../../components/ui/toaster.tsx';
import type { BudgetStatus } from '../../../api/get-budget.ts';
import { useUpdateBudget } from '../api/update-budget.ts';
import { formatUsd } from '../../../lib/format.ts';

function toField(limit: number | undefined | null): string {
  return limit === undefined || limit === null ? '' : String(limit);
}

/** An empty field is "no limit"; anything else must be an amount of 0 or more. */
function readLimit(value: string): { ok: true; limit: number | null } | { ok: false; message: string } {
  const trimmed = value.trim().replace(/^\$/, '');
  if (trimmed === '') return { ok: true, limit: null };
  const amount = Number(trimmed);
  if (!Number.isFinite(amount) || amount < 0) {
    return { ok: false, message: 'Enter an amount in US dollars, such as 5 or 12.50, or leave it empty for no limit.' };
  }
  return { ok: true, limit: amount };
}

interface LimitFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value, shown in place of the hint. */
  error: string | null;
  hint: string;
}

function LimitField({ label, value, onChange, error, hint }: LimitFieldProps) {
  const id = useId();
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className="mb-1 block text-[11.5px] font-medium text-zinc-300">
        {label}
      </label>
      <div className="flex h-8 items-center rounded-md border border-line-strong bg-surface focus-within:border-accent">
        <span className="pl-2.5 text-zinc-500" aria-hidden>
          $
        </span>
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          placeholder="No limit"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          className="h-full w-full min-w-0 bg-transparent px-1.5 text-[13px] tabular text-zinc-100 outline-none placeholder:text-zinc-600"
        />
      </div>
      <p id={`${id}-hint`} className={`mt-1 text-[11px] ${error ? 'text-red-300' : 'text-zinc-500'}`}>
        {error ?? hint}
      </p>
    </div>
  );
}

/**
 * The budget, editable: daily and monthly limits in US dollars (empty: no
 * limit), saved with `PUT /api/budget`. The hints say what is spent,
 * reserved and left in each period.
 */
export function BudgetForm({ budget }: { budget: BudgetStatus }) {
  const update = useUpdateBudget();
  const [daily, setDaily] = useState(toField(budget.daily?.limit));
  const [monthly, setMonthly] = useState(toField(budget.monthly?.limit));
  const [errors, setErrors] = useState<{ daily: string | null; monthly: string | null }>({ daily: null, monthly: null });
  const [dirty, setDirty] = useState(false);

  // Follow the server's limits until the user starts editing.
  // (State adjusted during render, not in an effect.)
  const serverDaily = toField(budget.daily?.limit);
  const serverMonthly = toField(budget.monthly?.limit);
  if (!dirty && (daily !== serverDaily || monthly !== serverMonthly)) {
    setDaily(serverDaily);
    setMonthly(serverMonthly);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const dailyLimit = readLimit(daily);
    const monthlyLimit = readLimit(monthly);
    setErrors({ daily: dailyLimit.ok ? null : dailyLimit.message, monthly: monthlyLimit.ok ? null : monthlyLimit.message });
    if (!dailyLimit.ok || !monthlyLimit.ok) return;
    update.mutate(
      { dailyUsd: dailyLimit.limit, monthlyUsd: monthlyLimit.limit },
      {
        onSuccess: () => {
          setDirty(false);
          showToast('Budget saved.');
        },
        onError: (error) => showToast(error instanceof Error ? error.message : 'The budget could not be saved.', { tone: 'error' }),
      },
    );
  }

  const hint = (status: BudgetStatus['daily'], period: string) =>
    status ? `${formatUsd(status.remaining)} left ${period}${status.reserved > 0 ? ` (${formatUsd(status.reserved)} reserved)` : ''}` : `No limit ${period}`;

  return (
    <form aria-label="Budget" onSubmit={submit} className="space-y-3">
      <div className="flex gap-3">
        <LimitField
          label="Daily budget"
          value={daily}
          onChange={(value) => {
            setDaily(value);
            setDirty(true);
          }}
          error={errors.daily}
          hint={hint(budget.daily, 'today')}
        />
        <LimitField
          label="Monthly budget"
          value={monthly}
          onChange={(value) => {
            setMonthly(value);
            setDirty(true);
          }}
          error={errors.monthly}
          hint={hint(budget.monthly, 'this month')}
        />
      </div>
      <div className="flex items-center gap-3">
        {/* aria-disabled, not disabled: the focus stays on the button while saving. */}
        <Button type="submit" variant="primary" size="sm" aria-disabled={update.isPending || undefined}>
          {update.isPending ? 'Saving…' : 'Save budget'}
        </Button>
        <p className="text-[11px] text-zinc-500">
          {budget.source === 'environment' && (budget.daily || budget.monthly) ? 'Set by the server at start-up until you save one here. ' : ''}
          Generations that would pass a limit are refused before anything is sent.
        </p>
      </div>
    </form>
  );
}
