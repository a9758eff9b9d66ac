import { describe, expect, it } from 'vitest';
import { readGemini25SizeTable, readSeedSizeTable } from './testing/runware-examples.ts';
import { CATALOG, getOffering } from './catalog.ts';
import { findSizeEntry, resolveOutputSize } from './sizes.ts';
import { CatalogError } from './errors.ts';

describe('every row of every offering size table round-trips', () => {
  const rows = CATALOG.offerings.flatMap((offering) => offering.sizes.map((entry) => [offering.id, offering, entry] as const));

  it.each(rows.map(([id, offering, entry]) => [`${id} ${entry.resolution} ${entry.aspectRatio} ${entry.width}x${entry.height}`, offering, entry] as const))(
    '%s',
    (_name, offering, entry) => {
      const found = findSizeEntry(offering, entry.width, entry.height);
      expect(found?.resolution).toBe(entry.resolution);
      expect(found?.aspectRatio).toBe(entry.aspectRatio);
      expect(resolveOutputSize(offering, found!.resolution, found!.aspectRatio)).toEqual({ width: entry.width, height: entry.height });
      for (const alternate of entry.alternates ?? []) {
        const viaAlternate = findSizeEntry(offering, alternate.width, alternate.height);
        expect([viaAlternate?.resolution, viaAlternate?.aspectRatio]).toEqual([entry.resolution, entry.aspectRatio]);
      }
    },
  );

  it('offers a size for every resolution x aspect ratio it lists (auto aside), and nothing else', () => {
    for (const offering of CATALOG.offerings) {
      const fixed = offering.aspectRatios.filter((ratio) => ratio !== 'auto');
      const expected = offering.resolutions.flatMap((resolution) => fixed.map((ratio) => `${resolution} ${ratio}`)).sort();
      expect(offering.sizes.map((entry) => `${entry.resolution} ${entry.aspectRatio}`).sort(), offering.id).toEqual(expected);
    }
  });
});

describe('the catalog holds every row of the documents, as printed', () => {
  it.each([
    ['runware/nano-banana-2', '000_d06cf3e68a6a4bd5.txt', 56],
    ['runware/nano-banana-pro', '001_22455cd64c9e446c.txt', 32],
  ] as const)('%s has all %s rows', (id, file, count) => {
    const offering = CATALOG.offerings.find((candidate) => candidate.id === id)!;
    const table = readSeedSizeTable(file);
    expect(table).toHaveLength(count);
    for (const row of table) {
      const entry = findSizeEntry(offering, row.width, row.height);
      expect(entry, `${row.resolution} ${row.aspectRatio} ${row.width}x${row.height}`).toBeDefined();
      expect([entry!.resolution, entry!.aspectRatio]).toEqual([row.resolution, row.aspectRatio]);
    }
  });

  it('runware/nano-banana has the 1K table of docs/PROVIDERS.md', () => {
    const offering = getOffering('runware', 'nano-banana')!;
    const table = readGemini25SizeTable();
    expect(table).toHaveLength(10);
    for (const row of table) expect(resolveOutputSize(offering, '1K', row.aspectRatio as never)).toEqual({ width: row.width, height: row.height });
  });

  it('picks twice the 2K size where seed 001 lists two 4K sizes, and keeps the other as an alternate', () => {
    const pro = getOffering('runware', 'nano-banana-pro')!;
    expect(resolveOutputSize(pro, '4K', '3:2')).toEqual({ width: 5056, height: 3392 });
    expect(resolveOutputSize(pro, '4K', '2:3')).toEqual({ width: 3392, height: 5056 });
    expect(findSizeEntry(pro, 5096, 3392)?.aspectRatio).toBe('3:2');
    expect(findSizeEntry(pro, 3392, 5096)?.aspectRatio).toBe('2:3');
    expect(pro.sizes.find((entry) => entry.resolution === '4K' && entry.aspectRatio === '3:2')?.source.note).toMatch(/twice the 2K size/);
  });

  it('follows each page for 1K 21:9: 1548x672 on Pro, 1584x672 on Nano Banana 2', () => {
    expect(resolveOutputSize(getOffering('runware', 'nano-banana-pro')!, '1K', '21:9')).toEqual({ width: 1548, height: 672 });
    expect(resolveOutputSize(getOffering('runware', 'nano-banana-2')!, '1K', '21:9')).toEqual({ width: 1584, height: 672 });
  });

  it('has the largest size, 4K 8:1, at 12288x1536', () => {
    expect(resolveOutputSize(getOffering('local', 'nano-banana-2')!, '4K', '8:1')).toEqual({ width: 12288, height: 1536 });
  });

  it('refuses auto and unknown pairs with the allowed values', () => {
    const runflow = getOffering('runflow', 'nano-banana-2')!;
    expect(() => resolveOutputSize(runflow, '1K', 'auto')).toThrow(CatalogError);
    expect(() => resolveOutputSize(getOffering('runware', 'nano-banana-pro')!, '4K', '8:1')).toThrow(/choose one of 1:1, 3:2/);
  });
});
