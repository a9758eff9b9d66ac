import { useMemo } from 'react';
import { Wallet } from 'lucide-react';
import { formatUsd, formatUsdTotal } from '../../../../catalog/money.ts';
import { remainingBudget, useBudget } from '../../../api/get-budget.ts';
import { useSpend } from '../api/get-spend.ts';

const SESSION_KEY = 'banana-studio:session-start';

/** The start of this browser session (kept in sessionStorage, so a reload stays in the same session). */
function sessionStart(): string {
  let start = sessionStorage.getItem(SESSION_KEY);
  if (!start) {
    start = new Date().toISOString();
    sessionStorage.setItem(SESSION_KEY, start);
  }
  return start;
}

interface FigureProps {
  label: string;
  /** USD; `undefined` while unknown. */
  total: number | undefined;
  /** The exact figures, as a tooltip. */
  detail?: string | undefined;
  loading: boolean;
  tone?: 'normal' | 'low';
}

/** "1 generation", "3 generations". */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function Figure({ label, total, detail, loading, tone = 'normal' }: FigureProps) {
  return (
    <div className="flex items-baseline gap-1.5" title={detail}>
      <span className="text-[11px] text-zinc-500">{label}</span>
      <span className={`text-[12.5px] font-medium tabular ${tone === 'low' ? 'text-amber-300' : 'text-zinc-100'}`}>
        {loading ? '…' : total === undefined ? '—' : formatUsdTotal(total)}
      </span>
    </div>
  );
}

/**
 * Spend, to the cent: what today counts against the budget (server time zone),
 * what was billed in this browser session, and, when a budget is set, what
 * remains of it (the tightest of the daily and monthly limits).
 */
export function SpendMeter() {
  const since = useMemo(() => sessionStart(), []);
  const budget = useBudget();
  const session = useSpend(since);
  const remaining = remainingBudget(budget.data);
  const today = budget.data?.today;
  return (
    <div role="group" aria-label="Spend" className="flex items-center gap-3 rounded-md border border-line bg-raised/60 px-2.5 py-1 max-md:hidden">
      <Wallet size={13} className="text-zinc-500" aria-hidden />
      <Figure
        label="Today"
        total={today?.spent}
        detail={today && `${formatUsd(today.spent)} spent today${today.reserved > 0 ? `, ${formatUsd(today.reserved)} reserved by running generations` : ''}`}
        loading={budget.isLoading}
      />
      <span className="h-3 w-px bg-line-strong" aria-hidden />
      <Figure
        label="Session"
        total={session.data?.total}
        detail={session.data && `${formatUsd(session.data.total)} billed by ${plural(session.data.count, 'generation')} this session`}
        loading={session.isLoading}
      />
      {remaining && (
        <>
          <span className="h-3 w-px bg-line-strong" aria-hidden />
          <Figure
            label={remaining.period === 'today' ? 'Left today' : 'Left this month'}
            total={remaining.usd}
            detail={`${formatUsd(remaining.usd)} of the budget remains ${remaining.period}`}
            loading={false}
            tone={remaining.usd <= 0 ? 'low' : 'normal'}
          />
        </>
      )}
    </div>
  );
}
