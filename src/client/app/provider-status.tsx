import { lazy, Suspense } from 'react';
import clsx from 'clsx';
import { useCatalog } from '../api/get-catalog.ts';
import { PopoverButton } from '../components/ui/popover-button.tsx';

const ProviderList = lazy(() => import('./provider-list.tsx'));

const PROVIDER_LIST_CONTENT = {
  align: 'end',
  sideOffset: 6,
  className: 'z-50 w-80 rounded-lg border border-line-strong bg-zinc-900 p-2 text-[12px] shadow-2xl shadow-black/50',
} as const;

const PROVIDER_STATUS_BUTTON_CLASS =
  'flex items-center gap-2 rounded-md border border-line bg-raised/60 px-2.5 py-1 text-[12px] ' +
  'text-zinc-300 hover:text-white focus-visible:outline-2 focus-visible:outline-accent';

/** The status button's face: a dot and "Providers 2/5". */
function ProviderStatusLabel() {
  const { data, isError } = useCatalog();
  const providers = data?.providers ?? [];
  const configured = providers.filter((provider) => provider.configured).length;
  return (
    <>
      <span className={clsx('h-2 w-2 rounded-full', isError ? 'bg-red-500' : data ? 'bg-emerald-400' : 'bg-zinc-500')} aria-hidden />
      {isError ? (
        'Server unreachable'
      ) : data ? (
        <>
          <span className="max-md:sr-only">Providers </span>
          {configured}/{providers.length}
        </>
      ) : (
        'Connecting…'
      )}
    </>
  );
}

/** Provider status: how many providers have a key, with the list one click away (loaded at first open). */
export function ProviderStatus() {
  return (
    <PopoverButton
      className={PROVIDER_STATUS_BUTTON_CLASS}
      contentProps={PROVIDER_LIST_CONTENT}
      content={
        <Suspense
          fallback={
            <p role="status" className="p-1.5 text-zinc-400">
              Loading…
            </p>
          }
        >
          <ProviderList />
        </Suspense>
      }
    >
      <ProviderStatusLabel />
    </PopoverButton>
  );
}
