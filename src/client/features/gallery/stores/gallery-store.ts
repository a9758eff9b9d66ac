import { create } from 'zustand';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import type { GalleryFilters } from '../api/get-generations.ts';

/**
 * A generation the server has not accepted yet (shown as a pending card at
 * once) or that it refused (shown as a failure card with the server's message
 * and Retry).
 */
export interface LocalSubmission {
  localId: string;
  request: GenerationRequest;
  /** ISO time of the click. */
  createdAt: string;
  status: 'submitting' | 'refused';
  error: string | null;
}

interface GalleryState {
  filters: GalleryFilters;
  submissions: LocalSubmission[];
  /** Generations deleted in the UI whose DELETE waits for the undo window. */
  hiddenIds: string[];
  /** The image open in the lightbox (`generationId:imageIndex`), or `null`. */
  openImageKey: string | null;
  /** Show each family of edits as one tile (its newest image, with a count). */
  foldEdits: boolean;
  setFoldEdits: (fold: boolean) => void;
  setFilters: (patch: Partial<GalleryFilters>) => void;
  addSubmission: (submission: LocalSubmission) => void;
  updateSubmission: (localId: string, patch: Partial<LocalSubmission>) => void;
  removeSubmission: (localId: string) => void;
  hide: (id: string) => void;
  unhide: (id: string) => void;
  openImage: (key: string | null) => void;
}

/** Gallery state: filters, local submissions, pending deletions and the open image. */
export const useGalleryStore = create<GalleryState>()((set) => ({
  filters: { q: '', model: '', provider: '' },
  submissions: [],
  hiddenIds: [],
  openImageKey: null,
  foldEdits: false,
  setFoldEdits: (fold) => set({ foldEdits: fold }),
  setFilters: (patch) => set((state) => ({ filters: { ...state.filters, ...patch } })),
  addSubmission: (submission) => set((state) => ({ submissions: [submission, ...state.submissions] })),
  updateSubmission: (localId, patch) =>
    set((state) => ({ submissions: state.submissions.map((entry) => (entry.localId === localId ? { ...entry, ...patch } : entry)) })),
  removeSubmission: (localId) => set((state) => ({ submissions: state.submissions.filter((entry) => entry.localId !== localId) })),
  hide: (id) => set((state) => ({ hiddenIds: [...state.hiddenIds, id] })),
  unhide: (id) => set((state) => ({ hiddenIds: state.hiddenIds.filter((entry) => entry !== id) })),
  openImage: (key) => set({ openImageKey: key }),
}));
