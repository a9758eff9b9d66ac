import { DOCUMENTS, source } from './sources.ts';
import type { AspectRatio, Resolution, SizeEntry } from './types.ts';

/**
 * The models' size tables, transcribed row by row from the documents. Each
 * row is `[resolution, aspect ratio, width px, height px]` exactly as the
 * document prints `0.5K (1:1) | 512x512`.
 */
type SizeRow = readonly [Resolution, Exclude<AspectRatio, 'auto'>, number, number];

/**
 * Nano Banana 2 (Gemini 3.1 Flash Image): seed 000 (Runware `google:4@3`),
 * "Compatibility & Validation" table, 4 resolutions x 14 aspect ratios.
 */
const NANO_BANANA_2_ROWS: readonly SizeRow[] = [
  ['0.5K', '1:1', 512, 512],
  ['0.5K', '3:2', 632, 424],
  ['0.5K', '2:3', 424, 632],
  ['0.5K', '4:3', 600, 448],
  ['0.5K', '3:4', 448, 600],
  ['0.5K', '4:5', 464, 576],
  ['0.5K', '5:4', 576, 464],
  ['0.5K', '9:16', 384, 688],
  ['0.5K', '16:9', 688, 384],
  ['0.5K', '21:9', 792, 168],
  ['0.5K', '4:1', 1024, 256],
  ['0.5K', '1:4', 256, 1024],
  ['0.5K', '8:1', 1536, 192],
  ['0.5K', '1:8', 192, 1536],
  ['1K', '1:1', 1024, 1024],
  ['1K', '3:2', 1264, 848],
  ['1K', '2:3', 848, 1264],
  ['1K', '4:3', 1200, 896],
  ['1K', '3:4', 896, 1200],
  ['1K', '4:5', 928, 1152],
  ['1K', '5:4', 1152, 928],
  ['1K', '9:16', 768, 1376],
  ['1K', '16:9', 1376, 768],
  ['1K', '21:9', 1584, 672],
  ['1K', '4:1', 2048, 512],
  ['1K', '1:4', 512, 2048],
  ['1K', '8:1', 3072, 384],
  ['1K', '1:8', 384, 3072],
  ['2K', '1:1', 2048, 2048],
  ['2K', '3:2', 2528, 1696],
  ['2K', '2:3', 1696, 2528],
  ['2K', '4:3', 2400, 1792],
  ['2K', '3:4', 1792, 2400],
  ['2K', '4:5', 1856, 2304],
  ['2K', '5:4', 2304, 1856],
  ['2K', '9:16', 1536, 2752],
  ['2K', '16:9', 2752, 1536],
  ['2K', '21:9', 3168, 1344],
  ['2K', '4:1', 4096, 1024],
  ['2K', '1:4', 1024, 4096],
  ['2K', '8:1', 6144, 768],
  ['2K', '1:8', 768, 6144],
  ['4K', '1:1', 4096, 4096],
  ['4K', '3:2', 5056, 3392],
  ['4K', '2:3', 3392, 5056],
  ['4K', '4:3', 4800, 3584],
  ['4K', '3:4', 3584, 4800],
  ['4K', '4:5', 3712, 4608],
  ['4K', '5:4', 4608, 3712],
  ['4K', '9:16', 3072, 5504],
  ['4K', '16:9', 5504, 3072],
  ['4K', '21:9', 6336, 2688],
  ['4K', '4:1', 8192, 2048],
  ['4K', '1:4', 2048, 8192],
  ['4K', '8:1', 12288, 1536],
  ['4K', '1:8', 1536, 12288],
];

/**
 * Nano Banana Pro (Gemini 3 Pro Image Preview): seed 001 (Runware `google:4@2`),
 * "Compatibility & Validation" table, 3 resolutions x 10 aspect ratios, as
 * printed, duplicates included (see `PRO_PREFERRED_4K`).
 */
const NANO_BANANA_PRO_ROWS: readonly SizeRow[] = [
  ['1K', '1:1', 1024, 1024],
  ['1K', '3:2', 1264, 848],
  ['1K', '2:3', 848, 1264],
  ['1K', '4:3', 1200, 896],
  ['1K', '3:4', 896, 1200],
  ['1K', '4:5', 928, 1152],
  ['1K', '5:4', 1152, 928],
  ['1K', '9:16', 768, 1376],
  ['1K', '16:9', 1376, 768],
  ['1K', '21:9', 1548, 672],
  ['2K', '1:1', 2048, 2048],
  ['2K', '3:2', 2528, 1696],
  ['2K', '2:3', 1696, 2528],
  ['2K', '4:3', 2400, 1792],
  ['2K', '3:4', 1792, 2400],
  ['2K', '4:5', 1856, 2304],
  ['2K', '5:4', 2304, 1856],
  ['2K', '9:16', 1536, 2752],
  ['2K', '16:9', 2752, 1536],
  ['2K', '21:9', 3168, 1344],
  ['4K', '1:1', 4096, 4096],
  ['4K', '3:2', 5096, 3392],
  ['4K', '3:2', 5056, 3392],
  ['4K', '2:3', 3392, 5096],
  ['4K', '2:3', 3392, 5056],
  ['4K', '4:3', 4800, 3584],
  ['4K', '3:4', 3584, 4800],
  ['4K', '4:5', 3712, 4608],
  ['4K', '5:4', 4608, 3712],
  ['4K', '9:16', 3072, 5504],
  ['4K', '16:9', 5504, 3072],
  ['4K', '21:9', 6336, 2688],
];

