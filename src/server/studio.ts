import type { ProviderId } from '../catalog/types.ts';
import type { StudioConfig } from './config.ts';
import { EventBus } from './events/event-bus.ts';
import { GenerationRunner } from './generations/generation-runner.ts';
import type { ImageProviderAdapter } from './providers/provider-types.ts';
import { KeyChecks } from './providers/key-checks.ts';
import { createAdapterLookup, getAdapter as getRegisteredAdapter, type AdapterSettingsOverrides } from './providers/registry.ts';
import { openDatabase, type StudioDatabase } from './store/database.ts';
import { GenerationsStore } from './store/generations-store.ts';
import { ImageFiles } from './store/image-files.ts';
import { ProviderCacheStore } from './store/provider-cache-store.ts';
import { UploadsStore } from './store/uploads-store.ts';

/** Everything the routes use: settings, stores and the generation runner, for one data directory. */
export interface Studio {
  config: StudioConfig;
  database: StudioDatabase;
  generations: GenerationsStore;
  uploads: UploadsStore;
  imageFiles: ImageFiles;
  providerCache: ProviderCacheStore;
  runner: GenerationRunner;
  /** Live events (docs/API.md "Live events"): the stores publish, `GET /api/events` subscribes. */
  events: EventBus;
  /** Provider key checks (`GET /api/providers/:id/check`) and the model ids they found. */
  keyChecks: KeyChecks;
  /** The adapter lookup in use (providers/registry.ts, with `adapterSettings` if given, unless a test passes its own). */
  getAdapter: (provider: ProviderId) => ImageProviderAdapter;
  /** Stops the runner (unfinished rows stay for the next start) and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the database under `config.dataDirectory` (migrating it), and wires
 * the stores and the runner. Does not recover unfinished generations: call
 * `studio.runner.recoverInterruptedGenerations()` once at start-up.
 *
 * Options: `getAdapter` replaces the adapter lookup altogether (tests with a scripted adapter); `adapterSettings`
 * keeps the built-in adapters but replaces some of their settings (e.g. a poll schedule in ms, see
 * `AdapterSettingsOverrides`), and is ignored when `getAdapter` is given; `log` receives the runner's log lines.
 * The server (main.ts) passes neither, so the adapters keep their production settings.
 */
export function createStudio(
  config: StudioConfig,
  options: {
    getAdapter?: (provider: ProviderId) => ImageProviderAdapter;
    adapterSettings?: AdapterSettingsOverrides;
    log?: (line: string) => void;
  } = {},
): Studio {
  const database = openDatabase(config.dataDirectory);
  const imageFiles = new ImageFiles(config.dataDirectory);
  const events = new EventBus();
  const generations = new GenerationsStore(database, events);
  const uploads = new UploadsStore(database, imageFiles);
  const providerCache = new ProviderCacheStore(database);
  const getAdapter = options.getAdapter ?? (options.adapterSettings ? createAdapterLookup(options.adapterSettings) : getRegisteredAdapter);
  const runner = new GenerationRunner({
    config,
    generations,
    uploads,
    imageFiles,
    providerCache,
    getAdapter,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    config,
    database,
    generations,
    uploads,
    imageFiles,
    providerCache,
    runner,
    events,
    keyChecks: new KeyChecks(config, providerCache, getAdapter),
    getAdapter,
    async close() {
      await runner.close();
      database.close();
    },
  };
}
