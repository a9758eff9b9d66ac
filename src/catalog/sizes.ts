import { CatalogError } from './errors.ts';
import type { AspectRatio, Offering, PixelSize, Resolution, SizeEntry } from './types.ts';

/**
 * The exact output size, in px, of an offering at a resolution and aspect
 * ratio: the row of the offering's size table (seed 000, seed 001 or
 * docs/PROVIDERS.md, as each `SizeEntry.source` says).
 *
 * @throws CatalogError (`field: 'aspectRatio'` or `'resolution'`) when the
 *   offering does not offer the pair, or for `auto`, whose size the model picks.
 */
export function resolveOutputSize(offering: Offering, resolution: Resolution, aspectRatio: AspectRatio): PixelSize {
  if (aspectRatio === 'auto') {
    throw new CatalogError(
      `aspectRatio auto on ${offering.id} lets the model choose the size, so it has no fixed pixel size; ` +
        `choose one of ${fixedAspectRatios(offering).join(', ')} for an exact size`,
      'aspectRatio',
      fixedAspectRatios(offering),
    );
  }
  if (!offering.resolutions.includes(resolution)) {
    throw new CatalogError(
      `resolution ${resolution} is not offered by ${offering.id}; choose one of ${offering.resolutions.join(', ')}`,
      'resolution',
      offering.resolutions,
    );
  }
  const entry = offering.sizes.find((size) => size.resolution === resolution && size.aspectRatio === aspectRatio);
  if (!entry) {
    const offered = offering.sizes.filter((size) => size.resolution === resolution).map((size) => size.aspectRatio);
    throw new CatalogError(
      `aspectRatio ${aspectRatio} is not offered by ${offering.id} at ${resolution}; choose one of ${offered.join(', ')}`,
      'aspectRatio',
      offered,
    );
  }
  return { width: entry.width, height: entry.height };
}

/**
 * The size-table row of an offering for a width x height in px (its main
 * size or one of its `alternates`), or `undefined` when the size is not in
 * the table.
 */
export function findSizeEntry(offering: Offering, width: number, height: number): SizeEntry | undefined {
  return offering.sizes.find(
    (entry) =>
      (entry.width === width && entry.height === height) ||
      (entry.alternates ?? []).some((alternate) => alternate.width === width && alternate.height === height),
  );
}

/** The aspect ratios of an offering that have fixed sizes (all but `auto`). */
function fixedAspectRatios(offering: Offering): string[] {
  return offering.aspectRatios.filter((ratio) => ratio !== 'auto');
}
