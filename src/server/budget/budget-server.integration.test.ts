import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRunflowFake } from '../testing/fakes/runflow-fake.ts';
import { startRunwareFake } from '../testing/fakes/runware-fake.ts';
import type { FakeProviderServer } from '../testing/fakes/fake-server.ts';
import { startStudioServer, type StudioServerProcess } from '../testing/studio-server-process.ts';
import { LEDGER_COLUMNS, type LedgerRow } from './ledger.ts';
import type { BudgetStatus } from './budget-status.ts';
import type { SpendSummary } from './spend-summary.ts';

/*
 * Budgets, ledger and drift through the real studio server (src/server/main.ts, a child process) with the fake
 * Runware and Runflow servers. The batch path experiments use, through an in-process studio, is in budget.test.ts.
 */

/** Runware Nano Banana 2 at 1K, no references: seed 000 "Pricing" $0.06895, exact. */
const RUNWARE_1K = 0.06895;
const RUNWARE_REQUEST = { provider: 'runware', model: 'nano-banana-2', prompt: 'A lemon-yellow vintage scooter on a quiet street', resolution: '1K' };

interface Generation {
  id: string;
  status: string;
  actualCost: number | null;
  warnings: string[];
}

let runware: FakeProviderServer;
let runflow: FakeProviderServer;
const directories: string[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'studio-budget-test-'));
  directories.push(directory);
  return directory;
}

function providerEnvironment(): Record<string, string> {
  return { RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url, RUNFLOW_API_KEY: runflow.apiKey, RUNFLOW_BASE_URL: runflow.url };
}

