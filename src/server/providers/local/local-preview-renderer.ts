import { createHash } from 'node:crypto';
import sharp, { type OverlayOptions } from 'sharp';
import type { OutputFormat } from '../../../catalog/types.ts';

/**
 * Draws the `local` provider's offline preview images with sharp (libvips)
 * pipelines: a background blended from the reference images (or a seeded
 * gradient composition without references) is made small and upscaled, then
 * crisp panels and SVG text are composited on top. No JS buffer ever holds the
 * full-size bitmap; the largest one is the small background (about
 * `BACKGROUND_PIXELS` px x 3 bytes), so 4K 8:1 (12288x1536) stays in bounded memory.
 */

/**
 * Pixels of the small background that is blended in JS and then upscaled
 * (~350x350; it is blurred anyway). Small enough that the blend keeps the
 * event loop for a few ms at most, even with 8 references.
 */
const BACKGROUND_PIXELS = 120_000;

/** Positions along the long edge in the cross-fade weight table. */
const WEIGHT_STEPS = 1024;

/** Reference images are decoded with at most this many pixels (the uploads' own limit, 100 MP). */
const REFERENCE_PIXEL_LIMIT = 100_000_000;

/** Font stack for SVG text: DejaVu Sans ships with most Linux systems; the rest are fallbacks. */
const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

/** Banana yellow of the "OFFLINE PREVIEW" label and the reference numbers. */
const LABEL_COLOUR = '#facc15';

/** One reference image to show, in order. */
interface PreviewReference {
  bytes: Buffer;
}

/** What one preview image shows. */
export interface PreviewImageOptions {
  /** Exact output size in px. */
  width: number;
  height: number;
  format: OutputFormat;
  prompt: string;
  /** The seed of this image; with prompt and size it fixes every pixel. */
  seed: number;
  /** Reference images, reference image 1 first. */
  references: PreviewReference[];
  /** The small print under the prompt, e.g. `Nano Banana 2 · 2K · 16:9 · 2752×1536 px · seed 7 · image 1 of 2`. */
  details: string;
  /** Checked between steps; the preview stops with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** A 32-bit PRNG (mulberry32) for the seeded composition; deterministic for one seed. */
function createRandom(seedText: string): () => number {
  let state = createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Escapes text for an SVG text node or attribute, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point here.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/**
 * Wraps `text` into at most `maxLines` lines of at most `maxCharacters`
 * characters, breaking at spaces (and inside over-long words); the last line
 * ends with "…" when text is left over.
 */
export function wrapText(text: string, maxCharacters: number, maxLines: number): string[] {
  const limit = Math.max(4, Math.floor(maxCharacters));
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  let truncated = false;
  for (let word of words) {
    while (word.length > limit) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, limit));
      word = word.slice(limit);
    }
    if (!current) current = word;
    else if (current.length + 1 + word.length <= limit) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
    if (lines.length > maxLines) break;
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    truncated = true;
    lines.length = maxLines;
  }
  if (truncated) {
    const last = lines[maxLines - 1] ?? '';
    lines[maxLines - 1] = `${last.slice(0, Math.max(0, limit - 1)).trimEnd()}…`;
  }
  return lines.length > 0 ? lines : [''];
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}

function hsl(hue: number, saturation: number, lightness: number): string {
  return `hsl(${Math.round(hue) % 360}, ${Math.round(saturation)}%, ${Math.round(lightness)}%)`;
}

