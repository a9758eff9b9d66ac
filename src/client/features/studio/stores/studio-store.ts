import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import type { Offering } from '../../../../catalog/types.ts';
import { offeringOrFallback } from '../../../lib/require-offering.ts';
import {
  pickRemembered,
  reconcileSettings,
  type ReferenceImage,
  type RememberedSettings,
  type SettingAdjustment,
  type StudioSettings,
} from './studio-settings.ts';

/** The most prompts kept in the history (newest first). */
const PROMPT_HISTORY_LIMIT = 50;

/** A polite notice the form announces (aria-live), with a counter so the same text is re-announced. */
export interface StudioNotice {
  id: number;
  /** One sentence per change. */
  lines: string[];
  /** `offering`: says which settings a model or provider switch changed; goes once those controls are touched. */
  kind?: 'offering';
}

/** The image the form edits (edit mode): sent as `parent`, shown as reference image 1. */
export interface EditTarget {
  generationId: string;
  /** 0-based index of the image in its generation. */
  imageIndex: number;
  /** `/api/images/<id>?thumb=1`. */
  thumbnailUrl: string;
  /** The prompt that made the image (shown in the banner). */
  prompt: string;
  /** Size in px. */
  width: number;
  height: number;
}

interface StudioState extends StudioSettings {
  references: ReferenceImage[];
  /** Edit mode: the image being edited, or `null`. */
  editing: EditTarget | null;
  promptHistory: string[];
  advancedOpen: boolean;
  notice: StudioNotice | null;
  /**
   * Settings remembered per offering (`provider/model`) and per model
   * (`model:<id>`), so switching away and back restores what the designer chose.
   */
  remembered: Record<string, RememberedSettings>;
  /** Settings the last switch had to change, by field, until the designer touches them. */
  adjusted: Partial<Record<keyof StudioSettings, SettingAdjustment>>;
  /** Sets any plain setting (and clears its "changed by the switch" mark). */
  setSetting: <Key extends keyof StudioSettings>(key: Key, value: StudioSettings[Key]) => void;
  /** Moves to another offering, keeping what it supports and announcing what changed. */
  switchOffering: (offering: Offering, label: string, extraChanges?: string[]) => void;
  /** Replaces every setting and the references with a stored request's (reuse settings). */
  applyRequest: (request: GenerationRequest, offering: Offering, references: ReferenceImage[], label: string) => void;
  /**
   * Edit mode on an image: the parent's settings (its offering, size and
   * options), an empty prompt for the instruction, no other references.
   */
  startEdit: (target: EditTarget, request: GenerationRequest, offering: Offering, label: string) => void;
  /** Leaves edit mode; the settings stay. */
  stopEditing: () => void;
  addReferences: (references: ReferenceImage[]) => void;
  updateReference: (key: string, patch: Partial<ReferenceImage>) => void;
  removeReference: (key: string) => void;
  moveReference: (from: number, to: number) => void;
  rememberPrompt: (prompt: string) => void;
  setAdvancedOpen: (open: boolean) => void;
  announce: (text: string) => void;
  dismissNotice: () => void;
}

/** Key of the settings remembered for one offering. */
function offeringMemoryKey(provider: string, model: string): string {
  return `${provider}/${model}`;
}

/** Key of the settings remembered for a model on whichever provider was used last. */
function modelMemoryKey(model: string): string {
  return `model:${model}`;
}

/** The notice line of a switch: the offering named once, then each changed value. */
function describeAdjustments(label: string, adjustments: SettingAdjustment[]): string {
  const list = adjustments.map((adjustment) => `${adjustment.name.toLowerCase()} ${adjustment.from} → ${adjustment.to}`).join(', ');
  return `${label} does not take ${adjustments.length === 1 ? 'one of your settings' : `${adjustments.length} of your settings`}: ${list}.`;
}

/** A first visit's settings: Nano Banana 2 on the local preview, 1K 1:1, one PNG image. */
const DEFAULT_SETTINGS: StudioSettings = {
  model: 'nano-banana-2',
  provider: 'local',
  prompt: '',
  resolution: '1K',
  aspectRatio: '1:1',
  thinking: null,
  webSearch: false,
  imageSearch: false,
  numberResults: 1,
  seedLocked: false,
  seed: null,
  outputFormat: 'png',
  temperature: null,
  topP: null,
  systemPrompt: '',
  safetyTolerance: null,
};

