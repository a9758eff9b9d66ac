import * as Popover from '@radix-ui/react-popover';
import clsx from 'clsx';
import { useCatalog } from '../api/get-catalog.ts';
import { PROVIDER_STATUS_BUTTON_CLASS, ProviderStatusLabel } from './provider-status.tsx';

/** The provider list behind the status button (Radix Popover, loaded on its own chunk). */
export default function ProviderStatusPopover() {
  const { data } = useCatalog();
  const providers = data?.providers ?? [];
  return (
    <Popover.Root>
      <Popover.Trigger className={PROVIDER_STATUS_BUTTON_CLASS}>
        <ProviderStatusLabel />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={6} className="z-50 w-72 rounded-lg border border-line-strong bg-zinc-900 p-2 text-[12px] shadow-2xl shadow-black/50">
          <p className="px-1.5 pb-1.5 pt-0.5 font-medium text-zinc-200">Providers</p>
          <ul>
            {providers.map((provider) => (
              <li key={provider.id} className="flex items-center gap-2 rounded px-1.5 py-1">
                <span className={clsx('h-1.5 w-1.5 rounded-full', provider.configured ? 'bg-emerald-400' : 'bg-zinc-600')} aria-hidden />
                <span className="text-zinc-200">{provider.name}</span>
                <span className="ml-auto text-[11px] text-zinc-500">
                  {provider.configured ? (provider.keyVariable ? 'ready' : 'built in, offline') : 'not set up'}
                </span>
              </li>
            ))}
          </ul>
          <p className="px-1.5 pt-1.5 text-[11px] leading-snug text-zinc-500">A provider is set up with its key by whoever runs the studio.</p>
          {providers.some((provider) => !provider.configured && provider.keyVariable) && (
            <details className="px-1.5 pt-1 text-[11px] leading-snug text-zinc-500">
              <summary className="cursor-pointer hover:text-zinc-300">Details for whoever runs the studio</summary>
              <p className="mt-1">
                Set {providers.filter((provider) => !provider.configured && provider.keyVariable).map((provider) => provider.keyVariable).join(', ')} in the
                server’s environment or .env, then restart the server. Keys stay on the server.
              </p>
            </details>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
