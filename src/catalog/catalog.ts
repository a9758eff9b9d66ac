import { createCatalogIndex, type CatalogIndex } from './catalog-index.ts';
import { OFFERINGS } from './offerings.ts';
import { DOCUMENTS, source } from './sources.ts';
import type { Catalog, Model, Provider } from './types.ts';

/** The four models (seeds 000, 001, 003 and docs/PROVIDERS.md's model names and "Corrections and new facts"). */
const MODELS: Model[] = [
  {
    id: 'nano-banana-2',
    name: 'Nano Banana 2',
    officialName: 'Gemini 3.1 Flash Image',
    source: source(DOCUMENTS.runwareNanoBanana2, 'Nano Banana 2 ("officially known as Gemini 3.1 Flash Image")'),
  },
  {
    id: 'nano-banana-pro',
    name: 'Nano Banana Pro',
    officialName: 'Gemini 3 Pro Image',
    source: source(DOCUMENTS.runwareNanoBananaPro, 'Nano Banana Pro ("a Gemini 3 Pro Image Preview model")'),
  },
  {
    id: 'nano-banana-2-lite',
    name: 'Nano Banana 2 Lite',
    officialName: 'Gemini 3.1 Flash Lite Image',
    source: source(DOCUMENTS.providers, 'Corrections and new facts: Gemini API ("Nano Banana 2 Lite = Gemini 3.1 Flash Lite Image")'),
  },
  {
    id: 'nano-banana',
    name: 'Nano Banana',
    officialName: 'Gemini 2.5 Flash Image',
    source: source(DOCUMENTS.runwareNanoBanana, 'Nano Banana ("Gemini Flash Image 2.5, commonly known as Nano Banana")'),
  },
];

/** The providers, with the environment variables of docs/API.md "Start-up". */
const PROVIDERS: Provider[] = [
  {
    id: 'local',
    name: 'Local preview',
    keyVariable: null,
    baseUrlVariable: null,
    defaultBaseUrl: null,
    description: 'Offline previews made on this machine: exact sizes, no model, no cost.',
  },
  {
    id: 'runware',
    name: 'Runware',
    keyVariable: 'RUNWARE_API_KEY',
    baseUrlVariable: 'RUNWARE_BASE_URL',
    defaultBaseUrl: 'https://api.runware.ai/v1',
    description: 'Runware imageInference: every size of every model, billed per image.',
  },
  {
    id: 'runflow',
    name: 'Runflow',
    keyVariable: 'RUNFLOW_API_KEY',
    baseUrlVariable: 'RUNFLOW_BASE_URL',
    defaultBaseUrl: 'https://api.runflow.io',
    description: 'Runflow model runs, with automatic aspect ratio.',
  },
  {
    id: 'aimlapi',
    name: 'AI/ML API',
    keyVariable: 'AIMLAPI_API_KEY',
    baseUrlVariable: 'AIMLAPI_BASE_URL',
    defaultBaseUrl: 'https://api.aimlapi.com',
    description: 'AI/ML API image generations, billed in credits.',
  },
  {
    id: 'gemini',
    name: 'Gemini API',
    keyVariable: 'GEMINI_API_KEY',
    baseUrlVariable: 'GEMINI_BASE_URL',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    description: "Google's own Gemini API, one image per call.",
  },
];

/** The whole catalog as plain JSON-serialisable data (served unchanged at `GET /api/catalog`). */
export const CATALOG: Catalog = { models: MODELS, providers: PROVIDERS, offerings: OFFERINGS };

/**
 * The lookups over the studio's own catalog (`CATALOG`), for the server, the fakes and tests. The browser builds its
 * own from `GET /api/catalog` (src/client/api/get-catalog.ts), so these tables stay out of its download.
 */
export const CATALOG_INDEX: CatalogIndex = createCatalogIndex(CATALOG);

export const { getOffering, getOfferingById, getModel, getProvider, effectiveLifecycle, listProvidersForModel } = CATALOG_INDEX;
