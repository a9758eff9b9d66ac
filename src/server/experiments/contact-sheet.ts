import sharp, { type OverlayOptions } from 'sharp';
import { getModel, getProvider } from '../../catalog/catalog.ts';
import { escapeXml } from '../providers/local/local-preview-renderer.ts';
import type { Studio } from '../studio.ts';
import type { Experiment, ExperimentCell } from './experiments.ts';

/** Edge of each cell's image box on the contact sheet, px. */
const CELL_SIZE = 360;
/** Height of the caption under each cell, px. */
const CAPTION_HEIGHT = 64;
const GAP = 16;
const MARGIN = 32;
const HEADER_HEIGHT = 72;
const ROW_LABEL_WIDTH = 180;
const COLUMN_LABEL_HEIGHT = 28;
const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
const BACKGROUND = '#18181b';

/** Dollars with 2 to 5 decimals ("$0.067", "$0.00"). */
function formatDollars(amount: number): string {
  const fixed = amount.toFixed(5).replace(/0+$/, '');
  const [whole, decimals = ''] = fixed.split('.');
  return `$${whole}.${decimals.padEnd(2, '0')}`;
}

function formatSeconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

/** Shortens text to `length` characters with an ellipsis. */
function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The two caption lines of a cell: what ran, and what it cost and took. */
function describeCell(cell: ExperimentCell): [string, string] {
  const { request } = cell;
  const provider = getProvider(request.provider)?.name ?? request.provider;
  const model = getModel(request.model)?.name ?? request.model;
  const settings = [request.resolution, request.aspectRatio, request.thinking ? `thinking ${request.thinking}` : null].filter(Boolean).join(' · ');
  const generation = cell.generation ?? null;
  const estimate = cell.estimatedCost.total ?? cell.estimatedCost.min;
  const facts = [`est. ${formatDollars(estimate)}`];
  if (generation?.actualCost !== null && generation?.actualCost !== undefined) facts.push(`billed ${formatDollars(generation.actualCost)}`);
  if (generation?.durationMs !== null && generation?.durationMs !== undefined) facts.push(formatSeconds(generation.durationMs));
  if (!generation) facts.push('deleted');
  else if (generation.status === 'failed') facts.push('failed');
  else if (generation.status !== 'succeeded') facts.push(generation.status);
  return [truncate(`${provider} · ${model} · ${settings}`, 52), truncate(facts.join(' · '), 56)];
}