async function call<T>(server: StudioServerProcess, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  const body = (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  return { status: response.status, text, headers: response.headers, body };
}

async function budget(server: StudioServerProcess): Promise<BudgetStatus> {
  return (await call<BudgetStatus>(server, '/api/budget')).body;
}

async function allFinished(server: StudioServerProcess): Promise<Generation[]> {
  const { body } = await call<{ items: Generation[] }>(server, '/api/generations?limit=200');
  return body.items;
}

beforeAll(async () => {
  [runware, runflow] = await Promise.all([startRunwareFake(), startRunflowFake()]);
});

afterAll(async () => {
  // Unset when beforeAll failed, which the declared types cannot say.
  await Promise.all([(runware as FakeProviderServer | undefined)?.close(), (runflow as FakeProviderServer | undefined)?.close()]);
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe('budget, ledger and drift through the real server', () => {
  let server: StudioServerProcess;
  let dataDirectory: string;

  beforeAll(async () => {
    dataDirectory = temporaryDirectory();
    server = await startStudioServer({ dataDirectory, environment: providerEnvironment() });
  }, 60_000);

  afterAll(async () => {
    // Unset when beforeAll failed, which the declared types cannot say.
    await (server as StudioServerProcess | undefined)?.stop();
  });

  it('10 concurrent requests against a daily budget for 5 accept exactly 5, and the provider sees 5 tasks', async () => {
    runware.resetCalls();
    const put = await call<BudgetStatus>(server, '/api/budget', { method: 'PUT', json: { dailyUsd: 5 * RUNWARE_1K, monthlyUsd: null } });
    expect(put.status).toBe(200);
    expect(put.body.daily).toMatchObject({ limit: 5 * RUNWARE_1K, spent: 0, reserved: 0 });
    expect(put.body.monthly).toBeNull();

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        call<Generation | { error: { code: string; message: string } }>(server, '/api/generations', {
          method: 'POST',
          json: { ...RUNWARE_REQUEST, prompt: `${RUNWARE_REQUEST.prompt}, take ${index + 1}` },
        }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status === 402);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      const { error } = answer.body as { error: { code: string; message: string } };
      expect(error.code).toBe('budget_exceeded');
      expect(error.message).toContain("today's budget of $0.34475");
      expect(error.message).toContain('could cost up to $0.06895');
    }

    await vi.waitFor(async () => expect((await allFinished(server)).every((generation) => generation.status === 'succeeded')).toBe(true), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await allFinished(server)).toHaveLength(5);
    expect(runware.calls.filter((item) => item.kind === 'submit')).toHaveLength(5);
    const status = await budget(server);
    expect(status.daily).toMatchObject({ spent: 5 * RUNWARE_1K, reserved: 0, remaining: 0 });
    expect(status.today.spent).toBeCloseTo(5 * RUNWARE_1K, 9);
  }, 60_000);

  it('a refusal stores nothing, and a local generation always passes a spent budget', async () => {
    const before = (await allFinished(server)).length;
    const refused = await call<{ error: { code: string } }>(server, '/api/generations', { method: 'POST', json: RUNWARE_REQUEST });
    expect(refused.status).toBe(402);
    expect((await allFinished(server)).length).toBe(before);
    const localRequest = { provider: 'local', model: 'nano-banana-2', prompt: 'An offline preview' };
    const local = await call<Generation>(server, '/api/generations?wait=true', { method: 'POST', json: localRequest });
    expect(local.status).toBe(200);
    expect(local.body.status).toBe('succeeded');
  }, 60_000);

  it('a billed cost outside the estimate is flagged on the generation, in the ledger and in the spend summary', async () => {
    const status = await budget(server);
    await call(server, '/api/budget', { method: 'PUT', json: { dailyUsd: status.today.spent + 1 } });
    runware.misbehave('overbill', { billingFactor: 2, times: 1 });
    const generation = (await call<Generation>(server, '/api/generations?wait=true', { method: 'POST', json: RUNWARE_REQUEST })).body;
    expect(generation.status).toBe('succeeded');
    expect(generation.actualCost).toBeCloseTo(2 * RUNWARE_1K, 9);
    expect(generation.warnings.join(' ')).toContain('Cost outside the estimate: The provider billed $0.1379, above the estimated $0.06895.');

    const fair = (await call<Generation>(server, '/api/generations?wait=true', { method: 'POST', json: RUNWARE_REQUEST })).body;
    expect(fair.actualCost).toBeCloseTo(RUNWARE_1K, 9);
    expect(fair.warnings).toEqual([]);

    const summary = (await call<SpendSummary>(server, '/api/spend/summary')).body;
    expect(summary.drift.map((item) => item.generationId)).toEqual([generation.id]);
    expect(summary.drift[0]).toMatchObject({
      basis: 'billed',
      direction: 'above',
      min: RUNWARE_1K,
      max: RUNWARE_1K,
      offeringId: 'runware/nano-banana-2',
      resolution: '1K',
    });
    const ledger = (await call<{ items: LedgerRow[] }>(server, '/api/ledger')).body.items;
    expect(ledger.filter((row) => row.drift).map((row) => row.id)).toEqual([generation.id]);
    expect(summary.days).toHaveLength(30);
    expect(summary.days.at(-1)!.byProvider.runware).toBeCloseTo(7 * RUNWARE_1K + RUNWARE_1K, 9);
    expect(summary.byOffering.find((row) => row.provider === 'runware')).toMatchObject({ model: 'nano-banana-2', resolution: '1K', generations: 7 });
  }, 60_000);

  it('the CSV ledger parses back to the JSON rows', async () => {
    const json = (await call<{ items: LedgerRow[] }>(server, '/api/ledger')).body.items;
    expect(json.length).toBeGreaterThanOrEqual(8);
    const csv = await call<string>(server, '/api/ledger', { headers: { Accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="banana-studio-ledger-\d{4}-\d{2}-\d{2}\.csv"$/);
    const numeric = new Set(['numberImages', 'estimatedTotal', 'estimatedMin', 'estimatedMax', 'actualCost', 'computedCost', 'spent']);
    const parsed = parse<LedgerRow>(csv.body, {
      columns: true,
      cast: (value, context) => {
        const column = String(context.column);
        if (value === '') return null;
        if (column === 'drift') return value === 'true';
        return numeric.has(column) ? Number(value) : value;
      },
    });
    expect(Object.keys(parsed[0]!)).toEqual([...LEDGER_COLUMNS]);
    expect(parsed).toEqual(json);
    expect((await call<string>(server, '/api/ledger?format=csv')).body).toBe(csv.body);

    const from = json[1]!.createdAt;
    const ranged = (await call<{ items: LedgerRow[] }>(server, `/api/ledger?from=${encodeURIComponent(from)}`)).body.items;
    expect(ranged).toEqual(json.filter((row) => row.createdAt >= from));
    const bad = await call<{ error: { field: string } }>(server, '/api/ledger?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('from');
  }, 60_000);

  it('an open price reserves the larger of its minimum and the highest billed cost, and says so', async () => {
    const status = await budget(server);
    // Runflow Nano Banana 2 at 2K: "Price varies by tier", at least $0.08, no upper bound (the fake bills $0.12).
    await call(server, '/api/budget', { method: 'PUT', json: { dailyUsd: status.today.spent + 0.05 } });
    const request = { provider: 'runflow', model: 'nano-banana-2', prompt: 'A bioluminescent treehouse hotel', resolution: '2K' };
    const first = await call<{ error: { message: string } }>(server, '/api/generations', { method: 'POST', json: request });
    expect(first.status).toBe(402);
    expect(first.body.error.message).toContain(
      "no billed cost is recorded yet for runflow/nano-banana-2 at 2K, so its upper bound is the estimate's minimum, $0.08.",
    );
    await call(server, '/api/budget', { method: 'PUT', json: { dailyUsd: status.today.spent + 0.1 } });
    const made = await call<Generation>(server, '/api/generations?wait=true', { method: 'POST', json: request });
    expect(made.body.actualCost).toBeCloseTo(0.12, 9);
    // Now $0.12 is on record: the bound is $0.12, not the $0.08 minimum.
    await call(server, '/api/budget', { method: 'PUT', json: { dailyUsd: (await budget(server)).today.spent + 0.1 } });
    const second = await call<{ error: { message: string } }>(server, '/api/generations', { method: 'POST', json: request });
    expect(second.status).toBe(402);
    expect(second.body.error.message).toContain('could cost up to $0.12');
    expect(second.body.error.message).toContain('the highest billed cost recorded for runflow/nano-banana-2 at 2K ($0.12 per image)');
  }, 60_000);

  it('PUT /api/budget refuses what is not a limit, naming the field', async () => {
    const negative = await call<{ error: { code: string; field: string } }>(server, '/api/budget', { method: 'PUT', json: { dailyUsd: -1 } });
    expect(negative.status).toBe(400);
    expect(negative.body.error).toMatchObject({ code: 'invalid_request', field: 'dailyUsd' });
    const unknown = await call<{ error: { field: string; allowed: string[] } }>(server, '/api/budget', { method: 'PUT', json: { weeklyUsd: 3 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'weeklyUsd', allowed: ['dailyUsd', 'monthlyUsd'] });
  });

  it('limits survive a restart, and the environment sets them only while none is stored', async () => {
    await call(server, '/api/budget', { method: 'PUT', json: { dailyUsd: 12.5, monthlyUsd: 80 } });
    await server.stop();
    const environment = { ...providerEnvironment(), STUDIO_BUDGET_DAILY_USD: '1', STUDIO_BUDGET_MONTHLY_USD: '2' };
    server = await startStudioServer({ dataDirectory, environment });
    const stored = await budget(server);
    expect(stored).toMatchObject({ source: 'stored', daily: { limit: 12.5 }, monthly: { limit: 80 } });

    const fresh = await startStudioServer({
      dataDirectory: temporaryDirectory(),
      environment: { STUDIO_BUDGET_DAILY_USD: '3', STUDIO_BUDGET_MONTHLY_USD: '40' },
    });
    try {
      const fromEnvironment = await budget(fresh);
      expect(fromEnvironment).toMatchObject({ source: 'environment', daily: { limit: 3, spent: 0, remaining: 3 }, monthly: { limit: 40 } });
      expect(new Date(fromEnvironment.daily!.resetsAt).getTime()).toBeGreaterThan(Date.now());
    } finally {
      await fresh.stop();
    }
  }, 60_000);
});
