import clsx from 'clsx';
import { useCheckProviderKey, type ProviderKeyCheck } from '../api/check-provider-key.ts';
import { useCatalog } from '../api/get-catalog.ts';
import type { ServedCatalog } from '../api/types.ts';

/** The provider list in the status button's popover (its own chunk, loaded at first open), with a key check per provider. */
export default function ProviderList() {
  const { data } = useCatalog();
  const providers = data?.providers ?? [];
  return (
    <>
      <p className="px-1.5 pb-1.5 pt-0.5 font-medium text-zinc-200">Providers</p>
      <ul>
        {providers.map((provider) => (
          <ProviderRow key={provider.id} provider={provider} />
        ))}
      </ul>
      <p className="px-1.5 pt-1.5 text-[11px] leading-snug text-zinc-500">A provider is set up with its key by whoever runs the studio.</p>
    </>
  );
}

/** One provider: its state, and for a hosted provider with a key a "Check key" button and the answer. */
function ProviderRow({ provider }: { provider: ServedCatalog['providers'][number] }) {
  const check = useCheckProviderKey(provider.id);
  const canCheck = provider.configured && provider.keyVariable !== null;
  return (
    <li className="rounded px-1.5 py-1">
      <div className="flex items-center gap-2">
        <span className={clsx('h-1.5 w-1.5 rounded-full', provider.configured ? 'bg-emerald-400' : 'bg-zinc-600')} aria-hidden />
        <span className="text-zinc-200">{provider.name}</span>
        <span className="ml-auto text-[11px] text-zinc-500">{provider.configured ? (provider.keyVariable ? 'ready' : 'built in, offline') : 'not set up'}</span>
        {canCheck && (
          <button
            type="button"
            aria-label={`Check key: ${provider.name}`}
            onClick={() => check.mutate()}
            disabled={check.isPending}
            className={
              'rounded border border-line px-1.5 py-0.5 text-[11px] text-zinc-300 hover:text-white ' +
              'focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-60'
            }
          >
            {check.isPending ? 'Checking…' : 'Check key'}
          </button>
        )}
      </div>
      {!provider.configured && provider.keyVariable && (
        <details className="mt-0.5 pl-3.5 text-[11px] text-zinc-500">
          <summary className="cursor-pointer hover:text-zinc-300">Details for whoever runs the studio</summary>
          Set {provider.keyVariable} in the server’s environment or .env, then restart the server. Keys stay on the server.
        </details>
      )}
      <div role="status" aria-live="polite" className="pl-3.5 text-[11px] leading-snug">
        {check.isError && <p className="text-red-300">The check could not run: {check.error.message}</p>}
        {check.data && <KeyCheckResult result={check.data} />}
      </div>
    </li>
  );
}

/** "Key works; these models are available: …", "no free check", or the provider's own refusal. */
function KeyCheckResult({ result }: { result: ProviderKeyCheck }) {
  if (!result.ok)
    return (
      <p className="text-red-300">
        {result.providerName} refused the key: {result.message}
      </p>
    );
  const names = [...new Set(result.models.map((model) => model.name))].join(', ');
  if (!result.verified) {
    return (
      <p className="text-amber-200">
        {result.message} Models offered here: {names}.
      </p>
    );
  }
  return (
    <p className="text-emerald-300">
      Key works; {result.listedByProvider ? 'these image models are available to it' : 'these models are offered'}: {names || 'none'}.
    </p>
  );
}
