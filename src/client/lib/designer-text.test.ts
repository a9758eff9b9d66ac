import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../catalog/catalog.ts';
import { catalogQueryOptions } from '../api/get-catalog.ts';
import { toDesignerMessage } from './designer-text.ts';
import { queryClient } from './query-client.ts';

// Names come from the served catalog, as in the studio once GET /api/catalog has answered.
beforeAll(() => {
  queryClient.setQueryData(catalogQueryOptions.queryKey, { ...CATALOG, providers: CATALOG.providers.map((provider) => ({ ...provider, configured: true })) });
});

describe('designer wording', () => {
  it('keeps variables and server instructions behind details', () => {
    const message =
      'Runware is not configured: set RUNWARE_API_KEY in the environment or in .env and restart the studio server, ' +
      'or choose a configured provider (local).';
    expect(toDesignerMessage(message)).toEqual({ text: 'Runware is not configured.', detail: message });
  });
  it('names offerings and counts in words', () => {
    expect(toDesignerMessage('prompt is empty; runware/nano-banana needs at least 1 characters').text).toBe(
      'Prompt is empty; Runware · Nano Banana needs at least 1 character',
    );
  });
  it('drops file citations and trims long prices', () => {
    const note = 'AI/ML API publishes no price list (docs/PROVIDERS.md); it bills in credits. The 1K example used 178,975 credits = $0.0894875.';
    const result = toDesignerMessage(note);
    expect(result.text).toBe('AI/ML API publishes no price list; it bills in credits. The 1K example used 178,975 credits = $0.08949.');
    expect(result.detail).toBe(note);
  });
  it('leaves plain messages alone', () => {
    expect(toDesignerMessage('The provider refused the prompt as unsafe.')).toEqual({ text: 'The provider refused the prompt as unsafe.', detail: null });
  });
});
