import type { Catalog, Model, ModelId, Offering, OfferingLifecycle, Provider, ProviderId } from './types.ts';

/**
 * Lookups over one catalog: the server's own (`CATALOG_INDEX` in catalog.ts, built from the tables in offerings.ts)
 * or the one the browser received from `GET /api/catalog`. The capability checks (check-request.ts, validate.ts),
 * the estimate (estimate.ts) and the studio form take one of these, so the browser never bundles the tables and
 * both sides still apply the very same rules to the very same data.
 */
export interface CatalogIndex {
  /** The catalog the lookups read, as plain JSON-serialisable data. */
  readonly catalog: Catalog;
  /** The offering for a provider + model pair, or `undefined` where that provider does not sell the model. */
  readonly getOffering: (provider: ProviderId, model: ModelId) => Offering | undefined;
  /** The offering with id `provider/model`, or `undefined`. */
  readonly getOfferingById: (id: string) => Offering | undefined;
  /** A model by id, or `undefined`. */
  readonly getModel: (id: ModelId) => Model | undefined;
  /** A provider by id, or `undefined`. */
  readonly getProvider: (id: ProviderId) => Provider | undefined;
  /** A provider's display name ("Runware"), or `id` itself when the catalog does not know it (an old record). */
  readonly providerName: (id: string) => string;
  /** A model's display name ("Nano Banana 2"), or `id` itself when the catalog does not know it. */
  readonly modelName: (id: string) => string;
  /** Every offering of a model, in provider order (`local` first). */
  readonly listOfferingsForModel: (model: ModelId) => Offering[];
  /** The providers that sell a model, in provider order. */
  readonly listProvidersForModel: (model: ModelId) => ProviderId[];
  /**
   * The lifecycle an offering has for this studio: the catalog's, except that a retired offering whose provider
   * model id is in `listedModelIds` (the models the provider's key check found) is offered again as `deprecated`,
   * with a warning that the provider may stop it at any time. `listedModelIds` undefined: no key check has run
   * (the served catalog already carries the lifecycle the server worked out this way).
   */
  readonly effectiveLifecycle: (offering: Offering, listedModelIds?: readonly string[]) => OfferingLifecycle;
}

/** The id of an offering: `provider/model` (docs/API.md "Identifiers"). */
function offeringId(provider: ProviderId, model: ModelId): string {
  return `${provider}/${model}`;
}

/** Builds the lookups of `catalog` (maps built once; the catalog is read, never changed). */
export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  const offeringsById = new Map(catalog.offerings.map((offering) => [offering.id, offering]));
  const getProvider = (id: ProviderId) => catalog.providers.find((provider) => provider.id === id);
  const getModel = (id: ModelId) => catalog.models.find((model) => model.id === id);
  const listOfferingsForModel = (model: ModelId) => catalog.offerings.filter((offering) => offering.model === model);
  return {
    catalog,
    getOffering: (provider, model) => offeringsById.get(offeringId(provider, model)),
    getOfferingById: (id) => offeringsById.get(id),
    getModel,
    getProvider,
    providerName: (id) => getProvider(id as ProviderId)?.name ?? id,
    modelName: (id) => getModel(id as ModelId)?.name ?? id,
    listOfferingsForModel,
    listProvidersForModel: (model) => listOfferingsForModel(model).map((offering) => offering.provider),
    effectiveLifecycle: (offering, listedModelIds) => {
      const lifecycle = offering.lifecycle;
      if (lifecycle.status !== 'retired' || !listedModelIds?.includes(offering.providerModelId)) return lifecycle;
      const name = getProvider(offering.provider)?.name ?? offering.provider;
      return {
        ...lifecycle,
        status: 'deprecated',
        note: `${name} scheduled this model for shutdown on ${lifecycle.date}, but your key still lists it: it works for now and may stop at any time.`,
      };
    },
  };
}
