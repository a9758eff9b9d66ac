import { useMemo } from 'react';
import { Wallet } from 'lucide-react';
import { formatUsdTotal } from '../../../../catalog/money.ts';
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

function startOfToday(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

function Figure({ label, total, count, loading }: { label: string; total: number | undefined; count: number | undefined; loading: boolean }) {
  return (
    <div className="flex items-baseline gap-1.5" title={count !== undefined ? `${count} billed generation${count === 1 ? '' : 's'}` : undefined}>
      <span className="text-[11px] text-zinc-500">{label}</span>
      <span className="text-[12.5px] font-medium tabular text-zinc-100">{loading ? '…' : total === undefined ? '—' : formatUsdTotal(total)}</span>
    </div>
  );
}

/** Spend: the billed total today (local midnight) and in this session. */
export function SpendMeter() {
  const since = useMemo(() => ({ today: startOfToday(), session: sessionStart() }), []);
  const today = useSpend(since.today);
  const session = useSpend(since.session);
  return (
    <div role="group" aria-label="Spend" className="flex items-center gap-3 rounded-md border border-line bg-raised/60 px-2.5 py-1 max-md:gap-2 max-md:px-2">
      <Wallet size={13} className="text-zinc-500 max-md:hidden" aria-hidden />
      <Figure label="Today" total={today.data?.total} count={today.data?.count} loading={today.isLoading} />
      <span className="h-3 w-px bg-line-strong" aria-hidden />
      <Figure label="Session" total={session.data?.total} count={session.data?.count} loading={session.isLoading} />
    </div>
  );
}
