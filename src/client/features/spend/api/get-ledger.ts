import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LedgerRow } from '../../../../server/budget/ledger.ts';
import { requestJson } from '../../../lib/api-client.ts';
import { spendKeys } from '../../../api/spend-keys.ts';

export type { LedgerRow } from '../../../../server/budget/ledger.ts';

/** `GET /api/ledger?from=<ISO>`: every generation created since `from`, oldest first, estimate and billed cost side by side. */
function getLedger(from: string): Promise<{ items: LedgerRow[] }> {
  return requestJson<{ items: LedgerRow[] }>(`/api/ledger?from=${encodeURIComponent(from)}`);
}

/** The URL that downloads the whole ledger as CSV (the server names the file). */
export const LEDGER_CSV_URL = '/api/ledger?format=csv';

/** Query options for the ledger since `from` (under `spend`, so a generation ending refreshes it). */
function ledgerQueryOptions(from: string) {
  return queryOptions({ queryKey: spendKeys.ledger(from), queryFn: () => getLedger(from), refetchInterval: 30_000, staleTime: 2_000 });
}

/** The ledger since `from`. */
export function useLedger(from: string) {
  return useQuery(ledgerQueryOptions(from));
}
