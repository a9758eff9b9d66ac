import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunwareFake } from '../testing/fakes/runware-fake.ts';
import type { FakeProviderServer } from '../testing/fakes/fake-server.ts';
import { FAST_ADAPTER_SETTINGS } from '../testing/fast-adapter-settings.ts';
import { loadConfig } from '../config.ts';
import { createGenerations, prepareGeneration } from '../generations/create-generation.ts';
import { createStudio, type Studio } from '../studio.ts';
import { ApiError } from '../api-error.ts';
import { setBudgetLimits } from './budget-limits.ts';

/*
 * Budget limits read from the environment, and the batch path experiments use through an in-process studio
 * against the fake Runware server. Budgets, ledger and drift through the real server (a child process) are in
 * budget-server.integration.test.ts.
 */

/** Runware Nano Banana 2 at 1K, no references: seed 000 "Pricing" $0.06895, exact. */
const RUNWARE_1K = 0.06895;
const RUNWARE_REQUEST = { provider: 'runware', model: 'nano-banana-2', prompt: 'A lemon-yellow vintage scooter on a quiet street', resolution: '1K' };

let runware: FakeProviderServer;
let directory: string;

beforeAll(async () => {
  runware = await startRunwareFake();
  directory = mkdtempSync(join(tmpdir(), 'studio-budget-test-'));
});

afterAll(async () => {
  // Unset when beforeAll failed, which the declared types cannot say.
  await (runware as FakeProviderServer | undefined)?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('budget limits from the environment', () => {
  it('are read at start-up, and a value that is not an amount stops start-up naming the variable', () => {
    expect(loadConfig({ STUDIO_BUDGET_DAILY_USD: '5', STUDIO_BUDGET_MONTHLY_USD: '' }, directory).budgetLimits).toEqual({ dailyUsd: 5, monthlyUsd: null });
    expect(() => loadConfig({ STUDIO_BUDGET_DAILY_USD: 'five' }, directory)).toThrow(/STUDIO_BUDGET_DAILY_USD must be an amount in US dollars/);
    expect(() => loadConfig({ STUDIO_BUDGET_MONTHLY_USD: '-3' }, directory)).toThrow(/STUDIO_BUDGET_MONTHLY_USD/);
  });
});

describe('a batch of generations (the experiments path) against the budget', () => {
  let studio: Studio;

  beforeAll(() => {
    const environment = { RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url, STUDIO_DATA_DIR: directory };
    studio = createStudio(loadConfig(environment, directory), { adapterSettings: FAST_ADAPTER_SETTINGS, log: () => {} });
  });

  afterAll(async () => {
    // Unset when beforeAll failed, which the declared types cannot say.
    await (studio as Studio | undefined)?.close();
  });

  it('is refused whole when it would pass a limit, and accepted whole when it fits', async () => {
    runware.resetCalls();
    setBudgetLimits(studio.database, studio.config, { dailyUsd: 3 * RUNWARE_1K + 0.01, monthlyUsd: null });
    const cells = [0, 1, 2, 3].map((index) => prepareGeneration(studio, { ...RUNWARE_REQUEST, prompt: `${RUNWARE_REQUEST.prompt}, cell ${index}` }));
    const refusal = await createGenerations(studio, cells).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 402, code: 'budget_exceeded' });
    expect((refusal as ApiError).message).toContain('These 4 generations could cost up to $0.2758');
    expect(studio.generations.listGenerations({ limit: 10 }).items).toHaveLength(0);
    expect(runware.calls).toHaveLength(0);

    const fitting = await createGenerations(studio, cells.slice(0, 3));
    expect(fitting).toHaveLength(3);
    await Promise.all(fitting.map((generation) => studio.runner.waitForGeneration(generation.id)));
    expect(fitting.map((generation) => studio.generations.getGenerationById(generation.id)!.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(runware.calls.filter((item) => item.kind === 'submit')).toHaveLength(3);
  }, 60_000);
});
