/**
 * The thumbnail URL of a reference image in a request: the `data:` URI
 * itself, or the server's WebP thumbnail of an upload (`GET
 * /api/uploads/:id?thumb=1`, long edge at most 512 px; docs/API-EXTENSIONS.md).
 */
export function referenceThumbnailUrl(reference: string): string {
  if (reference.startsWith('data:')) return reference;
  return `/api/uploads/${encodeURIComponent(reference)}?thumb=1`;
}
