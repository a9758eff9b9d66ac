import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import sharp from 'sharp';
import { generationRequestSchema, type AcceptedGenerationRequest, type GenerationRequest } from '../../catalog/request.ts';

/**
 * Settings carried inside images (docs/API.md "Settings carried inside
 * images"): the generation's accepted request, as JSON under the key
 * `banana-studio`, in a PNG `iTXt` chunk or in JPEG/WebP XMP.
 *
 * - PNG: png-chunks-extract / png-chunks-encode split and join the chunks
 *   (length and CRC); the `iTXt` payload is laid out as the PNG spec says
 *   (keyword, NUL, compression flag 0, method 0, empty language tag and
 *   translated keyword, UTF-8 text). The pixels are untouched.
 * - JPEG and WebP: sharp's `withXmp` writes the XMP packet (sharp re-encodes
 *   the image at quality 95); sharp's `metadata().xmpAsString` reads it.
 * - GIF and other types: answered unchanged.
 *
 * Only the request is embedded: reference images are named by sha256, never
 * by upload id, path or URL; no key or setting of the server goes in.
 */

/** The metadata key (PNG iTXt keyword; XMP property name). */
const EMBEDDED_REQUEST_KEY = 'banana-studio';

/** The XMP namespace of the `banana-studio` property. */
const EMBEDDED_REQUEST_NAMESPACE = 'https://banana-studio.dev/ns/1.0/';

/** A reference image inside an embedded request: `sha256:<hex>`. */
const SHA256_REFERENCE = /^sha256:([0-9a-f]{64})$/;

/** What is embedded: the accepted request, its reference images as `sha256:<hex>`. */
export type EmbeddedRequest = Omit<AcceptedGenerationRequest, 'referenceImages'> & { referenceImages: string[] };

/**
 * The request to embed for a generation: its accepted request with each
 * reference upload id replaced by `sha256:<hex>` of the upload's file
 * (`sha256OfUpload` answers `undefined` for an unknown upload, which is left out).
 */
export function toEmbeddedRequest(request: AcceptedGenerationRequest, sha256OfUpload: (uploadId: string) => string | undefined): EmbeddedRequest {
  const referenceImages = request.referenceImages
    .map((uploadId) => sha256OfUpload(uploadId))
    .filter((sha256): sha256 is string => sha256 !== undefined)
    .map((sha256) => `sha256:${sha256}`);
  return { ...request, referenceImages };
}

/**
 * The image bytes with `embedded` written into their metadata (PNG iTXt,
 * JPEG/WebP XMP), or unchanged for another type. Throws when the bytes do
 * not decode as the declared type.
 */
export async function embedRequestInImage(bytes: Buffer, mimeType: string, embedded: EmbeddedRequest): Promise<Buffer> {
  const json = JSON.stringify(embedded);
  switch (mimeType) {
    case 'image/png': {
      const chunks = extractChunks(bytes).filter((chunk) => !(isTextChunk(chunk.name) && readTextChunk(chunk)?.keyword === EMBEDDED_REQUEST_KEY));
      const itxt = Buffer.concat([Buffer.from(`${EMBEDDED_REQUEST_KEY}\0\0\0\0\0`, 'latin1'), Buffer.from(json, 'utf8')]);
      chunks.splice(chunks.length - 1, 0, { name: 'iTXt', data: itxt });
      return Buffer.from(encodeChunks(chunks));
    }
    case 'image/jpeg':
      return sharp(bytes).keepIccProfile().jpeg({ quality: 95 }).withXmp(toXmpPacket(json)).toBuffer();
    case 'image/webp':
      return sharp(bytes).keepIccProfile().webp({ quality: 95 }).withXmp(toXmpPacket(json)).toBuffer();
    default:
      return bytes;
  }
}

/**
 * The request embedded in an image by the studio, with `sha256:` references
 * kept as they are, or `null` when there is none or it does not parse as a
 * GenerationRequest. Never throws.
 */
export async function readEmbeddedRequest(bytes: Buffer): Promise<GenerationRequest | null> {
  let json: string | undefined;
  try {
    if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      for (const chunk of extractChunks(bytes)) {
        if (!isTextChunk(chunk.name)) continue;
        const text = readTextChunk(chunk);
        if (text?.keyword === EMBEDDED_REQUEST_KEY) json = text.text;
      }
    } else {
      const xmp = (await sharp(bytes).metadata()).xmpAsString;
      if (xmp) json = readXmpProperty(xmp);
    }
    if (!json) return null;
    const embedded = JSON.parse(json) as unknown;
    if (!embedded || typeof embedded !== 'object' || Array.isArray(embedded)) return null;
    const { referenceImages, ...rest } = embedded as Record<string, unknown> & { referenceImages?: unknown };
    const parsed = generationRequestSchema.safeParse(rest);
    if (!parsed.success) return null;
    const references = Array.isArray(referenceImages)
      ? referenceImages.filter((value): value is string => typeof value === 'string' && SHA256_REFERENCE.test(value))
      : [];
    return { ...parsed.data, referenceImages: references };
  } catch {
    return null;
  }
}

/** The hex sha256 of an embedded `sha256:<hex>` reference, or `undefined`. */
export function sha256OfEmbeddedReference(reference: string): string | undefined {
  return SHA256_REFERENCE.exec(reference)?.[1];
}

function isTextChunk(name: string): boolean {
  return name === 'iTXt' || name === 'tEXt';
}

/** Keyword and text of an iTXt (uncompressed) or tEXt chunk; `undefined` for a compressed iTXt. */
function readTextChunk(chunk: { name: string; data: Uint8Array }): { keyword: string; text: string } | undefined {
  const data = Buffer.from(chunk.data);
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 0) return undefined;
  const keyword = data.subarray(0, keywordEnd).toString('latin1');
  if (chunk.name === 'tEXt') return { keyword, text: data.subarray(keywordEnd + 1).toString('latin1') };
  const compressed = data[keywordEnd + 1] === 1;
  if (compressed) return undefined;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return undefined;
  return { keyword, text: data.subarray(translatedEnd + 1).toString('utf8') };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const XML_UNESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** An XMP packet with one property, `bananaStudio:banana-studio`, holding the JSON. */
function toXmpPacket(json: string): string {
  const value = json.replace(/[&<>"]/g, (character) => XML_ESCAPES[character] ?? character);
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:bananaStudio="${EMBEDDED_REQUEST_NAMESPACE}">` +
    `<bananaStudio:${EMBEDDED_REQUEST_KEY}>${value}</bananaStudio:${EMBEDDED_REQUEST_KEY}>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}

/** The text of the `banana-studio` property of an XMP packet (any prefix bound to our namespace), or `undefined`. */
function readXmpProperty(xmp: string): string | undefined {
  const prefix = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)="${EMBEDDED_REQUEST_NAMESPACE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`).exec(xmp)?.[1];
  if (!prefix) return undefined;
  const element = new RegExp(`<${prefix}:${EMBEDDED_REQUEST_KEY}>([\\s\\S]*?)</${prefix}:${EMBEDDED_REQUEST_KEY}>`).exec(xmp)?.[1];
  return element?.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_UNESCAPES[entity] ?? entity);
}
