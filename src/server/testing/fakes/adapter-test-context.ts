import { CATALOG_INDEX } from '../../../catalog/catalog.ts';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { AcceptedGenerationRequest, GenerationRequest } from '../../../catalog/request.ts';
import type { ModelId, ProviderId } from '../../../catalog/types.ts';
import { validateGenerationRequest, type ValidationContext } from '../../../catalog/validate.ts';
import {
  ProviderError,
  type ProviderCallContext,
  type ProviderCache,
  type ProviderTaskState,
  type ReferenceImageInput,
} from '../../providers/provider-types.ts';

/**
 * Test support for the adapter tests (src/server/providers/<id>/*.test.ts):
 * a `ProviderCallContext` as the runner builds one, and the test photos as
 * reference images, requests accepted by the catalog, and a check for the
 * adapters' `ProviderError`s.
 */

/** A test request for `provider`, accepted by `validateGenerationRequest` (defaults filled); throws with the issues when refused. */
export function acceptTestRequest(
  provider: ProviderId,
  input: Partial<GenerationRequest> & { model: ModelId; prompt: string },
  /** What a key check found (a retired model the key still lists is accepted). */
  context: ValidationContext = {},
): AcceptedGenerationRequest {
  const result = validateGenerationRequest({ provider, ...input }, CATALOG_INDEX, context);
  if (!result.ok) throw new Error(`test request refused: ${JSON.stringify(result.issues)}`);
  return result.request;
}

/** Awaits a promise that must reject with a `ProviderError`, and returns that error (throws otherwise). */
export async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a ProviderError, got a result');
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** An in-memory `ProviderCache` that counts reads and writes. */
export class MemoryProviderCache implements ProviderCache {
  readonly entries = new Map<string, string>();
  get(key: string): string | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: string): void {
    this.entries.set(key, value);
  }
}

/** A context plus what the adapter told it. */
export interface RecordingContext extends ProviderCallContext {
  /** Every state passed to `onAccepted`, in order. */
  acceptedStates: ProviderTaskState[];
  cache: MemoryProviderCache;
  /** Abort the generation (a user's cancel). */
  cancel(): void;
}

/** Build a call context for `offering` pointed at a fake server. */
export function createTestContext(options: {
  offering: ProviderCallContext['offering'];
  apiKey: string;
  baseUrl: string;
  references?: ReferenceImageInput[];
  cache?: MemoryProviderCache;
  /** Called on every `onAccepted` (e.g. to abort at that moment). */
  onAccepted?: (state: ProviderTaskState) => void;
}): RecordingContext {
  const controller = new AbortController();
  const acceptedStates: ProviderTaskState[] = [];
  return {
    generationId: randomUUID(),
    offering: options.offering,
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    signal: controller.signal,
    references: options.references ?? [],
    onAccepted(state) {
      acceptedStates.push(structuredClone(state));
      options.onAccepted?.(state);
    },
    cache: options.cache ?? new MemoryProviderCache(),
    acceptedStates,
    cancel: () => controller.abort(),
  };
}

const PHOTOS_DIRECTORY = fileURLToPath(new URL('../../../../e2e/fixtures/photos/', import.meta.url));

/** The test photos in e2e/fixtures/photos. */
export const TEST_PHOTOS = ['astronaut.png', 'chelsea.png', 'coffee.png'] as const;

/**
 * A test photo as an uploaded reference image. `variant` > 0 makes a
 * different image from the same photo (mirrored, then rotated), for tests
 * that need more distinct references than there are photos.
 */
export async function loadPhotoReference(name: (typeof TEST_PHOTOS)[number], variant = 0): Promise<ReferenceImageInput> {
  let bytes: Buffer = await readFile(`${PHOTOS_DIRECTORY}${name}`);
  if (variant > 0) {
    let image = sharp(bytes).flop();
    if (variant > 1) image = image.rotate(90 * (variant - 1));
    bytes = await image.png().toBuffer();
  }
  const metadata = await sharp(bytes).metadata();
  return {
    id: randomUUID(),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mimeType: 'image/png',
    bytes,
    width: metadata.width,
    height: metadata.height,
  };
}

/** Width, height and format of image bytes, decoded with sharp. */
export async function imageSize(bytes: Buffer): Promise<{ width: number; height: number; format: string }> {
  const metadata = await sharp(bytes).metadata();
  return { width: metadata.width, height: metadata.height, format: metadata.format };
}
