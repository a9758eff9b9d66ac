import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** docs/API.md "Errors": the body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: {
    /** Stable snake_case word: `invalid_request`, `not_found`, `provider_not_configured`, ... */
    code: string;
    /** A sentence a person can act on. */
    message: string;
    /** The request field at fault, when one is. */
    field?: string;
    /** What the field accepts, when one field is at fault. */
    allowed?: Array<string | number | boolean>;
    /** Extension: every validation issue, the first of which fills `field`/`message`/`allowed`. */
    issues?: Array<{ field: string; message: string; allowed: Array<string | number | boolean> }>;
  };
}

/**
 * A refusal the HTTP layer turns into docs/API.md's error body with `status`.
 * Thrown by routes and stores; anything else becomes a 500 `internal_error`.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | undefined;
  readonly allowed: Array<string | number | boolean> | undefined;
  readonly issues: ErrorBody['error']['issues'];

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    details: { field?: string; allowed?: Array<string | number | boolean>; issues?: ErrorBody['error']['issues'] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = details.field;
    this.allowed = details.allowed;
    this.issues = details.issues;
  }

  /** The JSON body for this refusal. */
  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.field !== undefined) body.error.field = this.field;
    if (this.allowed !== undefined) body.error.allowed = this.allowed;
    if (this.issues !== undefined) body.error.issues = this.issues;
    return body;
  }
}