function textSvg(
  width: number,
  height: number,
  lines: Array<{ text: string; size: number; colour: string; y: number; bold?: boolean; anchor?: 'start' | 'middle' }>,
): Buffer {
  const x = (anchor: 'start' | 'middle' | undefined) => (anchor === 'middle' ? width / 2 : 0);
  const body = lines
    .map(
      (line) =>
        `<text x="${x(line.anchor)}" y="${line.y}" text-anchor="${line.anchor ?? 'start'}" font-family="${FONT_FAMILY}" font-size="${line.size}"` +
        `${line.bold ? ' font-weight="bold"' : ''} fill="${line.colour}">${escapeXml(line.text)}</text>`,
    )
    .join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`);
}

/**
 * Renders an experiment (with embedded generations) as one PNG contact
 * sheet with sharp: a header (name, prompt, totals), then the cells in the
 * experiment's layout (its `columns`, with row and column labels when it has
 * them), each image fitted into a 360 px box with two caption lines:
 * provider, model and settings; estimate, billed cost and time. Failed or
 * missing cells show their state in place of the image. Returns PNG bytes.
 */
export async function renderContactSheet(studio: Studio, experiment: Experiment): Promise<Buffer> {
  const count = experiment.cells.length;
  const columns = Math.min(count, experiment.layout?.columns ?? Math.min(count, Math.ceil(Math.sqrt(count))));
  const rows = Math.ceil(count / columns);
  const rowLabels = experiment.layout?.rowLabels ?? [];
  const columnLabels = experiment.layout?.columnLabels ?? [];
  const left = MARGIN + (rowLabels.length > 0 ? ROW_LABEL_WIDTH : 0);
  const top = MARGIN + HEADER_HEIGHT + (columnLabels.length > 0 ? COLUMN_LABEL_HEIGHT : 0);
  const cellHeight = CELL_SIZE + CAPTION_HEIGHT;
  const width = left + columns * CELL_SIZE + (columns - 1) * GAP + MARGIN;
  const height = top + rows * cellHeight + (rows - 1) * GAP + MARGIN;

  const billed = experiment.actualCost === null ? 'nothing billed' : `billed ${formatDollars(experiment.actualCost)}`;
  const estimate = experiment.estimatedCost.total ?? experiment.estimatedCost.min;
  const prompt = typeof experiment.base.prompt === 'string' ? experiment.base.prompt : (experiment.cells[0]?.request.prompt ?? '');
  const layers: OverlayOptions[] = [
    {
      input: textSvg(width - 2 * MARGIN, HEADER_HEIGHT, [
        { text: experiment.name ?? 'Untitled experiment', size: 22, colour: '#ffffff', y: 24, bold: true },
        { text: truncate(prompt, 150), size: 14, colour: '#d4d4d8', y: 46 },
        {
          text: `${count} cells · estimate ${formatDollars(estimate)} · ${billed} · ${experiment.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
          size: 13,
          colour: '#a1a1aa',
          y: 66,
        },
      ]),
      left: MARGIN,
      top: MARGIN,
    },
  ];
  columnLabels.slice(0, columns).forEach((label, column) => {
    layers.push({
      input: textSvg(CELL_SIZE, COLUMN_LABEL_HEIGHT, [{ text: truncate(label, 40), size: 14, colour: '#facc15', y: 18, bold: true, anchor: 'middle' }]),
      left: left + column * (CELL_SIZE + GAP),
      top: MARGIN + HEADER_HEIGHT,
    });
  });
  rowLabels.slice(0, rows).forEach((label, row) => {
    layers.push({
      input: textSvg(ROW_LABEL_WIDTH - 12, 40, [{ text: truncate(label, 20), size: 14, colour: '#facc15', y: 20, bold: true }]),
      left: MARGIN,
      top: top + row * (cellHeight + GAP) + CELL_SIZE / 2 - 20,
    });
  });

  for (const cell of experiment.cells) {
    const column = cell.index % columns;
    const row = Math.floor(cell.index / columns);
    const x = left + column * (CELL_SIZE + GAP);
    const y = top + row * (cellHeight + GAP);
    const image = cell.generation?.images[0];
    const stored = image ? studio.generations.getImageById(image.id) : undefined;
    if (stored) {
      const bytes = await studio.imageFiles.readImage(stored.sha256, stored.mimeType);
      const fitted = await sharp(bytes, { limitInputPixels: 100_000_000 })
        .resize(CELL_SIZE, CELL_SIZE, { fit: 'contain', background: '#27272a' })
        .png()
        .toBuffer();
      layers.push({ input: fitted, left: x, top: y });
    } else {
      const message = cell.generation?.status === 'failed' ? 'Failed' : cell.generation ? 'Not finished' : 'Deleted';
      layers.push({
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${CELL_SIZE}" height="${CELL_SIZE}"><rect width="100%" height="100%" fill="#27272a"/>` +
            `<text x="50%" y="50%" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="18" fill="#a1a1aa">${message}</text></svg>`,
        ),
        left: x,
        top: y,
      });
    }
    const [what, facts] = describeCell(cell);
    const favourite = experiment.favouriteCell === cell.index ? '★ ' : '';
    layers.push({
      input: textSvg(CELL_SIZE, CAPTION_HEIGHT, [
        { text: `${favourite}${cell.index + 1}. ${what}`, size: 13, colour: '#f4f4f5', y: 22 },
        { text: facts, size: 13, colour: '#a1a1aa', y: 44 },
      ]),
      left: x,
      top: y + CELL_SIZE,
    });
  }
  return sharp({ create: { width, height, channels: 3, background: BACKGROUND } })
    .composite(layers)
    .png()
    .toBuffer();
}
