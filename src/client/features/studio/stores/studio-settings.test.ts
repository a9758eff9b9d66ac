import { describe, expect, it } from 'vitest';
import { getOffering, CATALOG_INDEX } from '../../../../catalog/catalog.ts';
import { validateGenerationRequest } from '../../../../catalog/validate.ts';
import { buildGenerationRequest, reconcileSettings, type StudioSettings } from './studio-settings.ts';

const settings: StudioSettings = {
  model: 'nano-banana-2',
  provider: 'runware',
  prompt: 'A fashion collage of reference image 1 and reference image 2',
  resolution: '0.5K',
  aspectRatio: '8:1',
  thinking: 'high',
  webSearch: true,
  imageSearch: true,
  numberResults: 3,
  seedLocked: true,
  seed: 42,
  outputFormat: 'webp',
  temperature: 0.72,
  topP: 0.95,
  systemPrompt: 'Be bold',
  safetyTolerance: 'off',
};

describe('reconcileSettings', () => {
  it('keeps what the new offering supports and names every value it changed', () => {
    const pro = getOffering('runware', 'nano-banana-pro')!;
    const { settings: next, changes } = reconcileSettings(settings, pro, 'Runware · Nano Banana Pro');
    expect(next.model).toBe('nano-banana-pro');
    expect(next.resolution).toBe(pro.defaults.resolution);
    expect(next.thinking).toBeNull();
    expect(next.imageSearch).toBe(false);
    expect(next.webSearch).toBe(true);
    expect(next.temperature).toBe(0.72);
    expect(next.seed).toBe(42);
    expect(next.prompt).toBe(settings.prompt);
    expect(changes).toContain('Thinking is not offered by Runware · Nano Banana Pro; turned off');
    expect(changes).toContain('Resolution 0.5K is not offered by Runware · Nano Banana Pro; now 1K');
    expect(changes).toContain('Image search is not offered by Runware · Nano Banana Pro; turned off');
    expect(changes.some((change) => change.startsWith('Aspect ratio 8:1'))).toBe(true);
  });

  it('changes nothing when the offering supports every value', () => {
    const offering = getOffering('runware', 'nano-banana-2')!;
    expect(reconcileSettings(settings, offering, 'Runware · Nano Banana 2').changes).toEqual([]);
  });
});

describe('buildGenerationRequest', () => {
  it('sends only what the offering supports, so the server accepts it', () => {
    for (const provider of ['local', 'runware', 'runflow', 'aimlapi', 'gemini'] as const) {
      for (const model of ['nano-banana', 'nano-banana-pro', 'nano-banana-2', 'nano-banana-2-lite'] as const) {
        const offering = getOffering(provider, model);
        if (!offering || offering.lifecycle.status === 'retired') continue;
        const adapted = reconcileSettings(settings, offering, offering.id).settings;
        const request = buildGenerationRequest(adapted, offering, ['0b7c1f0e-5d7f-4a3e-9a55-2f0c2a1d9e11'], 7);
        const result = validateGenerationRequest(request, CATALOG_INDEX);
        expect(result.ok ? [] : result.issues, offering.id).toEqual([]);
      }
    }
  });
});