/**
 * Seed 001 lists two 4K 3:2 sizes (5096x3392 and 5056x3392) and two 4K 2:3
 * sizes. The studio sends 5056x3392 / 3392x5056 because (1) every other 4K row
 * of both Runware tables is exactly twice its 2K row (2K 3:2 is 2528x1696),
 * (2) the Nano Banana 2 table (seed 000) gives 5056x3392 for the same tier and
 * (3) every size in both tables is a multiple of 16 except 5096. The other
 * size is kept as an `alternate` so a provider answer of that size still maps
 * back to 4K 3:2.
 */
const PRO_PREFERRED_4K: Record<string, { width: number; height: number }> = {
  '3:2': { width: 5056, height: 3392 },
  '2:3': { width: 3392, height: 5056 },
};

/**
 * Nano Banana (Gemini 2.5 Flash Image): docs/PROVIDERS.md "Gemini 2.5 Flash
 * Image sizes" (Google's published 1K table; the Runware page, seed 003, lists
 * none, and its examples use 1344x768 and 1248x832, consistent with it).
 */
const NANO_BANANA_ROWS: readonly SizeRow[] = [
  ['1K', '1:1', 1024, 1024],
  ['1K', '2:3', 832, 1248],
  ['1K', '3:2', 1248, 832],
  ['1K', '3:4', 864, 1184],
  ['1K', '4:3', 1184, 864],
  ['1K', '4:5', 896, 1152],
  ['1K', '5:4', 1152, 896],
  ['1K', '9:16', 768, 1344],
  ['1K', '16:9', 1344, 768],
  ['1K', '21:9', 1536, 672],
];

function toEntries(rows: readonly SizeRow[], document: string, section: string): SizeEntry[] {
  return rows.map(([resolution, aspectRatio, width, height]) => ({
    resolution,
    aspectRatio,
    width,
    height,
    source: source(document, `${section}: ${resolution} (${aspectRatio}) ${width}x${height}`),
  }));
}

/** Merges duplicate rows (same resolution and aspect ratio) into one entry with `alternates`. */
function mergeDuplicates(entries: SizeEntry[], preferred: (entry: SizeEntry) => boolean, note: string): SizeEntry[] {
  const byKey = new Map<string, [SizeEntry, ...SizeEntry[]]>();
  for (const entry of entries) {
    const key = `${entry.resolution} ${entry.aspectRatio}`;
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  return [...byKey.values()].map((group) => {
    if (group.length === 1) return group[0];
    const chosen = group.find(preferred) ?? group[0];
    return {
      ...chosen,
      source: { ...chosen.source, note },
      alternates: group.filter((entry) => entry !== chosen).map(({ width, height }) => ({ width, height })),
    };
  });
}

/** Nano Banana 2 sizes, seed 000 table (56 rows). */
export const NANO_BANANA_2_SIZES: SizeEntry[] = toEntries(NANO_BANANA_2_ROWS, DOCUMENTS.runwareNanoBanana2, 'Compatibility & Validation table');

/**
 * Nano Banana Pro sizes, seed 001 table (30 entries from 32 rows; the two
 * duplicated 4K rows become alternates). Its 1K 21:9 is 1548x672 as the page
 * prints it, although Nano Banana 2's is 1584x672 and Pro's own 2K 21:9
 * (3168x1344) is twice 1584x672: the Pro page is the only statement about the
 * Pro model, and Runware validates sizes against its per-model table.
 */
export const NANO_BANANA_PRO_SIZES: SizeEntry[] = mergeDuplicates(
  toEntries(NANO_BANANA_PRO_ROWS, DOCUMENTS.runwareNanoBananaPro, 'Compatibility & Validation table'),
  (entry) => {
    const chosen = entry.resolution === '4K' ? PRO_PREFERRED_4K[entry.aspectRatio] : undefined;
    return chosen !== undefined && chosen.width === entry.width && chosen.height === entry.height;
  },
  'The page lists two sizes for this slot; the studio sends twice the 2K size (as every other 4K row and the Nano Banana 2 table do), ' +
    'the other is an alternate.',
);

/** Nano Banana sizes, docs/PROVIDERS.md "Gemini 2.5 Flash Image sizes" (10 rows, 1K only). */
export const NANO_BANANA_SIZES: SizeEntry[] = toEntries(NANO_BANANA_ROWS, DOCUMENTS.providers, 'Gemini 2.5 Flash Image sizes');
