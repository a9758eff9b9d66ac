import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client.ts';
import type { UploadAnswer } from '../../../api/types.ts';

/**
 * `POST /api/uploads` with the raw bytes and their Content-Type, through
 * XMLHttpRequest so that upload progress (0..1) can be shown. Resolves with
 * the stored upload; raises `ApiError` with the server's message (413
 * `payload_too_large`, 415 `unsupported_media_type`, ...).
 */
function uploadImage(blob: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/uploads');
    request.setRequestHeader('Content-Type', blob.type || 'application/octet-stream');
    request.setRequestHeader('Accept', 'application/json');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as (UploadAnswer & { error?: { code: string; message: string; field?: string } }) | null;
      if (request.status >= 200 && request.status < 300 && body) {
        onProgress(1);
        resolve(body);
        return;
      }
      const error = body?.error;
      reject(new ApiError(request.status, error?.code ?? 'http_error', error?.message ?? `The upload failed (${request.status}).`, error?.field));
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'The upload could not reach the studio server.'));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort());
    request.send(blob);
  });
}

/** What an upload mutation is given: the bytes, and where its progress (0..1) goes. */
export interface UploadVariables {
  blob: Blob;
  onProgress?: (fraction: number) => void;
}

/** The studio's upload mutations (reference images, a dropped file whose settings are read back). */
const uploadKeys = { upload: () => ['uploads', 'create'] as const };

/**
 * Upload as a mutation (`mutateAsync({ blob, onProgress })` resolves with the stored upload; `ApiError` on a
 * refusal). Uploads touch no cached query: the reference tray keeps each one's state in the studio store.
 */
export function useUploadImage() {
  return useMutation({
    mutationKey: uploadKeys.upload(),
    mutationFn: ({ blob, onProgress }: UploadVariables) => uploadImage(blob, onProgress ?? (() => undefined)),
  });
}
