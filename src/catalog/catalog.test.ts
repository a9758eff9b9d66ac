import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.ts';
import { MODEL_IDS, PROVIDER_IDS, RESOLUTIONS, type Price, type Source } from './types.ts';

describe('the catalog', () => {
  it('is plain JSON data', () => {
    expect(JSON.parse(JSON.stringify(CATALOG))).toEqual(CATALOG);
  });

  it('has every offering the seeds and docs/PROVIDERS.md describe', () => {
    expect(CATALOG.offerings.map((offering) => offering.id).sort()).toEqual(
      [
        'local/nano-banana',
        'local/nano-banana-pro',
        'local/nano-banana-2',
        'local/nano-banana-2-lite',
        'runware/nano-banana',
        'runware/nano-banana-pro',
        'runware/nano-banana-2',
        'runflow/nano-banana-pro',
        'runflow/nano-banana-2',
        'aimlapi/nano-banana-pro',
        'aimlapi/nano-banana-2',
        'gemini/nano-banana',
        'gemini/nano-banana-pro',
        'gemini/nano-banana-2',
        'gemini/nano-banana-2-lite',
      ].sort(),
    );
    expect(CATALOG.models.map((model) => model.id).sort()).toEqual([...MODEL_IDS].sort());
    expect(CATALOG.providers.map((provider) => provider.id)).toEqual([...PROVIDER_IDS]);
  });

  it('has the provider model ids of the documents', () => {
    const ids = Object.fromEntries(CATALOG.offerings.map((offering) => [offering.id, [offering.providerModelId, offering.providerEditModelId]]));
    expect(ids).toMatchObject({
      'runware/nano-banana': ['google:4@1', null],
      'runware/nano-banana-pro': ['google:4@2', null],
      'runware/nano-banana-2': ['google:4@3', null],
      'runflow/nano-banana-2': ['google/nano-banana-2', 'google/nano-banana-2/edit'],
      'runflow/nano-banana-pro': ['google/nano-banana-pro', 'google/nano-banana-pro/edit'],
      'aimlapi/nano-banana-2': ['google/nano-banana-2', null],
      'gemini/nano-banana': ['gemini-2.5-flash-image', null],
      'aimlapi/nano-banana-pro': ['google/nano-banana-pro', 'google/nano-banana-pro-edit'],
      'gemini/nano-banana-pro': ['gemini-3-pro-image', null],
      'gemini/nano-banana-2': ['gemini-3.1-flash-image', null],
      'gemini/nano-banana-2-lite': ['gemini-3.1-flash-lite-image', null],
    });
  });

  it('gives every number a source in this repository', () => {
    const check = (what: string, from: Source | null | undefined) => {
      expect(from, what).toBeTruthy();
      expect(from!.document, what).toMatch(/^(docs\/seeds\/\d{3}_[0-9a-f]{16}\.txt|docs\/(PROVIDERS|API)\.md)$/);
      expect(existsSync(fileURLToPath(new URL(`../../${from!.document}`, import.meta.url))), `${what}: ${from!.document} exists`).toBe(true);
      expect(from!.section.length, what).toBeGreaterThan(3);
    };
    const checkPrice = (what: string, price: Price | null | undefined) => {
      if (!price) return;
      check(what, price.source);
      expect(price.min, what).toBeGreaterThanOrEqual(0);
      if (price.max !== null) expect(price.max, what).toBeGreaterThanOrEqual(price.min);
      if (price.exact) expect([price.min, price.max], what).toEqual([price.expected, price.expected]);
      else expect(price.note, `${what} needs a note`).toBeTruthy();
    };
    for (const offering of CATALOG.offerings) {
      const id = offering.id;
      check(`${id} prompt`, offering.prompt.source);
      check(`${id} references`, offering.referenceImages.source);
      check(`${id} numberResults`, offering.numberResults.source);
      check(`${id} grounding`, offering.grounding.source);
      check(`${id} output formats`, offering.outputFormatSource);
      if (offering.thinkingLevels.length > 0) check(`${id} thinking`, offering.thinkingSource);
      if (offering.seed) check(`${id} seed`, offering.seed.source);
      for (const setting of Object.values(offering.advanced)) check(`${id} advanced`, setting.source);
      for (const entry of offering.sizes) check(`${id} size`, entry.source);
      for (const resolution of offering.resolutions) checkPrice(`${id} ${resolution}`, offering.pricing.perImage[resolution]);
      expect(Object.keys(offering.pricing.perImage).sort(), id).toEqual([...offering.resolutions].sort());
      checkPrice(`${id} per reference`, offering.pricing.perReferenceImage);
      checkPrice(`${id} web search`, offering.pricing.webSearch);
      checkPrice(`${id} image search`, offering.pricing.imageSearch);
      for (const level of offering.thinkingLevels) checkPrice(`${id} thinking ${level}`, offering.pricing.thinking[level]);
      expect(
        offering.resolutions.every((resolution) => RESOLUTIONS.includes(resolution)),
        id,
      ).toBe(true);
      expect(offering.grounding.webSearch, `${id} web search price`).toBe(offering.pricing.webSearch !== null);
      expect(offering.grounding.imageSearch, `${id} image search price`).toBe(offering.pricing.imageSearch !== null);
    }
  });

  it('speaks to designers in notes: no file names, no environment variables', () => {
    const fileLike = /\.(md|txt|ts)\b|seeds?\/|\bseed 00\d|_API_KEY|docs\//i;
    for (const offering of CATALOG.offerings) {
      const notes = [
        ...offering.notes,
        ...offering.pricing.notes,
        offering.lifecycle.note ?? '',
        ...[
          ...Object.values(offering.pricing.perImage),
          offering.pricing.perReferenceImage,
          offering.pricing.webSearch,
          offering.pricing.imageSearch,
          offering.pricing.groundingCombined,
          ...Object.values(offering.pricing.thinking),
        ].map((price) => price?.note ?? ''),
      ];
      for (const note of notes) expect(note, offering.id).not.toMatch(fileLike);
    }
  });

  it('gives every offering a lifecycle, and a replacement and date to what is deprecated or retired', () => {
    for (const offering of CATALOG.offerings) {
      const { status, date, replacement } = offering.lifecycle;
      if (status === 'available') expect([date, replacement], offering.id).toEqual([null, null]);
      else {
        expect(date, offering.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(
          CATALOG.offerings.some((candidate) => candidate.id === replacement && candidate.lifecycle.status === 'available'),
          offering.id,
        ).toBe(true);
        expect(offering.lifecycle.source, offering.id).toBeTruthy();
      }
    }
    expect(CATALOG.offerings.find((offering) => offering.id === 'gemini/nano-banana')!.lifecycle).toMatchObject({
      status: 'retired',
      date: '2026-10-02',
      replacement: 'gemini/nano-banana-2',
    });
  });

  it("gives the local provider the hosted tables at price 0 (Runware's, and the Gemini API's for Lite)", () => {
    for (const model of MODEL_IDS) {
      const local = CATALOG.offerings.find((offering) => offering.id === `local/${model}`)!;
      const runware =
        CATALOG.offerings.find((offering) => offering.id === `runware/${model}`) ?? CATALOG.offerings.find((offering) => offering.id === `gemini/${model}`)!;
      expect(local.sizes).toEqual(runware.sizes);
      expect(local.referenceImages).toEqual(runware.referenceImages);
      expect(local.thinkingLevels).toEqual(runware.thinkingLevels);
      expect(local.grounding).toEqual(runware.grounding);
      expect(local.prompt).toEqual(runware.prompt);
      for (const price of Object.values(local.pricing.perImage)) expect(price.max).toBe(0);
    }
  });
});
