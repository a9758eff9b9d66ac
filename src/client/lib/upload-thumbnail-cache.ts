/**
 * Thumbnails of the reference images this browser uploaded, by upload id,
 * kept in localStorage. The server serves generated images only
 * (`GET /api/images/:id`), so reusing a stored request's references (which
 * are upload ids) shows these, or a numbered placeholder when this browser
 * never saw the upload.
 */
const STORAGE_KEY = 'banana-studio:upload-thumbnails';
/** Most thumbnails kept (about 5 KB each as 192 px JPEG data: URLs). */
const LIMIT = 150;

type ThumbnailMap = Record<string, string>;

function read(): ThumbnailMap {
  try {
    return (JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as ThumbnailMap) ?? {};
  } catch {
    return {};
  }
}

/** The cached thumbnail (a data: URL) for an upload id, or `null`. */
export function getUploadThumbnail(uploadId: string): string | null {
  return read()[uploadId] ?? null;
}

/** Remembers an upload's thumbnail; the oldest entries go past 150. */
export function rememberUploadThumbnail(uploadId: string, thumbnailUrl: string): void {
  if (!thumbnailUrl.startsWith('data:')) return;
  const map = read();
  delete map[uploadId];
  map[uploadId] = thumbnailUrl;
  const keys = Object.keys(map);
  for (const key of keys.slice(0, Math.max(0, keys.length - LIMIT))) delete map[key];
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(map));
  } catch {
    // Storage full: thumbnails are a convenience; the reference itself is kept by the server.
  }
}

/** The best thumbnail URL for a reference (data: URI, cached thumbnail, or the server's image URL as a last try). */
export function referenceThumbnailUrl(reference: string): string {
  if (reference.startsWith('data:')) return reference;
  return getUploadThumbnail(reference) ?? `/api/images/${encodeURIComponent(reference)}?thumb=1`;
}
