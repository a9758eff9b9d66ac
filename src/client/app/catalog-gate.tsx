import { useLayoutEffect, type ReactNode } from 'react';
import { useCatalog } from '../api/get-catalog.ts';
import { Button } from '../components/ui/button.tsx';
import { hydrateStudioSettings, useStudioSettingsHydrated } from '../features/studio/stores/studio-store.ts';

/**
 * Renders the views only once `GET /api/catalog` has answered: the form, the estimate and the checks read the
 * capability tables and prices from it (`useCatalogIndex`), and the remembered form settings are checked against it
 * as they are restored. The request starts in main.tsx with the first render, beside the session check, so on a
 * first visit the wait overlaps the script download. A failure says so, with Try again.
 */
export function CatalogGate({ children }: { children: ReactNode }) {
  const catalog = useCatalog();
  const hydrated = useStudioSettingsHydrated();
  const loaded = catalog.data !== undefined;
  // Before paint, so the views never show the settings they had before the remembered ones were restored.
  useLayoutEffect(() => {
    if (loaded && !hydrated) hydrateStudioSettings();
  }, [loaded, hydrated]);
  if (loaded && hydrated) return <>{children}</>;
  if (catalog.isError && !loaded) {
    return (
      <div role="alert" className="flex flex-col items-start gap-3 p-6 text-[13px] text-zinc-300">
        <p>The studio could not load its models and prices from the server: {catalog.error.message}</p>
        <Button variant="secondary" onClick={() => void catalog.refetch()} disabled={catalog.isFetching}>
          {catalog.isFetching ? 'Trying again…' : 'Try again'}
        </Button>
      </div>
    );
  }
  return (
    <div role="status" className="p-6 text-[13px] text-zinc-400">
      Loading…
    </div>
  );
}
