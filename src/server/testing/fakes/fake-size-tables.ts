import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The output size tables the fakes check requests against, read on their own
 * from the provider documents copied into docs/seeds (never from
 * src/catalog: the fakes are the oracle the catalog and adapters are tested
 * against).
 */

/** One row of a size table. */
export interface FakeSizeRow {
  resolution: string;
  aspectRatio: string;
  width: number;
  height: number;
}

const SEEDS_DIRECTORY = fileURLToPath(new URL('../../../../docs/seeds/', import.meta.url));

/**
 * Read the "Compatibility & Validation" table of a Runware model page
 * (rows like "| `1K (3:2)` | `1264x848` |"). Duplicated rows (Nano Banana
 * Pro's two 4K 3:2 sizes) are all kept: the real API accepts either.
 */
function readRunwareSizeTable(seedFile: string): FakeSizeRow[] {
  const text = readFileSync(`${SEEDS_DIRECTORY}${seedFile}`, 'utf8');
  const rows: FakeSizeRow[] = [];
  for (const match of text.matchAll(/^\| `([0-9.]+K) \(([0-9]+:[0-9]+)\)` \| `([0-9]+)x([0-9]+)` \|$/gm)) {
    rows.push({ resolution: match[1]!, aspectRatio: match[2]!, width: Number(match[3]), height: Number(match[4]) });
  }
  if (rows.length === 0) throw new Error(`no size table found in ${seedFile}`);
  return rows;
}

/** Runware Nano Banana 2 (`google:4@3`): seed 000, 56 rows (0.5K..4K x 14 aspect ratios). */
export const NANO_BANANA_2_SIZES = readRunwareSizeTable('000_d06cf3e68a6a4bd5.txt');

/** Runware Nano Banana Pro (`google:4@2`): seed 001, 32 rows (1K..4K x 10 aspect ratios, two extra 4K rows). */
export const NANO_BANANA_PRO_SIZES = readRunwareSizeTable('001_22455cd64c9e446c.txt');

/**
 * Nano Banana (Gemini 2.5 Flash Image), 1K only: Google's published table as
 * docs/PROVIDERS.md "Gemini 2.5 Flash Image sizes" gives it (seed 003 has no
 * table; its examples use 1344x768 and 1248x832).
 */
export const NANO_BANANA_SIZES: FakeSizeRow[] = [
  ['1:1', 1024, 1024],
  ['2:3', 832, 1248],
  ['3:2', 1248, 832],
  ['3:4', 864, 1184],
  ['4:3', 1184, 864],
  ['4:5', 896, 1152],
  ['5:4', 1152, 896],
  ['9:16', 768, 1344],
  ['16:9', 1344, 768],
  ['21:9', 1536, 672],
].map(([aspectRatio, width, height]) => ({ resolution: '1K', aspectRatio: aspectRatio as string, width: width as number, height: height as number }));

/** The row for a resolution and aspect ratio (the first, when the table lists two). */
export function findRow(table: FakeSizeRow[], resolution: string, aspectRatio: string): FakeSizeRow | undefined {
  return table.find((row) => row.resolution === resolution && row.aspectRatio === aspectRatio);
}

/** The row whose aspect ratio is closest to `width`/`height` at `resolution` (for "size follows the input"). */
export function closestRow(table: FakeSizeRow[], resolution: string, width: number, height: number): FakeSizeRow {
  const wanted = Math.log(width / height);
  const candidates = table.filter((row) => row.resolution === resolution);
  const pool = candidates.length > 0 ? candidates : table;
  return pool.reduce((best, row) => (Math.abs(Math.log(row.width / row.height) - wanted) < Math.abs(Math.log(best.width / best.height) - wanted) ? row : best));
}