let noticeCounter = 0;
function notice(lines: string | string[]): StudioNotice {
  noticeCounter += 1;
  return { id: noticeCounter, lines: typeof lines === 'string' ? [lines] : lines };
}

/** Studio state: the form's settings, the reference tray and the prompt history, kept in localStorage. */
export const useStudioStore = create<StudioState>()(
  persist(
    (set) => ({
      ...DEFAULT_SETTINGS,
      references: [],
      editing: null,
      promptHistory: [],
      advancedOpen: false,
      notice: null,
      remembered: {},
      adjusted: {},
      setSetting: (key, value) =>
        set((state) => {
          if (!(key in state.adjusted)) return { [key]: value };
          const { [key]: _touched, ...adjusted } = state.adjusted;
          const left = Object.keys(adjusted).length;
          // The switch notice goes once every control it named has been touched.
          const staleNotice = state.notice?.kind === 'offering' && left === 0;
          return { [key]: value, adjusted, ...(staleNotice ? { notice: null } : {}) };
        }),
      switchOffering: (offering, label, extraChanges = []) =>
        set((state) => {
          // Remember what the designer had on the offering (and model) being left...
          const leaving = pickRemembered(state);
          const remembered = {
            ...state.remembered,
            [offeringMemoryKey(state.provider, state.model)]: leaving,
            [modelMemoryKey(state.model)]: leaving,
          };
          // ...and restore what they had on the one they come to: this offering's, else this model's, else carry over.
          const restored = remembered[offeringMemoryKey(offering.provider, offering.model)] ?? remembered[modelMemoryKey(offering.model)];
          const base: StudioSettings = { ...state, ...(restored ?? {}) };
          const { settings, adjustments } = reconcileSettings(base, offering, label);
          const lines = [...extraChanges.map((line) => `${line}.`)];
          if (adjustments.length > 0) lines.push(describeAdjustments(label, adjustments));
          // References and the prompt are never dropped; the form flags them until the user decides.
          const max = offering.referenceImages.max;
          if (state.references.length > max) {
            lines.push(`It takes at most ${max} reference images: remove ${state.references.length - max} before generating.`);
          }
          if (offering.prompt.max !== null && state.prompt.length > offering.prompt.max) {
            const most = offering.prompt.max.toLocaleString('en-US');
            lines.push(
              `It takes prompts of at most ${most} characters: shorten this one by ${(state.prompt.length - offering.prompt.max).toLocaleString('en-US')}.`,
            );
          }
          const adjusted = Object.fromEntries(adjustments.map((adjustment) => [adjustment.field, adjustment]));
          const nextNotice = lines.length > 0 ? { ...notice(lines), kind: 'offering' as const } : state.notice?.kind === 'offering' ? null : state.notice;
          return { ...settings, remembered, adjusted, notice: nextNotice };
        }),
      applyRequest: (request, offering, references, label) =>
        set((state) => {
          const base: StudioSettings = {
            ...DEFAULT_SETTINGS,
            model: request.model,
            provider: request.provider,
            prompt: request.prompt,
            resolution: request.resolution ?? offering.defaults.resolution,
            aspectRatio: request.aspectRatio ?? offering.defaults.aspectRatio,
            thinking: request.thinking ?? null,
            webSearch: request.webSearch ?? false,
            imageSearch: request.imageSearch ?? false,
            numberResults: request.numberResults ?? offering.defaults.numberResults,
            seedLocked: request.seed !== undefined && state.seedLocked,
            seed: request.seed ?? null,
            outputFormat: request.outputFormat ?? offering.defaults.outputFormat,
            temperature: request.advanced?.temperature ?? null,
            topP: request.advanced?.topP ?? null,
            systemPrompt: request.advanced?.systemPrompt ?? '',
            safetyTolerance: request.advanced?.safetyTolerance ?? null,
          };
          const { settings } = reconcileSettings(base, offering, label);
          return {
            ...settings,
            adjusted: {},
            references,
            advancedOpen: state.advancedOpen || Boolean(request.advanced && Object.keys(request.advanced).length > 0),
            notice: notice(
              `Settings of this image loaded: ${label}, ${settings.resolution}, ${settings.aspectRatio}, ` +
                `${references.length} reference image${references.length === 1 ? '' : 's'}.`,
            ),
          };
        }),
      startEdit: (target, request, offering, label) =>
        set((state) => {
          const base: StudioSettings = {
            ...DEFAULT_SETTINGS,
            model: request.model,
            provider: request.provider,
            prompt: '',
            resolution: request.resolution ?? offering.defaults.resolution,
            aspectRatio: request.aspectRatio ?? offering.defaults.aspectRatio,
            thinking: request.thinking ?? null,
            webSearch: request.webSearch ?? false,
            imageSearch: request.imageSearch ?? false,
            numberResults: 1,
            outputFormat: request.outputFormat ?? offering.defaults.outputFormat,
            temperature: request.advanced?.temperature ?? null,
            topP: request.advanced?.topP ?? null,
            systemPrompt: request.advanced?.systemPrompt ?? '',
            safetyTolerance: request.advanced?.safetyTolerance ?? null,
          };
          const { settings } = reconcileSettings(base, offering, label);
          return {
            ...settings,
            references: [],
            editing: target,
            advancedOpen: state.advancedOpen,
            notice: notice(`Editing this image on ${label}: it is reference image 1. Describe the change and press Ctrl+Enter.`),
          };
        }),
      stopEditing: () => set({ editing: null, notice: notice('Edit mode ended.') }),
      addReferences: (references) => set((state) => ({ references: [...state.references, ...references] })),
      updateReference: (key, patch) =>
        set((state) => ({ references: state.references.map((reference) => (reference.key === key ? { ...reference, ...patch } : reference)) })),
      removeReference: (key) => set((state) => ({ references: state.references.filter((reference) => reference.key !== key) })),
      moveReference: (from, to) =>
        set((state) => {
          if (to < 0 || to >= state.references.length || from === to) return state;
          const references = [...state.references];
          const [moved] = references.splice(from, 1);
          if (!moved) return state;
          references.splice(to, 0, moved);
          return { references };
        }),
      rememberPrompt: (prompt) =>
        set((state) => {
          const text = prompt.trim();
          if (!text) return state;
          return { promptHistory: [text, ...state.promptHistory.filter((entry) => entry !== text)].slice(0, PROMPT_HISTORY_LIMIT) };
        }),
      setAdvancedOpen: (open) => set({ advancedOpen: open }),
      announce: (text) => set({ notice: notice(text) }),
      dismissNotice: () => set((state) => ({ notice: null, adjusted: state.notice?.kind === 'offering' ? {} : state.adjusted })),
    }),
    {
      name: 'banana-studio:studio',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Restored by hydrateStudioSettings once the served catalog has loaded (CatalogGate), not at start-up:
      // a remembered setting the catalog no longer offers is replaced quietly then.
      skipHydration: true,
      merge: (persisted, current) => {
        const merged = { ...current, ...(persisted as Partial<StudioState>) };
        const offering = offeringOrFallback(merged.provider, merged.model);
        return { ...merged, ...reconcileSettings(merged, offering, offering.id).settings };
      },
      partialize: (state) => {
        const { notice: _notice, adjusted: _adjusted, editing: _editing, references, ...rest } = state;
        const settings = Object.fromEntries(Object.entries(rest).filter(([, value]) => typeof value !== 'function'));
        // Only uploaded references survive a reload; one still uploading is lost with its upload.
        return { ...settings, references: references.filter((reference) => reference.status === 'ready' && reference.uploadId) };
      },
    },
  ),
);

/**
 * Restores the form's remembered settings from localStorage (once; later calls do nothing), checking each against the
 * served catalog. Called by CatalogGate when `GET /api/catalog` has answered.
 *
 * @throws Error when called before the catalog has loaded.
 */
export function hydrateStudioSettings(): void {
  if (useStudioStore.persist.hasHydrated()) return;
  void useStudioStore.persist.rehydrate();
}

/** Whether the remembered settings have been restored (`hydrateStudioSettings`); re-renders when they are. */
export function useStudioSettingsHydrated(): boolean {
  return useSyncExternalStore(useStudioStore.persist.onFinishHydration, useStudioStore.persist.hasHydrated);
}
