import { Hono } from 'hono';
import { cutText } from '../../catalog/bounds.ts';
import { ApiError } from '../api-error.ts';
import { readEmbeddedRequest, sha256OfEmbeddedReference } from '../store/image-metadata.ts';
import type { Studio } from '../studio.ts';
import { imageResponse } from './image-response.ts';
import { limitBody, MAX_UPLOAD_BODY_BYTES } from './route-helpers.ts';

/**
 * `POST /api/uploads`: the raw image bytes (any Content-Type) or
 * `multipart/form-data` with one `file` (a body with more than one file is refused, 400); checked by content (inspectImage).
 * 201 `{id, mimeType, width, height, bytes, sha256}`, also when the same
 * bytes were uploaded before (same id). 413 over 20 MB, 415 for what is not a
 * PNG/JPEG/WebP/GIF/HEIC/AVIF image, 400 `invalid_image` for a corrupt one.
 *
 * An image the studio downloaded with its settings inside (`GET
 * /api/images/:id?download=1`) adds `recalledRequest`: that request with each
 * reference image still stored named by its upload id (docs/API.md "Settings
 * carried inside images"), and the extension `recalledMissingReferences`, how
 * many of its references are no longer stored.
 *
 * Extension: `GET /api/uploads/:id` answers the uploaded bytes (`?thumb=1` a WebP thumbnail).
 */
export function createUploadsRoutes(studio: Studio) {
  return new Hono()
    .post('/', limitBody(MAX_UPLOAD_BODY_BYTES, 'upload'), async (context) => {
      const contentType = context.req.header('content-type') ?? '';
      let bytes: Buffer;
      if (contentType.toLowerCase().startsWith('multipart/form-data')) {
        let form: FormData;
        try {
          form = await context.req.formData();
        } catch {
          throw new ApiError(400, 'invalid_request', 'The multipart body could not be read; send one image as the form field "file".', { field: 'file' });
        }
        const files = [...form.values()].filter((value): value is File => value instanceof Blob);
        if (files.length > 1) {
          throw new ApiError(400, 'invalid_request', `The multipart body has ${files.length} files; send one image per upload as the form field "file".`, {
            field: 'file',
          });
        }
        const file = form.get('file');
        if (!(file instanceof Blob)) {
          throw new ApiError(400, 'invalid_request', 'The multipart body has no "file" field; send the image as the form field "file".', {
            field: 'file',
          });
        }
        bytes = Buffer.from(await file.arrayBuffer());
      } else {
        bytes = Buffer.from(await context.req.arrayBuffer());
      }
      const { upload } = await studio.uploads.createUpload(bytes);
      const embedded = await readEmbeddedRequest(bytes);
      if (!embedded) return context.json(upload, 201);
      const references = (embedded.referenceImages ?? []).map((reference) => studio.uploads.getUploadBySha256(sha256OfEmbeddedReference(reference) ?? ''));
      const stored = references.filter((reference) => reference !== undefined);
      const recalledRequest = { ...embedded, referenceImages: stored.map((reference) => reference.id) };
      return context.json({ ...upload, recalledRequest, recalledMissingReferences: references.length - stored.length }, 201);
    })
    .get('/:id', async (context) => {
      const upload = studio.uploads.getUploadById(context.req.param('id'));
      if (!upload) throw new ApiError(404, 'not_found', `There is no upload with id ${cutText(context.req.param('id'))}.`);
      return imageResponse(context, studio, { id: upload.id, sha256: upload.sha256, mimeType: upload.mimeType, width: upload.width, height: upload.height });
    });
}
