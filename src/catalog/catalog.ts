import { OFFERINGS, offeringId } from './offerings.ts';
import { DOCUMENTS, source } from './sources.ts';
import type { Catalog, Model, ModelId, Offering, OfferingLifecycle, Provider, ProviderId } from './types.ts';

/** The four models (seeds 000, 001, 003 and docs/PROVIDERS.md's model names and "Corrections and new facts"). */
export const MODELS: Model[] = [
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
export const PROVIDERS: Provider[] = [
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

const OFFERINGS_BY_ID = new Map(OFFERINGS.map((offering) => [offering.id, offering]));

/** The offering for a provider + model pair, or `undefined` where that provider does not sell the model. */
export function getOffering(provider: ProviderId, model: ModelId): Offering | undefined {
  return OFFERINGS_BY_ID.get(offeringId(provider, model));
}

/** The offering with id `provider/model`, or `undefined`. */
export function getOfferingById(id: string): Offering | undefined {
  return OFFERINGS_BY_ID.get(id);
}

/** A model by id, or `undefined`. */
export function getModel(id: ModelId): Model | undefined {
  return MODELS.find((model) => model.id === id);
}

/** A provider by id, or `undefined`. */
export function getProvider(id: ProviderId): Provider | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}

/**
 * The lifecycle an offering has for this studio: the catalog's, except that a
 * retired offering whose provider model id is in `listedModelIds` (the models
 * the provider's key check found) is offered again as `deprecated`, with a
 * warning that the provider may stop it at any time. `listedModelIds`
 * undefined: no key check has run.
 */
export function effectiveLifecycle(offering: Offering, listedModelIds?: readonly string[]): OfferingLifecycle {
  const lifecycle = offering.lifecycle;
  if (lifecycle.status !== 'retired' || !listedModelIds?.includes(offering.providerModelId)) return lifecycle;
  const name = getProvider(offering.provider)?.name ?? offering.provider;
  return {
    ...lifecycle,
    status: 'deprecated',
    note: `${name} scheduled this model for shutdown on ${lifecycle.date}, but your key still lists it: it works for now and may stop at any time.`,
  };
}

/** Every offering of a model, in provider order (`local` first). */
export function listOfferingsForModel(model: ModelId): Offering[] {
  return OFFERINGS.filter((offering) => offering.model === model);
}

/** The providers that sell a model, in provider order. */
export function listProvidersForModel(model: ModelId): ProviderId[] {
  return listOfferingsForModel(model).map((offering) => offering.provider);
}
