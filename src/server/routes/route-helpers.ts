import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ValidationIssue } from '../../catalog/request.ts';
import { ApiError } from '../api-error.ts';
import { MAX_IMAGE_BYTES } from '../store/image-inspection.ts';

/**
 * Largest JSON body, in bytes: 8 reference images of 20 MB as base64 data URIs
 * (4/3 of their size) plus 4 MB for the rest of the JSON, about 217 MB
 * (issue 3 "8 references of 20 MB plus the JSON").
 */
export const MAX_JSON_BODY_BYTES = Math.ceil((8 * MAX_IMAGE_BYTES * 4) / 3) + 4 * 1024 * 1024;

/** Largest upload body, in bytes: one 20 MB image plus 64 KB for multipart framing. */
export const MAX_UPLOAD_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

/**
 * A body-limit middleware answering 413 `payload_too_large` with docs/API.md's
 * error body. A request with a Content-Length is judged by that header alone
 * (hono's `bodyLimit` would turn @hono/node-server's lightweight request into a
 * full `Request` on every call, doubling the cost of small JSON requests);
 * a chunked one is counted as it streams, by hono's `bodyLimit`.
 */
export function limitBody(maxSize: number, what: string): MiddlewareHandler {
  const refuse = (context: Context) =>
    context.json(new ApiError(413, 'payload_too_large', `The ${what} is larger than ${Math.floor(maxSize / 1024 / 1024)} MB, the limit for it.`).toBody(), 413);
  const streamed = bodyLimit({ maxSize, onError: refuse });
  return async (context, next) => {
    const length = context.req.header('content-length');
    if (length !== undefined && context.req.header('transfer-encoding') === undefined) {
      const bytes = Number(length);
      if (!Number.isFinite(bytes) || bytes > maxSize) return refuse(context);
      await next();
      return;
    }
    return streamed(context, next);
  };
}

/** Parses the JSON body; throws 400 `invalid_request` when it is not JSON. */
export async function readJsonBody(context: Context): Promise<unknown> {
  const text = await context.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'parse error';
    throw new ApiError(400, 'invalid_request', `The body is not valid JSON (${reason}); send a GenerationRequest object.`);
  }
}

/** 400 `invalid_request` from validation issues: the first one fills field/message/allowed, all go in `issues`. */
export function validationError(issues: ValidationIssue[]): ApiError {
  const first = issues[0] ?? { field: 'body', message: 'The request is not a GenerationRequest', allowed: [] };
  return new ApiError(400, 'invalid_request', first.message, { field: first.field, allowed: first.allowed, issues });
}
