import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../api/types.ts';
import { arrangeByLineage, requestToRepeat } from './lineage-order.ts';

/** A finished generation with one image; `parent` names the generation it edits. */
function generation(id: string, parent: string | null = null, status: Generation['status'] = 'succeeded'): Generation {
  return {
    id,
    createdAt: '',
    status,
    offeringId: 'local/nano-banana-2',
    usage: null,
    finishedAt: null,
    computedCost: null,
    computedCostBasis: null,
    request: {
      provider: 'local',
      model: 'nano-banana-2',
      prompt: id,
      resolution: '1K',
      aspectRatio: '1:1',
      referenceImages: [],
      numberResults: 1,
      outputFormat: 'png',
      providerModelId: 'x',
    },
    estimatedCost: { currency: 'USD', total: 0, min: 0, max: 0 },
    actualCost: 0,
    warnings: [],
    error: null,
    durationMs: 1,
    images: status === 'succeeded' ? [{ id: `${id}-image`, url: '', thumbnailUrl: '', width: 1, height: 1, seed: 1, mimeType: 'image/png' }] : [],
    parent: parent === null ? null : { generationId: parent, imageIndex: 0 },
    experimentId: null,
    experimentCell: null,
  };
}

const ids = (arranged: ReturnType<typeof arrangeByLineage>) =>
  arranged.map((entry) => `${entry.generation.id}${entry.foldedEdits ? `+${entry.foldedEdits}` : ''}`);

describe('arrangeByLineage', () => {
  // Newest first, as the server lists them: root R, its edits A and B (B newer), A's edit A1, and an unrelated X.
  const newestFirst = [generation('B', 'R'), generation('A1', 'A'), generation('X'), generation('A', 'R'), generation('R')];

  it('puts a family where its newest member is, root first, each edit right after what it edits (newest edit first)', () => {
    expect(ids(arrangeByLineage(newestFirst, false))).toEqual(['R', 'B', 'A', 'A1', 'X']);
  });

  it('folds a family into its newest finished member with the count of the others', () => {
    expect(ids(arrangeByLineage(newestFirst, true))).toEqual(['B+3', 'X']);
  });

  it('keeps a running edit visible when folded, and treats an edit whose parent is not loaded (or deleted) as its own root', () => {
    const list = [generation('C', 'R', 'running'), generation('Z', 'gone'), generation('R')];
    expect(ids(arrangeByLineage(list, true))).toEqual(['C', 'R+1', 'Z']);
    expect(ids(arrangeByLineage(list, false))).toEqual(['R', 'C', 'Z']);
  });
});

describe('requestToRepeat', () => {
  it('repeats an edit as an edit of its parent, and anything else as stored', () => {
    const edit = generation('E', 'R');
    edit.request.referenceImages = ['parent-upload', 'own-reference'];
    expect(requestToRepeat(edit)).toMatchObject({ referenceImages: ['own-reference'], parent: { generationId: 'R', imageIndex: 0 } });
    const orphan = { ...edit, parent: { generationId: null, imageIndex: 0 } };
    expect(requestToRepeat(orphan)).toBe(orphan.request);
  });
});