/** The small background blended from the references: each one leads a band along the long edge and cross-fades into the next. */
async function blendReferences(references: PreviewReference[], width: number, height: number, random: () => number): Promise<Buffer> {
  const pixels = width * height;
  const layers = await Promise.all(
    references.map((reference) =>
      sharp(reference.bytes, { limitInputPixels: REFERENCE_PIXEL_LIMIT })
        .rotate()
        .resize(width, height, { fit: 'cover', position: 'attention' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer(),
    ),
  );
  const horizontal = width >= height;
  const count = layers.length;
  const spread = count === 1 ? 10 : 0.55 / count;
  const tilt = (random() - 0.5) * 0.3;
  // The weights depend only on the position along the long edge, so they come from a table
  // (WEIGHT_STEPS positions x count layers, each row summing to 1) and the per-pixel work is a weighted sum.
  const table = new Float32Array((WEIGHT_STEPS + 1) * count);
  for (let step = 0; step <= WEIGHT_STEPS; step += 1) {
    const along = step / WEIGHT_STEPS;
    const weights: number[] = [];
    let total = 0;
    for (let layer = 0; layer < count; layer += 1) {
      const distance = along - (layer + 0.5) / count;
      const weight = Math.exp(-(distance * distance) / (2 * spread * spread));
      weights.push(weight);
      total += weight;
    }
    weights.forEach((weight, layer) => {
      table[step * count + layer] = weight / total;
    });
  }
  const blended = Buffer.alloc(pixels * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const along = horizontal ? x / width + tilt * (y / height - 0.5) : y / height + tilt * (x / width - 0.5);
      const row = Math.round(Math.min(1, Math.max(0, along)) * WEIGHT_STEPS) * count;
      const offset = (y * width + x) * 3;
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let layer = 0; layer < count; layer += 1) {
        // Every index is in range (the table has count weights per row, each layer width x height x 3 bytes): `?? 0` only narrows.
        const weight = table[row + layer] ?? 0;
        const pixels = layers[layer];
        if (pixels === undefined) continue;
        red += weight * (pixels[offset] ?? 0);
        green += weight * (pixels[offset + 1] ?? 0);
        blue += weight * (pixels[offset + 2] ?? 0);
      }
      blended[offset] = red;
      blended[offset + 1] = green;
      blended[offset + 2] = blue;
    }
  }
  const sigma = Math.max(1, Math.min(width, height) * 0.012);
  return sharp(blended, { raw: { width, height, channels: 3 } })
    .blur(sigma)
    .modulate({ brightness: 0.62, saturation: 1.15 })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The small background without references: a seeded gradient with soft glowing shapes. */
async function seededBackground(width: number, height: number, random: () => number): Promise<Buffer> {
  const baseHue = random() * 360;
  const angle = random() * 360;
  const blobs: string[] = [];
  const gradients: string[] = [];
  const blobCount = 5 + Math.floor(random() * 4);
  for (let index = 0; index < blobCount; index += 1) {
    const hue = baseHue + (random() - 0.5) * 160;
    gradients.push(
      `<radialGradient id="b${index}"><stop offset="0" stop-color="${hsl(hue, 75, 62)}" stop-opacity="0.85"/>` +
        `<stop offset="1" stop-color="${hsl(hue, 75, 40)}" stop-opacity="0"/></radialGradient>`,
    );
    const radius = (0.25 + random() * 0.45) * Math.max(width, height) * (width === height ? 0.7 : 0.45);
    blobs.push(`<circle cx="${(random() * width).toFixed(1)}" cy="${(random() * height).toFixed(1)}" r="${radius.toFixed(1)}" fill="url(#b${index})"/>`);
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="base" gradientTransform="rotate(${angle.toFixed(1)} 0.5 0.5)">
<stop offset="0" stop-color="${hsl(baseHue, 55, 16)}"/><stop offset="0.55" stop-color="${hsl(baseHue + 40, 50, 24)}"/>` +
    `<stop offset="1" stop-color="${hsl(baseHue + 90, 60, 12)}"/>
</linearGradient>${gradients.join('')}</defs>
<rect width="100%" height="100%" fill="url(#base)"/>${blobs.join('')}</svg>`;
  return sharp(Buffer.from(svg))
    .blur(Math.max(0.5, Math.min(width, height) * 0.004))
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A crisp seeded emblem of translucent shapes, shown where reference panels would be. */
function seededEmblemSvg(size: number, random: () => number): string {
  const baseHue = random() * 360;
  const shapes: string[] = [];
  const centre = size / 2;
  const count = 4 + Math.floor(random() * 3);
  for (let index = 0; index < count; index += 1) {
    const hue = baseHue + index * (360 / count) + random() * 30;
    // Kept inside the emblem's square: a rotated square reaches radius x 1.42 from its centre (0.26 x 1.42 + 0.1 < 0.5).
    const radius = size * (0.14 + random() * 0.12);
    const distance = size * 0.1 * random();
    const angle = random() * Math.PI * 2;
    const x = centre + Math.cos(angle) * distance;
    const y = centre + Math.sin(angle) * distance;
    if (random() < 0.5) {
      shapes.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${radius.toFixed(1)}" fill="${hsl(hue, 80, 60)}" fill-opacity="0.45"/>`);
    } else {
      const rotation = (random() * 90).toFixed(1);
      shapes.push(
        `<rect x="${(x - radius).toFixed(1)}" y="${(y - radius).toFixed(1)}" width="${(radius * 2).toFixed(1)}" height="${(radius * 2).toFixed(1)}" ` +
          `rx="${(radius * 0.3).toFixed(1)}" transform="rotate(${rotation} ${x.toFixed(1)} ${y.toFixed(1)})" fill="${hsl(hue, 75, 58)}" fill-opacity="0.4"/>`,
      );
    }
  }
  const ring =
    `<circle cx="${centre}" cy="${centre}" r="${(size * 0.46).toFixed(1)}" fill="none" stroke="#ffffff" stroke-opacity="0.35" ` +
    `stroke-width="${Math.max(1, size * 0.006).toFixed(1)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${shapes.join('')}${ring}</svg>`;
}

