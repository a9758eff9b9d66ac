/** Drag-and-drop data types shared by the gallery (source) and the reference tray (target). */

/** A gallery image being dragged: JSON `{ url: string, name: string }`. */
export const GALLERY_IMAGE_DRAG_TYPE = 'application/x-banana-studio-image';

/** A reference image being reordered inside the tray: its index as text. */
export const REFERENCE_REORDER_DRAG_TYPE = 'application/x-banana-studio-reference';

/** Fetches a same-origin image URL as a File (for "use as reference" and drags from the gallery). */
export async function fetchImageAsFile(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The image could not be loaded (${response.status}).`);
  const blob = await response.blob();
  const extension = blob.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return new File([blob], `${name}.${extension}`, { type: blob.type });
}
