import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import clsx from 'clsx';
import { Download } from 'lucide-react';
import { useBudget } from '../../../api/get-budget.ts';
import { formatUsd, formatUsdTotal } from '../../../lib/format.ts';
import { LEDGER_CSV_URL, useLedger } from '../api/get-ledger.ts';
import { useSpendSummary } from '../api/get-spend-summary.ts';
import { BudgetForm } from './budget-form.tsx';
import { SpendChart } from './spend-chart.tsx';
import { DriftList, LedgerTable, SpendByOfferingTable } from './spend-tables.tsx';

/** Rows of the ledger shown in the view (the CSV has them all). */
const LEDGER_ROWS_SHOWN = 25;

/** Spent and reserved USD over one period. */
type PeriodFigures = { spent: number; reserved: number };

interface PanelProps {
  title: string;
  /** A short line beside the title. */
  description?: string | undefined;
  children: ReactNode;
  className?: string;
}

function Panel({ title, description, children, className = '' }: PanelProps) {
  const id = `spend-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className={`min-w-0 rounded-lg border border-line bg-panel p-4 max-md:overflow-x-auto max-md:p-3 ${className}`}>
      <div className="mb-3 flex items-baseline gap-3">
        <h3 id={id} className="text-[13px] font-semibold text-zinc-100">
          {title}
        </h3>
        {description && <p className="text-[11.5px] text-zinc-500">{description}</p>}
      </div>
      {children}
    </section>
  );
}

function Figure({ amount, period, limit }: { amount: PeriodFigures | undefined; period: string; limit: number | undefined }) {
  const used = amount && limit !== undefined ? amount.spent + amount.reserved : 0;
  const share = limit ? Math.min(1, used / limit) : limit === 0 ? 1 : 0;
  const detail = amount ? [formatUsd(amount.spent), amount.reserved > 0 ? `${formatUsd(amount.reserved)} reserved` : null].filter(Boolean).join(' · ') : '…';
  return (
    <div className="min-w-0">
      <p className="text-[26px] font-semibold leading-none tabular text-white">{amount === undefined ? '—' : formatUsdTotal(amount.spent)}</p>
      <p className="mt-1.5 truncate text-[11.5px] tabular text-zinc-500" title={detail}>
        {detail}
      </p>
      {limit !== undefined ? (
        <div className="mt-4">
          <div
            role="meter"
            aria-label={`Budget used ${period}`}
            aria-valuemin={0}
            aria-valuemax={limit}
            aria-valuenow={Math.min(used, limit)}
            aria-valuetext={`${formatUsd(used)} of ${formatUsd(limit)}`}
            className="h-1.5 overflow-hidden rounded-full bg-zinc-800"
          >
            <div
              className={`h-full rounded-full ${share >= 1 ? 'bg-red-400' : share > 0.8 ? 'bg-amber-300' : 'bg-accent'}`}
              style={{ width: `${share * 100}%` }}
            />
          </div>
          <p className="mt-1.5 text-[11.5px] tabular text-zinc-400">
            {formatUsdTotal(Math.max(0, limit - used))} left of {formatUsdTotal(limit)}
          </p>
        </div>
      ) : (
        <p className="mt-4 text-[11.5px] text-zinc-500">No budget {period}</p>
      )}
    </div>
  );
}

function startOfChart(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29).toISOString();
}

/**
 * The Spend view: today and this month with the budget (editable), spend per
 * day for 30 days stacked by provider, spend by model and resolution, every
 * cost outside its estimate, the latest ledger rows and the CSV download.
 */
export function SpendView() {
  const summary = useSpendSummary();
  const budget = useBudget();
  const from = useMemo(() => startOfChart(), []);
  const ledger = useLedger(from);
  const status = budget.data ?? summary.data?.budget;
  const driftCount = summary.data?.drift.length ?? 0;
  const heading = useRef<HTMLHeadingElement>(null);
  // Reached from a link that belonged to the view before (the studio's "Change the budget"): keep the focus off the page body.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, []);
  const latest = useMemo(() => [...(ledger.data?.items ?? [])].reverse().slice(0, LEDGER_ROWS_SHOWN), [ledger.data]);

  if (summary.isError) {
    return (
      <p role="alert" className="p-6 text-[13px] text-red-300">
        {summary.error.message}
      </p>
    );
  }

  return (
    <main className="relative min-h-0 flex-1 overflow-y-auto" aria-labelledby="spend-heading">
      <div className="mx-auto max-w-[1280px] space-y-4 px-6 py-5 max-md:px-3 max-md:py-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 ref={heading} id="spend-heading" tabIndex={-1} className="text-[17px] font-semibold tracking-tight text-white outline-none">
            Spend
          </h2>
          <p className="text-[12px] text-zinc-500">Days and months follow the studio server's clock.</p>
          <a
            href={LEDGER_CSV_URL}
            download
            className={clsx(
              'ml-auto inline-flex h-8 items-center gap-2 rounded-md border border-line-strong bg-raised px-3 text-[12.5px] font-medium text-zinc-200',
              'hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
            )}
          >
            <Download size={14} aria-hidden />
            Download CSV
          </a>
        </div>

        <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)] gap-4 max-lg:grid-cols-2 max-md:grid-cols-1">
          <Panel title="Today">
            <Figure amount={status?.today} period="today" limit={status?.daily?.limit} />
          </Panel>
          <Panel title="This month">
            <Figure amount={status?.thisMonth} period="this month" limit={status?.monthly?.limit} />
          </Panel>
          <Panel title="Budget" description="Empty means no limit" className="max-lg:col-span-2 max-md:col-span-1">
            {status ? <BudgetForm budget={status} /> : <p className="text-[12.5px] text-zinc-500">Loading…</p>}
          </Panel>
        </div>

        <Panel title="Last 30 days" description="Spend per day, by provider">
          {summary.data ? (
            <SpendChart days={summary.data.days} providers={summary.data.providers} />
          ) : (
            <div className="h-[252px] text-[12.5px] text-zinc-500" role="status">
              Loading…
            </div>
          )}
        </Panel>

        <div className="grid grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-4 max-lg:grid-cols-1">
          <Panel title="By model and resolution" description="Last 30 days">
            {summary.data ? <SpendByOfferingTable rows={summary.data.byOffering} /> : null}
          </Panel>
          <Panel title="Outside the estimate" description={driftCount > 0 ? `${driftCount} generation${driftCount === 1 ? '' : 's'}` : undefined}>
            {summary.data ? <DriftList cases={summary.data.drift} /> : null}
          </Panel>
        </div>

        <Panel title="Ledger" description={`The latest ${LEDGER_ROWS_SHOWN}; the CSV has every generation`}>
          {ledger.data ? <LedgerTable rows={latest} /> : null}
        </Panel>
      </div>
    </main>
  );
}
