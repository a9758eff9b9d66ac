import { describe, expect, it } from 'vitest';
import { getOffering } from '../../../../catalog/catalog.ts';
import { useStudioStore } from './studio-store.ts';

describe('settings remembered per model and provider', () => {
  it('restores 0.5K, 8:1 and Minimal on Nano Banana 2 after a visit to Pro, and names what Pro changed once', () => {
    const store = useStudioStore;
    const nanoBanana2 = getOffering('local', 'nano-banana-2')!;
    const pro = getOffering('local', 'nano-banana-pro')!;
    store.getState().switchOffering(nanoBanana2, 'Local preview · Nano Banana 2');
    store.getState().setSetting('resolution', '0.5K');
    store.getState().setSetting('aspectRatio', '8:1');
    store.getState().setSetting('thinking', 'minimal');

    store.getState().switchOffering(pro, 'Local preview · Nano Banana Pro');
    const onPro = store.getState();
    expect(onPro.resolution).not.toBe('0.5K');
    expect(onPro.aspectRatio).not.toBe('8:1');
    expect(Object.keys(onPro.adjusted).sort()).toEqual(['aspectRatio', 'resolution', 'thinking']);
    expect(onPro.notice?.lines).toHaveLength(1);
    expect(onPro.notice?.lines[0]).toBe(
      'Local preview · Nano Banana Pro does not take 3 of your settings: resolution 0.5K → 1K, aspect ratio 8:1 → 1:1, thinking Minimal → off.',
    );

    // Touching each changed control clears its mark, and the notice with the last one.
    store.getState().setSetting('resolution', '2K');
    expect(store.getState().notice).not.toBeNull();
    store.getState().setSetting('aspectRatio', '16:9');
    store.getState().setSetting('thinking', null);
    expect(store.getState().adjusted).toEqual({});
    expect(store.getState().notice).toBeNull();

    store.getState().switchOffering(nanoBanana2, 'Local preview · Nano Banana 2');
    const back = store.getState();
    expect([back.resolution, back.aspectRatio, back.thinking]).toEqual(['0.5K', '8:1', 'minimal']);
    expect(back.adjusted).toEqual({});
    expect(back.notice).toBeNull();

    // And Pro kept what was chosen there.
    store.getState().switchOffering(pro, 'Local preview · Nano Banana Pro');
    expect([store.getState().resolution, store.getState().aspectRatio]).toEqual(['2K', '16:9']);
  });
});
