import type { CatalogIndex } from './catalog-index.ts';
import { CatalogError } from './errors.ts';
import type { GenerationRequest } from './request.ts';
import type { CostEstimate, EstimateLine, Offering, Price } from './types.ts';

/**
 * The cost of a GenerationRequest in USD, from its offering's pricing table
 * in `catalog` (the server's `CATALOG_INDEX`, or the browser's index of the
 * served catalog; each `Price.source` names the document and row). All prices are per
 * generated image, so every line is multiplied by `numberResults`:
 *
 *   per image = resolution price + references x per-reference price
 *             + grounding surcharge + thinking surcharge
 *
 * Returns `{ currency: 'USD', perImage, total, min, max, exact, lines, notes }`:
 * `perImage`/`total` are the expected figures (`null` where a line has no
 * published figure), `min`/`max` bound them (`max: null`: no published upper
 * bound), and `notes` explain every price that is not exact. Unset fields take
 * the offering's defaults; values the offering does not offer are not priced
 * (validate first with `validateGenerationRequest`).
 *
 * @throws CatalogError when the provider does not sell the model, or the
 *   resolution has no price in the offering.
 */
export function estimateCost(request: GenerationRequest, catalog: CatalogIndex): CostEstimate {
  const offering = catalog.getOffering(request.provider, request.model);
  if (!offering) {
    throw new CatalogError(`${request.provider} does not offer ${request.model}`, 'provider');
  }
  const resolution = request.resolution ?? offering.defaults.resolution;
  const basePrice = offering.pricing.perImage[resolution];
  if (!basePrice) {
    throw new CatalogError(
      `resolution ${resolution} is not offered by ${offering.id}; choose one of ${offering.resolutions.join(', ')}`,
      'resolution',
      offering.resolutions,
    );
  }
  const images = Math.max(1, request.numberResults ?? offering.defaults.numberResults);
  // An edited image (`parent`) is sent as reference image 1 (docs/API.md "Editing a result").
  const references = (request.referenceImages?.length ?? 0) + (request.parent ? 1 : 0);

  const priced: Array<{ label: string; price: Price; units: number }> = [
    { label: images > 1 ? `${resolution} image × ${images}` : `${resolution} image`, price: basePrice, units: images },
  ];
  if (references > 0) {
    priced.push({
      label: `${references} reference image${references === 1 ? '' : 's'}${images > 1 ? ` × ${images}` : ''}`,
      price: offering.pricing.perReferenceImage,
      units: references * images,
    });
  }
  priced.push(...groundingLines(request, offering, images));
  if (request.thinking !== undefined) {
    const price = offering.pricing.thinking[request.thinking];
    if (price) priced.push({ label: `Thinking (${request.thinking})${images > 1 ? ` × ${images}` : ''}`, price, units: images });
  }

  // Lines that can only ever cost $0 are left out of the breakdown.
  const lines: EstimateLine[] = priced
    .filter((line, index) => index === 0 || line.price.max !== 0)
    .map(({ label, price, units }) => ({
      label,
      amount: price.expected === null ? null : roundUsd(price.expected * units),
      min: roundUsd(price.min * units),
      max: price.max === null ? null : roundUsd(price.max * units),
    }));

  const total = sumOrNull(lines.map((line) => line.amount));
  // Every priced line's note: why an open price is open, or where an exact one comes from (a third-party rate).
  const notes = [...new Set(priced.flatMap(({ price }) => (price.note ? [price.note] : [])))];
  return {
    currency: 'USD',
    perImage: total === null ? null : roundUsd(total / images),
    total,
    min: roundUsd(lines.reduce((sum, line) => sum + line.min, 0)),
    max: sumOrNull(lines.map((line) => line.max)),
    exact: priced.every(({ price }) => price.exact),
    lines,
    notes,
  };
}

/** Grounding lines: Runware bills "grounded search" once when both web and image search are on. */
function groundingLines(request: GenerationRequest, offering: Offering, images: number) {
  const pricing = offering.pricing;
  const suffix = images > 1 ? ` × ${images}` : '';
  if (request.webSearch === true && request.imageSearch === true && pricing.groundingCombined) {
    return [{ label: `Web and image search${suffix}`, price: pricing.groundingCombined, units: images }];
  }
  const lines: Array<{ label: string; price: Price; units: number }> = [];
  if (request.webSearch === true && pricing.webSearch) lines.push({ label: `Web search${suffix}`, price: pricing.webSearch, units: images });
  if (request.imageSearch === true && pricing.imageSearch) lines.push({ label: `Image search${suffix}`, price: pricing.imageSearch, units: images });
  return lines;
}

function sumOrNull(values: Array<number | null>): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return roundUsd(sum);
}

/** Rounds away float noise (0.06895 + 3 x 0.00028 = 0.06979000000000001) at 1e-9 USD. */
function roundUsd(amount: number): number {
  return Math.round(amount * 1e9) / 1e9;
}
