import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INDEX } from './catalog.ts';
import { createCatalogIndex } from './catalog-index.ts';
import { checkRequestAgainstCatalog } from './check-request.ts';
import { estimateCost } from './estimate.ts';
import type { GenerationRequest } from './request.ts';

/** The catalog as the browser receives it from GET /api/catalog: JSON, with `configured` on each provider. */
const served = createCatalogIndex(
  JSON.parse(JSON.stringify({ ...CATALOG, providers: CATALOG.providers.map((provider) => ({ ...provider, configured: true })) })) as typeof CATALOG,
);

describe('the served catalog in the browser', () => {
  it('prices and checks every offering exactly as the server does, at every resolution, with and without references', () => {
    let compared = 0;
    for (const offering of CATALOG.offerings) {
      for (const resolution of offering.resolutions) {
        for (const references of [0, 1, offering.referenceImages.max + 1]) {
          const request: GenerationRequest = {
            provider: offering.provider,
            model: offering.model,
            prompt: 'A pear on a plate',
            resolution,
            aspectRatio: offering.defaults.aspectRatio,
            webSearch: offering.grounding.webSearch,
            ...(offering.thinkingLevels[0] ? { thinking: offering.thinkingLevels[0] } : {}),
            referenceImages: Array.from({ length: references }, (_, index) => `upload-${index}`),
          };
          expect(estimateCost(request, served)).toEqual(estimateCost(request, CATALOG_INDEX));
          expect(checkRequestAgainstCatalog(request, served)).toEqual(checkRequestAgainstCatalog(request, CATALOG_INDEX));
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('refuses a retired offering naming its replacement, unless the key check lists it', () => {
    const retired = CATALOG.offerings.find((offering) => offering.lifecycle.status === 'retired')!;
    const request: GenerationRequest = { provider: retired.provider, model: retired.model, prompt: 'A pear' };
    const refused = checkRequestAgainstCatalog(request, served);
    expect(refused.ok).toBe(false);
    expect(refused).toEqual(checkRequestAgainstCatalog(request, CATALOG_INDEX));
    const listed = checkRequestAgainstCatalog(request, served, { listedModelIds: { [retired.provider]: [retired.providerModelId] } });
    expect(listed.ok).toBe(true);
  });

  it('names providers and models, and gives an unknown id back as it is', () => {
    expect(served.providerName('runware')).toBe('Runware');
    expect(served.modelName('nano-banana-pro')).toBe('Nano Banana Pro');
    expect(served.providerName('someone-else')).toBe('someone-else');
    expect(served.listProvidersForModel('nano-banana-2-lite')).toEqual(CATALOG_INDEX.listProvidersForModel('nano-banana-2-lite'));
  });
});