/** One numbered reference panel: the reference cover-fitted, rounded, with a border and its number. */
async function referencePanel(reference: PreviewReference, number: number, width: number, height: number): Promise<Buffer> {
  const radius = Math.round(Math.min(width, height) * 0.05);
  const badge = Math.max(14, Math.round(Math.min(width, height) * 0.17));
  const inset = Math.round(Math.min(width, height) * 0.045);
  const border = Math.max(1, Math.round(Math.min(width, height) * 0.008));
  const mask =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="${width}" height="${height}" rx="${radius}" fill="#fff"/></svg>`;
  const decoration =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect x="${border / 2}" y="${border / 2}" width="${width - border}" height="${height - border}" rx="${radius}" fill="none" ` +
    `stroke="#ffffff" stroke-opacity="0.7" stroke-width="${border}"/>
<circle cx="${inset + badge / 2}" cy="${inset + badge / 2}" r="${badge / 2}" fill="${LABEL_COLOUR}" stroke="#111827" stroke-opacity="0.5" ` +
    `stroke-width="${Math.max(1, badge * 0.04).toFixed(1)}"/>
<text x="${inset + badge / 2}" y="${inset + badge / 2}" dy="0.36em" text-anchor="middle" font-family="${FONT_FAMILY}" font-weight="bold" ` +
    `font-size="${Math.round(badge * 0.6)}" fill="#111827">${number}</text>
</svg>`;
  return sharp(reference.bytes, { limitInputPixels: REFERENCE_PIXEL_LIMIT })
    .rotate()
    .resize(width, height, { fit: 'cover', position: 'attention' })
    .ensureAlpha()
    .composite([
      { input: Buffer.from(mask), blend: 'dest-in' },
      { input: Buffer.from(decoration), blend: 'over' },
    ])
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The best grid for `count` square cells in a `width` x `height` area: columns, rows and cell size in px. */
function layoutGrid(count: number, width: number, height: number, gap: number): { columns: number; rows: number; cell: number } {
  let best = { columns: 1, rows: count, cell: 0 };
  for (let columns = 1; columns <= count; columns += 1) {
    const rows = Math.ceil(count / columns);
    const cell = Math.floor(Math.min((width - gap * (columns - 1)) / columns, (height - gap * (rows - 1)) / rows));
    if (cell > best.cell) best = { columns, rows, cell };
  }
  return best;
}

/**
 * Renders one preview image and returns its encoded bytes (`format`), exactly
 * `width` x `height` px. Throws the signal's reason when aborted between steps,
 * or sharp's Error when a reference cannot be decoded.
 */
export async function renderPreviewImage(options: PreviewImageOptions): Promise<Buffer> {
  const { width, height, references, signal } = options;
  const random = createRandom(`${options.prompt}\u0000${options.seed}\u0000${width}x${height}`);
  const short = Math.min(width, height);

  // Layout, in px, from the short edge so that 8:1 and 1:8 get the same proportions as 1:1.
  const margin = Math.round(short * 0.045);
  const labelSize = Math.round(clamp(short * 0.03, 10, 110));
  const promptSize = Math.round(clamp(short * 0.034, 10, 120));
  const detailSize = Math.max(8, Math.round(promptSize * 0.6));
  const lineHeight = Math.round(promptSize * 1.28);
  const charactersPerLine = (width - 2 * margin) / (promptSize * 0.58);
  const maxLines = clamp(Math.floor((height * 0.24) / lineHeight), 1, 4);
  const promptLines = wrapText(options.prompt || '(no prompt)', charactersPerLine, maxLines);
  const footerHeight = Math.round(margin * 1.6 + promptLines.length * lineHeight + detailSize * 1.9);
  const labelHeight = Math.round(labelSize * 2);
  const regionTop = margin + labelHeight + Math.round(margin * 0.5);
  const regionBottom = height - footerHeight - Math.round(margin * 0.2);
  const regionWidth = width - 2 * margin;
  const regionHeight = Math.max(0, regionBottom - regionTop);

  // 1. The small background, blended in JS (bounded: BACKGROUND_PIXELS x 3 bytes).
  const scale = Math.min(1, Math.sqrt(BACKGROUND_PIXELS / (width * height)));
  const smallWidth = Math.max(8, Math.round(width * scale));
  const smallHeight = Math.max(8, Math.round(height * scale));
  const background =
    references.length > 0 ? await blendReferences(references, smallWidth, smallHeight, random) : await seededBackground(smallWidth, smallHeight, random);
  signal?.throwIfAborted();

  // 2. Crisp layers on top.
  const layers: OverlayOptions[] = [];
  if (regionHeight >= 24 && regionWidth >= 24) {
    if (references.length > 0) {
      const gap = Math.max(4, Math.round(margin * 0.5));
      const grid = layoutGrid(references.length, regionWidth, regionHeight, gap);
      const gridWidth = grid.columns * grid.cell + (grid.columns - 1) * gap;
      const gridHeight = grid.rows * grid.cell + (grid.rows - 1) * gap;
      const left = margin + Math.round((regionWidth - gridWidth) / 2);
      const top = regionTop + Math.round((regionHeight - gridHeight) / 2);
      for (const [index, reference] of references.entries()) {
        const row = Math.floor(index / grid.columns);
        const inRow = row === grid.rows - 1 ? references.length - row * grid.columns : grid.columns;
        const rowOffset = Math.round(((grid.columns - inRow) * (grid.cell + gap)) / 2);
        const column = index % grid.columns;
        const panel = await referencePanel(reference, index + 1, grid.cell, grid.cell);
        signal?.throwIfAborted();
        layers.push({ input: panel, left: left + rowOffset + column * (grid.cell + gap), top: top + row * (grid.cell + gap) });
      }
    } else {
      const size = Math.min(regionWidth, regionHeight);
      layers.push({
        input: Buffer.from(seededEmblemSvg(size, random)),
        left: margin + Math.round((regionWidth - size) / 2),
        top: regionTop + Math.round((regionHeight - size) / 2),
      });
    }
  }

  const label = 'OFFLINE PREVIEW';
  const labelWidth = Math.round(label.length * labelSize * 0.72 + labelSize * 1.6);
  layers.push({
    input: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth}" height="${labelHeight}">
<rect width="${labelWidth}" height="${labelHeight}" rx="${Math.round(labelHeight / 2)}" fill="${LABEL_COLOUR}"/>
<text x="${labelWidth / 2}" y="${labelHeight / 2}" dy="0.36em" text-anchor="middle" font-family="${FONT_FAMILY}" font-weight="bold" ` +
        `font-size="${labelSize}" letter-spacing="${(labelSize * 0.08).toFixed(1)}" fill="#111827">${label}</text>
</svg>`,
    ),
    left: Math.min(margin, Math.max(0, width - labelWidth)),
    top: Math.min(margin, Math.max(0, height - labelHeight)),
  });

  const footerTop = height - footerHeight;
  const textLines = promptLines
    .map(
      (line, index) =>
        `<text x="${margin}" y="${Math.round(margin * 0.9 + (index + 0.8) * lineHeight)}" font-family="${FONT_FAMILY}" font-size="${promptSize}" ` +
        `fill="#ffffff">${escapeXml(line)}</text>`,
    )
    .join('');
  const detailY = Math.round(margin * 0.9 + promptLines.length * lineHeight + detailSize * 1.3);
  layers.push({
    input: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${footerHeight}">
<defs><linearGradient id="scrim" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/>` +
        `<stop offset="0.35" stop-color="#000" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0.78"/></linearGradient></defs>
<rect width="${width}" height="${footerHeight}" fill="url(#scrim)"/>${textLines}
<text x="${margin}" y="${detailY}" font-family="${FONT_FAMILY}" font-size="${detailSize}" fill="#d4d4d8">${escapeXml(options.details)}</text>
</svg>`,
    ),
    left: 0,
    top: footerTop,
  });

  // 3. Upscale the background and composite; libvips streams this in tiles.
  const pipeline = sharp(background).resize(width, height, { fit: 'fill', kernel: 'cubic' }).composite(layers);
  switch (options.format) {
    case 'png':
      return pipeline.png({ compressionLevel: 6 }).toBuffer();
    case 'webp':
      return pipeline.webp({ quality: 88, effort: 3 }).toBuffer();
    default:
      // No optimised Huffman coding: mozjpeg would then buffer every DCT coefficient of the image (~120 MB at 12288x1536).
      return pipeline.jpeg({ quality: 90, chromaSubsampling: '4:4:4', optimiseCoding: false }).toBuffer();
  }
}
