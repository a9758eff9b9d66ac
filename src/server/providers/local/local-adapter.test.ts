import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { getOffering, CATALOG_INDEX } from '../../../catalog/catalog.ts';
import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import { validateGenerationRequest } from '../../../catalog/validate.ts';
import { sha256Hex } from '../../store/image-files.ts';
import type { ProviderCallContext, ReferenceImageInput } from '../provider-types.ts';
import { localAdapter } from './local-adapter.ts';
import { escapeXml, wrapText } from './local-preview-renderer.ts';

const PHOTOS = join(import.meta.dirname, '../../../../e2e/fixtures/photos');

async function reference(name: string): Promise<ReferenceImageInput> {
  const bytes = readFileSync(join(PHOTOS, `${name}.png`));
  const metadata = await sharp(bytes).metadata();
  return { id: name, sha256: sha256Hex(bytes), mimeType: 'image/png', bytes, width: metadata.width, height: metadata.height };
}

function accept(input: Record<string, unknown>): AcceptedGenerationRequest {
  const result = validateGenerationRequest({ provider: 'local', model: 'nano-banana-2', ...input }, CATALOG_INDEX);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('; '));
  return result.request;
}

function context(request: AcceptedGenerationRequest, references: ReferenceImageInput[] = [], signal = new AbortController().signal): ProviderCallContext {
  return {
    generationId: 'test',
    offering: getOffering('local', request.model)!,
    apiKey: '',
    baseUrl: '',
    signal,
    references,
    onAccepted: () => {},
    cache: { get: () => undefined, set: () => {} },
  };
}

describe('local adapter', () => {
  it.each([
    ['nano-banana-2', '0.5K', '1:1', 'jpeg', 512, 512],
    ['nano-banana-2', '1K', '21:9', 'png', 1584, 672],
    ['nano-banana-2', '0.5K', '1:8', 'webp', 192, 1536],
    ['nano-banana-pro', '1K', '3:2', 'webp', 1264, 848],
    ['nano-banana', '1K', '9:16', 'png', 768, 1344],
  ] as const)('%s %s %s as %s is exactly %ix%i', async (model, resolution, aspectRatio, outputFormat, width, height) => {
    const request = accept({ model, prompt: 'Exact size check', resolution, aspectRatio, outputFormat, seed: 3 });
    const result = await localAdapter.generate(request, context(request));
    expect(result.billedCost).toBe(0);
    expect(result.images).toHaveLength(1);
    const metadata = await sharp(result.images[0]!.bytes).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual([outputFormat, width, height]);
    expect(result.images[0]!.mimeType).toBe(`image/${outputFormat}`);
  });

  it('draws every 0.5K size of nano-banana-2 exactly, with references', async () => {
    const offering = getOffering('local', 'nano-banana-2')!;
    const references = [await reference('coffee'), await reference('chelsea')];
    const entries = offering.sizes.filter((entry) => entry.resolution === '0.5K');
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const entry of entries) {
      const request = accept({
        prompt: `Size ${entry.aspectRatio}`,
        resolution: '0.5K',
        aspectRatio: entry.aspectRatio,
        seed: 5,
        referenceImages: ['coffee-id-0001', 'chelsea-id-0002'],
      });
      const result = await localAdapter.generate(request, context(request, references));
      const metadata = await sharp(result.images[0]!.bytes).metadata();
      expect([entry.aspectRatio, metadata.width, metadata.height]).toEqual([entry.aspectRatio, entry.width, entry.height]);
    }
  });

  it('is deterministic for the same prompt, seed and size, and differs when any changes', async () => {
    const references = [await reference('chelsea'), await reference('coffee')];
    const base = { prompt: 'A cat and a coffee, reference image 1 and 2', resolution: '0.5K', aspectRatio: '4:3', seed: 1234 };
    const render = async (input: Record<string, unknown>) => {
      const request = accept({ ...base, ...input });
      return sha256Hex((await localAdapter.generate(request, context(request, references))).images[0]!.bytes);
    };
    const first = await render({});
    expect(await render({})).toBe(first);
    expect(await render({ seed: 1235 })).not.toBe(first);
    expect(await render({ prompt: 'A cat and a coffee, reference image 2 and 1' })).not.toBe(first);
  });

  it('draws a seed when none is given, reports it, and uses seed + i for image i', async () => {
    const request = accept({ prompt: 'Seeds please', resolution: '0.5K', aspectRatio: '1:1', numberResults: 3 });
    const result = await localAdapter.generate(request, context(request));
    const seeds = result.images.map((image) => image.seed!);
    expect(Number.isInteger(seeds[0])).toBe(true);
    expect(seeds).toEqual([seeds[0]!, seeds[0]! + 1, seeds[0]! + 2]);
    const again = await localAdapter.generate({ ...request, seed: seeds[1]!, numberResults: 1 }, context(request));
    expect(again.images[0]!.bytes.equals(result.images[1]!.bytes)).toBe(true);
  });

  it('shows the references: the picture changes with their order and resembles them', async () => {
    const astronaut = await reference('astronaut');
    const coffee = await reference('coffee');
    const request = accept({ prompt: 'Order matters', resolution: '0.5K', aspectRatio: '16:9', seed: 9 });
    const forward = (await localAdapter.generate(request, context(request, [astronaut, coffee]))).images[0]!.bytes;
    const backward = (await localAdapter.generate(request, context(request, [coffee, astronaut]))).images[0]!.bytes;
    const none = (await localAdapter.generate(request, context(request, []))).images[0]!.bytes;
    expect(sha256Hex(forward)).not.toBe(sha256Hex(backward));
    // The left half of the forward image looks more like reference 1 than the backward one does.
    const leftHalf = async (bytes: Buffer) => {
      const { width, height } = await sharp(bytes).metadata();
      return sharp(bytes)
        .extract({ left: 0, top: 0, width: Math.floor(width / 2), height })
        .resize(32, 32, { fit: 'fill' })
        .removeAlpha()
        .raw()
        .toBuffer();
    };
    const astronautSmall = await sharp(astronaut.bytes).resize(32, 32, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    const distance = (a: Buffer, b: Buffer) => a.reduce((sum, value, index) => sum + Math.abs(value - b[index]!), 0);
    expect(distance(await leftHalf(forward), astronautSmall)).toBeLessThan(distance(await leftHalf(backward), astronautSmall));
    expect(sha256Hex(none)).not.toBe(sha256Hex(forward));
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('Cancelled by the user'));
    const request = accept({ prompt: 'Never drawn', resolution: '0.5K', aspectRatio: '1:1' });
    await expect(localAdapter.generate(request, context(request, [], controller.signal))).rejects.toThrow('Cancelled by the user');
  });
});

describe('preview text', () => {
  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml(`<b> & "q" 'a'\u0001`)).toBe('&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos; ');
  });

  it('wraps at spaces, splits long words and ends an overflow with an ellipsis', () => {
    expect(wrapText('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghijklmnop', 8, 3)).toEqual(['abcdefgh', 'ijklmnop']);
    const lines = wrapText('a b c d e f g h i j k l m n o p', 5, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });
});
