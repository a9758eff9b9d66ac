import { createHash } from 'node:crypto';
import sharp from 'sharp';

/** The file formats the fakes can produce, in sharp's spelling. */
export type FakeImageFormat = 'jpeg' | 'png' | 'webp';

/** MIME type of a fake image format. */
export const FAKE_IMAGE_MIME: Record<FakeImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/**
 * Render a real image of exactly `width` x `height` px for a fake provider:
 * a flat colour picked from the provider, prompt and seed, with a label
 * naming the fake, the size and the seed, so that a person can tell a fake
 * result at a glance. Deterministic for the same inputs.
 */
export async function renderFakeImage(options: {
  provider: string;
  prompt: string;
  seed: number;
  width: number;
  height: number;
  format: FakeImageFormat;
  /** How many reference images were blended (shown on the label). */
  referenceCount?: number;
}): Promise<Buffer> {
  const { width, height } = options;
  const digest = createHash('sha256').update(`${options.provider}\n${options.prompt}\n${options.seed}`).digest();
  const background = { r: 40 + (digest[0]! % 160), g: 40 + (digest[1]! % 160), b: 40 + (digest[2]! % 160) };
  const fontSize = Math.max(10, Math.round(Math.min(width, height) / 12));
  const lines = [
    `fake ${options.provider}`,
    `${width}x${height} seed ${options.seed}`,
    options.referenceCount ? `${options.referenceCount} reference image(s)` : '',
    escapeXml(options.prompt.slice(0, 40)),
  ].filter((line) => line.length > 0);
  const text = lines
    .map(
      (line, index) =>
        `<text x="${fontSize}" y="${fontSize * (1.5 + index * 1.3)}" font-size="${fontSize}" fill="white" font-family="sans-serif">${escapeXml(line)}</text>`,
    )
    .join('');
  // The label covers the top of the image only: an overlay just tall enough for its lines (a line's height below the
  // last baseline) draws the same pixels as a full-size one, at about half the cost on a 4K image.
  const overlayHeight = Math.min(height, Math.ceil(fontSize * (1.5 + lines.length * 1.3)));
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${overlayHeight}">${text}</svg>`);
  const image = sharp({ create: { width, height, channels: 3, background } }).composite([{ input: overlay, top: 0, left: 0 }]);
  if (options.format === 'jpeg') return image.jpeg({ quality: 80 }).toBuffer();
  if (options.format === 'webp') return image.webp({ quality: 80 }).toBuffer();
  return image.png({ compressionLevel: 6 }).toBuffer();
}

/** Whether `bytes` decode as an image sharp can read; returns its size, or `null`. */
export async function probeImage(bytes: Buffer): Promise<{ width: number; height: number; format: string } | null> {
  try {
    const metadata = await sharp(bytes).metadata();
    if (!metadata.width || !metadata.height) return null;
    return { width: metadata.width, height: metadata.height, format: metadata.format };
  } catch {
    return null;
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
