import { describe, expect, it } from 'vitest';
import { getOffering, CATALOG_INDEX } from './catalog.ts';
import { validateGenerationRequest } from './validate.ts';

const PROMPT = 'Same, but at night';
const parent = { generationId: 'generation-1', imageIndex: 0 };
const ids = (count: number) => Array.from({ length: count }, (_, index) => `upload-${String(index).padStart(8, '0')}`);

describe('validateGenerationRequest with a parent (docs/API.md "Editing a result")', () => {
  it('accepts a parent and keeps it on the accepted request', () => {
    const result = validateGenerationRequest({ provider: 'local', model: 'nano-banana-2', prompt: PROMPT, parent }, CATALOG_INDEX);
    expect(result.ok && result.request.parent).toEqual(parent);
  });

  it('counts the parent as reference image 1 against the limit', () => {
    const max = getOffering('local', 'nano-banana')!.referenceImages.max;
    expect(
      validateGenerationRequest({ provider: 'local', model: 'nano-banana', prompt: PROMPT, parent, referenceImages: ids(max - 1) }, CATALOG_INDEX).ok,
    ).toBe(true);
    const result = validateGenerationRequest({ provider: 'local', model: 'nano-banana', prompt: PROMPT, parent, referenceImages: ids(max) }, CATALOG_INDEX);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ field: 'referenceImages', allowed: [0, max - 1] });
    expect(result.issues[0]!.message).toContain('the edited image counts as reference image 1');
  });

  it("picks the provider's edit model for an edit without other references", () => {
    const offering = getOffering('runflow', 'nano-banana-2')!;
    expect(offering.providerEditModelId).not.toBeNull();
    const result = validateGenerationRequest({ provider: 'runflow', model: 'nano-banana-2', prompt: PROMPT, parent }, CATALOG_INDEX);
    expect(result.ok && result.request.providerModelId).toBe(offering.providerEditModelId);
  });

  it('refuses a malformed parent with field parent.*', () => {
    const result = validateGenerationRequest(
      { provider: 'local', model: 'nano-banana-2', prompt: PROMPT, parent: { generationId: 'g', imageIndex: -1 } },
      CATALOG_INDEX,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.field).toBe('parent.imageIndex');
    const extra = validateGenerationRequest({ provider: 'local', model: 'nano-banana-2', prompt: PROMPT, parent: { ...parent, image: 0 } }, CATALOG_INDEX);
    expect(!extra.ok && extra.issues[0]!.field).toBe('parent.image');
  });
});

describe('estimateCost with a parent', () => {
  it('prices the edited image as reference image 1', async () => {
    const { estimateCost } = await import('./estimate.ts');
    const withParent = estimateCost({ provider: 'runware', model: 'nano-banana-2', prompt: PROMPT, parent, referenceImages: ids(1) }, CATALOG_INDEX);
    const twoReferences = estimateCost({ provider: 'runware', model: 'nano-banana-2', prompt: PROMPT, referenceImages: ids(2) }, CATALOG_INDEX);
    expect(withParent).toEqual(twoReferences);
  });
});
