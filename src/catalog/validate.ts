import type { z } from 'zod';
import { cutText, exceedsJsonDepth, MAX_JSON_DEPTH, quoteValue } from './bounds.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { checkRequestAgainstCatalog, type ValidationContext } from './check-request.ts';
import { generationRequestSchema, type ValidationIssue, type ValidationResult } from './request.ts';

export type { ValidationContext } from './check-request.ts';

/**
 * Checks a GenerationRequest (docs/API.md) first against its zod schema and
 * then against the capability table of its offering (provider + model) in
 * `catalog` (checkRequestAgainstCatalog in check-request.ts, which has no zod).
 *
 * Returns `{ ok: true, request, offeringId }` with the accepted request (size,
 * count, format, references and provider model id filled with the values
 * that will be used), or `{ ok: false, issues }` listing every problem as
 * `{ field, message, allowed }`; each message names the offering and what it
 * allows. Nothing unsupported is dropped: it is refused. A retired offering
 * (`lifecycle.status`) is refused naming its replacement, unless `context`
 * says the provider's key check still lists it. Never throws.
 */
export function validateGenerationRequest(input: unknown, catalog: CatalogIndex, context: ValidationContext = {}): ValidationResult {
  // zod walks nested values recursively: a body thousands of levels deep would overflow the stack.
  if (exceedsJsonDepth(input, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      issues: [
        { field: 'body', message: `The request nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; send a GenerationRequest object`, allowed: [] },
      ],
    };
  }
  const parsed = generationRequestSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(toValidationIssue) };

  return checkRequestAgainstCatalog(parsed.data, catalog, context);
}

/** A zod issue as a studio ValidationIssue, naming the allowed values where zod knows them. */
function toValidationIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const field = issue.path.map(String).join('.') || 'body';
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.filter((value): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value));
      const given = issue.input === undefined ? '' : ` ${quoteValue(issue.input)} is not known;`;
      return { field, message: `${field}${given} choose one of ${allowed.join(', ')}`, allowed };
    }
    case 'unrecognized_keys': {
      const known = Object.keys(issue.path.length === 0 ? generationRequestSchema.shape : generationRequestSchema.shape.advanced.unwrap().shape);
      // Unknown keys are the caller's text: quote at most 5, each cut short.
      const shown = issue.keys.slice(0, 5).map((key) => cutText(key));
      const keys = `${shown.join(', ')}${issue.keys.length > shown.length ? ` and ${issue.keys.length - shown.length} more` : ''}`;
      const where = issue.path.length === 0 ? 'a GenerationRequest' : field;
      return {
        field: issue.path.length === 0 ? (shown[0] ?? '') : `${field}.${shown[0]}`,
        message: `${keys} ${issue.keys.length === 1 ? 'is' : 'are'} not part of ${where}; the fields are ${known.join(', ')}`,
        allowed: known,
      };
    }
    case 'invalid_type':
      return {
        field,
        message: issue.input === undefined ? `${field} is required (${issue.expected})` : `${field} must be ${article(issue.expected)} ${issue.expected}`,
        allowed: [],
      };
    default:
      return { field, message: `${field} ${issue.message}`, allowed: [] };
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
