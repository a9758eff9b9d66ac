import { CATALOG_INDEX } from './catalog.ts';
import { describe, expect, it } from 'vitest';
import { estimateCost } from './estimate.ts';
import { CatalogError } from './errors.ts';

const PROMPT = 'A lighthouse on a cliff, stormy sea';
const ids = (count: number) => Array.from({ length: count }, (_, index) => `upload-${String(index).padStart(8, '0')}`);

describe('estimateCost', () => {
  it('prices the Tri-Reference Fashion Collage settings at $0.06979, as Runware billed', () => {
    expect(
      estimateCost(
        {
          provider: 'runware',
          model: 'nano-banana-2',
          prompt: PROMPT,
          resolution: '1K',
          aspectRatio: '3:2',
          referenceImages: ids(3),
          thinking: 'high',
        },
        CATALOG_INDEX,
      ),
    ).toEqual({
      currency: 'USD',
      perImage: 0.06979,
      total: 0.06979,
      min: 0.06979,
      max: 0.06979,
      exact: true,
      lines: [
        { label: '1K image', amount: 0.06895, min: 0.06895, max: 0.06895 },
        { label: '3 reference images', amount: 0.00084, min: 0.00084, max: 0.00084 },
      ],
      notes: [],
    });
  });

  it('multiplies every line by the number of images', () => {
    const estimate = estimateCost(
      { provider: 'runware', model: 'nano-banana-2', prompt: PROMPT, resolution: '4K', numberResults: 3, referenceImages: ids(2) },
      CATALOG_INDEX,
    );
    expect(estimate.perImage).toBeCloseTo(0.15295 + 2 * 0.00028, 9);
    expect(estimate.total).toBeCloseTo(3 * (0.15295 + 2 * 0.00028), 9);
    expect(estimate.lines.map((line) => line.label)).toEqual(['4K image × 3', '2 reference images × 3']);
  });

  it('shows Runware grounded search as a range up to the listed $0.14, once for web and image search together', () => {
    const web = estimateCost({ provider: 'runware', model: 'nano-banana-2', prompt: PROMPT, webSearch: true }, CATALOG_INDEX);
    expect([web.total, web.min, web.max, web.exact]).toEqual([0.06895, 0.06895, 0.20895, false]);
    const both = estimateCost({ provider: 'runware', model: 'nano-banana-2', prompt: PROMPT, webSearch: true, imageSearch: true }, CATALOG_INDEX);
    expect(both.max).toBe(0.20895);
    expect(both.lines.map((line) => line.label)).toEqual(['1K image', 'Web and image search']);
  });

  it('adds Runflow web search and high thinking per image', () => {
    const estimate = estimateCost(
      {
        provider: 'runflow',
        model: 'nano-banana-2',
        prompt: PROMPT,
        resolution: '1K',
        webSearch: true,
        thinking: 'high',
        numberResults: 2,
      },
      CATALOG_INDEX,
    );
    expect(estimate).toMatchObject({ perImage: 0.097, total: 0.194, min: 0.194, max: 0.194, exact: true });
    expect(estimateCost({ provider: 'runflow', model: 'nano-banana-2', prompt: PROMPT, thinking: 'minimal' }, CATALOG_INDEX).total).toBe(0.08);
  });

  it('gives a floor and no single figure where a tier price is unpublished', () => {
    const estimate = estimateCost({ provider: 'runflow', model: 'nano-banana-2', prompt: PROMPT, resolution: '2K' }, CATALOG_INDEX);
    expect(estimate).toMatchObject({ perImage: null, total: null, min: 0.08, max: null, exact: false });
    expect(estimate.notes.join(' ')).toMatch(/publishes no 2K price/);
  });

  it('keeps the Pro four-reference surcharge as billed, with the list price as the floor', () => {
    const estimate = estimateCost({ provider: 'runware', model: 'nano-banana-pro', prompt: PROMPT, resolution: '2K', referenceImages: ids(4) }, CATALOG_INDEX);
    expect(estimate).toMatchObject({ total: 0.1424, min: 0.138, max: 0.1424, exact: false });
  });

  it('costs nothing on the local provider', () => {
    const estimate = estimateCost(
      {
        provider: 'local',
        model: 'nano-banana-2',
        prompt: PROMPT,
        resolution: '4K',
        referenceImages: ids(8),
        webSearch: true,
        numberResults: 4,
      },
      CATALOG_INDEX,
    );
    expect(estimate).toMatchObject({ total: 0, perImage: 0, min: 0, max: 0, exact: true });
  });

  it('prices Gemini images exactly from tokens and rate, and says where the rate comes from', () => {
    const prices = (['0.5K', '1K', '2K', '4K'] as const).map(
      (resolution) => estimateCost({ provider: 'gemini', model: 'nano-banana-2', prompt: PROMPT, resolution }, CATALOG_INDEX).total,
    );
    expect(prices).toEqual([0.045, 0.067, 0.101, 0.151]);
    const pro = estimateCost({ provider: 'gemini', model: 'nano-banana-pro', prompt: PROMPT, resolution: '4K', referenceImages: ids(2) }, CATALOG_INDEX);
    expect(pro).toMatchObject({ total: 0.2422, exact: true });
    expect(pro.notes.join(' ')).toMatch(/third parties/);
  });

  it('gives Nano Banana 2 Lite a range with a note, not a single invented number', () => {
    const estimate = estimateCost({ provider: 'gemini', model: 'nano-banana-2-lite', prompt: PROMPT }, CATALOG_INDEX);
    expect(estimate).toMatchObject({ min: 0.0336, max: 0.067, exact: false });
    expect(estimate.notes.join(' ')).toMatch(/not published a Lite price/);
  });

  it('refuses an offering that does not exist', () => {
    expect(() => estimateCost({ provider: 'runflow', model: 'nano-banana', prompt: PROMPT }, CATALOG_INDEX)).toThrow(CatalogError);
  });
});
