import { lazy, Suspense } from 'react';
import clsx from 'clsx';
import { useCatalog } from '../api/get-catalog.ts';

const ProviderStatusPopover = lazy(() => import('./provider-status-popover.tsx'));

/** The status button's classes, shared with its lazily loaded popover version. */
export const PROVIDER_STATUS_BUTTON_CLASS =
  'flex items-center gap-2 rounded-md border border-line bg-raised/60 px-2.5 py-1 text-[12px] text-zinc-300 hover:text-white focus-visible:outline-2 focus-visible:outline-accent';

/** The status button's face: a dot and "Providers 2/5". */
export function ProviderStatusLabel() {
  const { data, isError } = useCatalog();
  const providers = data?.providers ?? [];
  const configured = providers.filter((provider) => provider.configured).length;
  return (
    <>
      <span className={clsx('h-2 w-2 rounded-full', isError ? 'bg-red-500' : data ? 'bg-emerald-400' : 'bg-zinc-500')} aria-hidden />
      {isError ? 'Server unreachable' : data ? <><span className="max-md:sr-only">Providers </span>{configured}/{providers.length}</> : 'Connecting…'}
    </>
  );
}

/** Provider status: how many providers have a key, with the list one click away. */
export function ProviderStatus() {
  return (
    <Suspense fallback={<button type="button" className={PROVIDER_STATUS_BUTTON_CLASS}><ProviderStatusLabel /></button>}>
      <ProviderStatusPopover />
    </Suspense>
  );
}
