import { describe, expect, it } from 'vitest';
import { CATALOG_INDEX } from '../../../../catalog/catalog.ts';
import { planExperiment } from './use-experiment-plan.ts';

const base = {
  provider: 'local' as const,
  model: 'nano-banana-2' as const,
  prompt: 'A pear',
  resolution: '1K' as const,
  aspectRatio: '3:2' as const,
  numberResults: 1,
};
const state = {
  base,
  mode: 'grid' as const,
  rows: { kind: 'model' as const, values: ['nano-banana-2', 'nano-banana-pro'] },
  columns: { kind: 'provider' as const, values: ['local', 'runware'] },
  seeds: [11, 22],
  secondPrompt: 'A plum',
  list: [],
  name: ' Pears ',
};

describe('planExperiment', () => {
  it('is the product of rows and columns, row-major, each cell priced by the catalog', () => {
    const plan = planExperiment(state, new Set(['local', 'runware']), CATALOG_INDEX);
    expect(plan.cells.map((cell) => cell.offeringLabel)).toEqual([
      'Local preview · Nano Banana Pro',
      'Runware · Nano Banana Pro',
      'Local preview · Nano Banana 2',
      'Runware · Nano Banana 2',
    ]);
    expect(plan.rowLabels).toEqual(['Nano Banana Pro', 'Nano Banana 2']);
    expect(plan.columnLabels).toEqual(['Local preview', 'Runware']);
    expect(plan.cells.every((cell) => cell.disabledReason === null && cell.estimate !== null)).toBe(true);
    expect(plan.total.expected).toBeCloseTo(
      plan.cells.reduce((sum, cell) => sum + (cell.estimate?.total ?? 0), 0),
      8,
    );
    expect(plan.body).toMatchObject({ name: 'Pears', layout: { columns: 2, rowLabels: plan.rowLabels, columnLabels: plan.columnLabels } });
    // Laid over the base as the server does (docs/API.md "Experiments": field by field, null removes), each variant gives the request the plan checked.
    plan.body!.variants.forEach((variant, index) => {
      const laid = Object.fromEntries(Object.entries({ ...plan.body!.base, ...variant }).filter(([, value]) => value !== null));
      expect(laid).toEqual(plan.cells[index]!.request);
    });
  });

  it('keeps cells an offering cannot do, disabled with the reason, and leaves them out of the body', () => {
    const plan = planExperiment({ ...state, columns: { kind: 'provider', values: ['local', 'gemini'] } }, new Set(['local']), CATALOG_INDEX);
    const disabled = plan.cells.filter((cell) => cell.disabledReason !== null);
    expect(disabled).toHaveLength(2);
    expect(disabled[0]!.disabledReason).toMatch(/Gemini API is not set up/);
    expect(plan.body!.variants).toHaveLength(2);
    expect(plan.body!.layout).toEqual({ columns: 2 });

    const thinking = planExperiment(
      { ...state, rows: { kind: 'thinking', values: ['high'] }, columns: { kind: 'model', values: ['nano-banana-pro'] } },
      new Set(['local']),
      CATALOG_INDEX,
    );
    expect(thinking.cells[0]!.disabledReason).toMatch(/thinking/);
    expect(thinking.blocker).toMatch(/No cell can run/);
    expect(thinking.body).toBeNull();
  });

  it('leaves base settings an offering lacks out of its cells, and says so when they were on', () => {
    const plan = planExperiment({ ...state, base: { ...base, thinking: 'high', webSearch: false } }, new Set(['local', 'runware']), CATALOG_INDEX);
    const pro = plan.cells[0]!;
    expect(pro.variant).toMatchObject({ thinking: null });
    expect(pro.request).not.toHaveProperty('thinking');
    expect(pro.adaptations).toContain('No thinking here');
    expect(pro.adaptations).not.toContain('No web search here');
    expect(pro.disabledReason).toBeNull();
  });

  it('refuses more than 24 cells and an empty prompt before anything is sent', () => {
    const seeds = Array.from({ length: 5 }, (_value, index) => index);
    const big = planExperiment(
      {
        ...state,
        rows: { kind: 'seed', values: seeds.map((index) => `seed-${index}`) },
        columns: { kind: 'aspectRatio', values: ['1:1', '3:2', '2:3', '4:3', '3:4', '16:9'] },
        seeds,
      },
      new Set(['local']),
      CATALOG_INDEX,
    );
    expect(big.cells).toHaveLength(30);
    expect(big.blocker).toMatch(/at most 24/);
    expect(big.body).toBeNull();
    expect(planExperiment({ ...state, base: { ...base, prompt: '  ' } }, new Set(['local']), CATALOG_INDEX).blocker).toBe('Write a prompt first.');
  });

  it('lays the free list out as variants, and a second prompt as an axis', () => {
    const list = planExperiment(
      { ...state, mode: 'list', list: [{ key: 'a', model: 'nano-banana-pro', provider: 'local', resolution: '2K', aspectRatio: '1:1', thinking: 'off' }] },
      new Set(['local']),
      CATALOG_INDEX,
    );
    expect(list.cells[0]!.request).toMatchObject({ model: 'nano-banana-pro', resolution: '2K', aspectRatio: '1:1' });
    const prompts = planExperiment(
      { ...state, rows: { kind: 'prompt', values: ['first', 'second'] }, columns: { kind: 'none', values: [] } },
      new Set(['local']),
      CATALOG_INDEX,
    );
    expect(prompts.cells.map((cell) => cell.request.prompt)).toEqual(['A pear', 'A plum']);
  });
});
