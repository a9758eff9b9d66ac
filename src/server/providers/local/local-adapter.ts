import { randomInt } from 'node:crypto';
import { getModel } from '../../../catalog/catalog.ts';
import { mimeTypeOfOutputFormat } from '../../../catalog/image-types.ts';
import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import { resolveOutputSize } from '../../../catalog/sizes.ts';
import type { AspectRatio, Offering, PixelSize } from '../../../catalog/types.ts';
import type { ImageProviderAdapter, ProviderCallContext, ProviderImage, ProviderResult, ReferenceImageInput } from '../provider-types.ts';
import { renderPreviewImage } from './local-preview-renderer.ts';

/** Random seeds are drawn from 0..2^31-1 so they stay short to read and type back. */
const RANDOM_SEED_LIMIT = 2 ** 31;

/**
 * The output size for the request: the offering's size-table row for the
 * resolution and aspect ratio (`resolveOutputSize`). For `auto`, the preview
 * decides as a model would: the offered ratio closest to reference image 1,
 * or 1:1 without references.
 */
function resolvePreviewSize(
  offering: Offering,
  request: AcceptedGenerationRequest,
  references: ReferenceImageInput[],
): { size: PixelSize; aspectRatio: AspectRatio } {
  if (request.aspectRatio !== 'auto') {
    return { size: resolveOutputSize(offering, request.resolution, request.aspectRatio), aspectRatio: request.aspectRatio };
  }
  const candidates = offering.sizes.filter((entry) => entry.resolution === request.resolution);
  const first = references[0];
  const target = first ? Math.log(first.width / first.height) : 0;
  let best = candidates[0];
  for (const entry of candidates) {
    if (!best || Math.abs(Math.log(entry.width / entry.height) - target) < Math.abs(Math.log(best.width / best.height) - target)) best = entry;
  }
  if (!best) return { size: resolveOutputSize(offering, request.resolution, request.aspectRatio), aspectRatio: request.aspectRatio };
  return { size: { width: best.width, height: best.height }, aspectRatio: best.aspectRatio };
}

/**
 * The built-in `local` provider: offline preview images made on this machine,
 * billed $0. Each image has the exact size of the offering's size table, the
 * requested format, shows the reference images in order (blended background
 * plus numbered panels), the prompt and an "OFFLINE PREVIEW" label, and is
 * deterministic for the same prompt, seed and size. Without a seed one is
 * drawn at random and reported; image i of n uses seed + i.
 */
class LocalImageAdapter implements ImageProviderAdapter {
  readonly provider = 'local' as const;

  /** Every image in one call: image i of n takes seed + i, which a split would restart. */
  maxImagesPerCall(): number {
    return Number.POSITIVE_INFINITY;
  }

  async generate(request: AcceptedGenerationRequest, context: ProviderCallContext): Promise<ProviderResult> {
    context.signal.throwIfAborted();
    const { size, aspectRatio } = resolvePreviewSize(context.offering, request, context.references);
    const seedRange = context.offering.seed;
    const minimumSeed = seedRange?.min ?? 0;
    const maximumSeed = seedRange?.max ?? Number.MAX_SAFE_INTEGER;
    const firstSeed = request.seed ?? randomInt(minimumSeed, Math.min(maximumSeed, RANDOM_SEED_LIMIT));
    const modelName = getModel(request.model)?.name ?? request.model;
    const images: ProviderImage[] = [];
    // One image at a time keeps peak memory to one image's pipeline, whatever numberResults is.
    for (let index = 0; index < request.numberResults; index += 1) {
      const seed = firstSeed + index > maximumSeed ? minimumSeed + (firstSeed + index - maximumSeed - 1) : firstSeed + index;
      const bytes = await renderPreviewImage({
        width: size.width,
        height: size.height,
        format: request.outputFormat,
        prompt: request.prompt,
        seed,
        references: context.references,
        details: `${modelName} · ${request.resolution} · ${aspectRatio} · ${size.width}×${size.height} px · seed ${seed} · made offline, no model drew this`,
        signal: context.signal,
      });
      context.signal.throwIfAborted();
      images.push({ bytes, mimeType: mimeTypeOfOutputFormat(request.outputFormat), seed });
    }
    const warnings = request.aspectRatio === 'auto' ? [`aspectRatio auto: the preview chose ${aspectRatio} (${size.width}x${size.height} px).`] : [];
    return { images, billedCost: 0, warnings };
  }
}

/** The one `local` adapter instance. */
export const localAdapter = new LocalImageAdapter();
