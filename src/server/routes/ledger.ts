import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { ledgerToCsv, listLedgerRows } from '../budget/ledger.ts';
import type { Studio } from '../studio.ts';

function readTime(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new ApiError(400, 'invalid_request', `${field} "${value}" is not a time; send an ISO 8601 time such as 2026-11-01T00:00:00.000Z.`, { field });
  }
  return new Date(time).toISOString();
}

/**
 * docs/API.md `GET /api/ledger?from=<ISO>&to=<ISO>`: every generation created
 * in `[from, to)`, oldest first, estimate and billed cost side by side, as JSON
 * `{"items":[...]}`, or CSV with a header row with `?format=csv` or
 * `Accept: text/csv` (`?format=json` wins over the header). 400 for a bad time
 * or format.
 */
export function createLedgerRoutes(studio: Studio) {
  return new Hono().get('/', (context) => {
    const from = readTime(context.req.query('from'), 'from');
    const to = readTime(context.req.query('to'), 'to');
    const format = context.req.query('format');
    if (format !== undefined && format !== 'csv' && format !== 'json') {
      throw new ApiError(400, 'invalid_request', `format "${format}" is not offered; choose csv or json.`, { field: 'format', allowed: ['csv', 'json'] });
    }
    const wantsCsv = format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(context.req.header('Accept') ?? ''));
    const items = listLedgerRows(studio.database, { from, to });
    if (!wantsCsv) return context.json({ items }, 200);
    const day = new Date().toISOString().slice(0, 10);
    return context.body(ledgerToCsv(items), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="banana-studio-ledger-${day}.csv"`,
    });
  });
}
