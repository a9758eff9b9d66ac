import type { GenerationRequest } from '../../../../catalog/request.ts';
import type { Generation } from '../../../api/types.ts';

/** A generation placed in the gallery, and how many edits are folded under it (0 when none or not folded). */
export interface ArrangedGeneration {
  generation: Generation;
  foldedEdits: number;
}

/**
 * Orders loaded generations (newest first) so edits sit beside what they
 * edit. Each family (a root and its edits, as far as they are loaded) takes
 * the place of its newest member; inside it the root comes first, then each
 * generation's edits, newest first, right after it (so a new edit appears
 * next to its parent). With `fold`, a family shows only its newest finished
 * member with the count of the others (unfinished members stay visible).
 */
export function arrangeByLineage(generations: Generation[], fold: boolean): ArrangedGeneration[] {
  const byId = new Map(generations.map((generation) => [generation.id, generation]));
  const rootOf = (generation: Generation): string => {
    let current = generation;
    const seen = new Set<string>();
    while (current.parent?.generationId && byId.has(current.parent.generationId) && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = byId.get(current.parent.generationId);
      if (!parent) break;
      current = parent;
    }
    return current.id;
  };
  const families = new Map<string, Generation[]>();
  const children = new Map<string, Generation[]>();
  for (const generation of generations) {
    const root = rootOf(generation);
    const members = families.get(root) ?? [];
    members.push(generation);
    families.set(root, members);
    const parentId = generation.parent?.generationId;
    if (parentId && byId.has(parentId) && generation.id !== root) {
      const list = children.get(parentId) ?? [];
      list.push(generation);
      children.set(parentId, list);
    }
  }
  const arranged: ArrangedGeneration[] = [];
  for (const [rootId, members] of families) {
    const [first] = members;
    if (!first) continue;
    if (members.length === 1) {
      arranged.push({ generation: first, foldedEdits: 0 });
      continue;
    }
    if (fold) {
      const finished = members.filter((member) => member.status === 'succeeded' && member.images.length > 0);
      const shown = finished[0] ?? first;
      for (const member of members) {
        if (member === shown) arranged.push({ generation: member, foldedEdits: members.length - 1 });
        else if (member.status === 'queued' || member.status === 'running') arranged.push({ generation: member, foldedEdits: 0 });
      }
      continue;
    }
    const visit = (generation: Generation) => {
      arranged.push({ generation, foldedEdits: 0 });
      for (const child of children.get(generation.id) ?? []) visit(child);
    };
    const root = byId.get(rootId);
    if (root) visit(root);
  }
  return arranged;
}

/**
 * The request that repeats a generation (Run again, Retry). An edit whose
 * parent still exists is repeated as an edit of that parent (its stored
 * reference image 1 is the parent image, so it becomes `parent` again and
 * Gemini continues the conversation); anything else as stored.
 */
export function requestToRepeat(generation: Generation): GenerationRequest {
  const { request, parent } = generation;
  if (!parent?.generationId) return request;
  return { ...request, referenceImages: request.referenceImages.slice(1), parent: { generationId: parent.generationId, imageIndex: parent.imageIndex } };
}
