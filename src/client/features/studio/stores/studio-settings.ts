/**
 * The studio form's settings and the rules that keep them inside an
 * offering's capability table (src/catalog). Pure functions, no React.
 */
import type { AspectRatio, ModelId, Offering, OutputFormat, ProviderId, Resolution, ThinkingLevel } from '../../../../catalog/types.ts';
import type { GenerationRequest } from '../../../../catalog/request.ts';

/** What the form holds, whether or not the chosen offering uses every value. */
export interface StudioSettings {
  model: ModelId;
  provider: ProviderId;
  prompt: string;
  resolution: Resolution;
  aspectRatio: AspectRatio;
  /** `null`: not sent, the provider's default level. */
  thinking: ThinkingLevel | null;
  webSearch: boolean;
  imageSearch: boolean;
  numberResults: number;
  /** Locked: `seed` is sent; random: a fresh seed is drawn at each Generate. */
  seedLocked: boolean;
  seed: number | null;
  outputFormat: OutputFormat;
  /** `null`: not sent, the provider's default. */
  temperature: number | null;
  topP: number | null;
  /** Empty: not sent. */
  systemPrompt: string;
  safetyTolerance: string | null;
}

/** A reference image in the tray, in the order the prompt numbers them. */
export interface ReferenceImage {
  /** Local key for React and reordering. */
  key: string;
  /** `POST /api/uploads` id once uploaded. */
  uploadId: string | null;
  name: string;
  /** A small data: URL made in the browser, or a server thumbnail URL. */
  thumbnailUrl: string;
  /** px, as uploaded (after scaling down). */
  width: number | null;
  height: number | null;
  status: 'preparing' | 'uploading' | 'ready' | 'failed';
  /** Upload progress, 0..1. */
  progress: number;
  error: string | null;
}

/** A setting the form had to change (or stop sending) because an offering does not take its value. */
export interface SettingAdjustment {
  field: keyof StudioSettings;
  /** The control's name as the form shows it: "Aspect ratio". */
  name: string;
  /** The value before, as shown: "8:1", "Minimal", "on". */
  from: string;
  /** The value now: "1:1", "Auto", "off", or "not sent". */
  to: string;
}

/** The settings remembered per offering and per model (the prompt, references and seed are shared). */
const REMEMBERED_FIELDS = [
  'resolution',
  'aspectRatio',
  'thinking',
  'webSearch',
  'imageSearch',
  'numberResults',
  'outputFormat',
  'temperature',
  'topP',
  'safetyTolerance',
] as const satisfies ReadonlyArray<keyof StudioSettings>;

/** What is remembered of the form for one offering or model. */
export type RememberedSettings = Pick<StudioSettings, (typeof REMEMBERED_FIELDS)[number]>;

/** Picks the remembered fields out of the settings. */
export function pickRemembered(settings: StudioSettings): RememberedSettings {
  return Object.fromEntries(REMEMBERED_FIELDS.map((field) => [field, settings[field]])) as RememberedSettings;
}

const FIELD_NAMES: Partial<Record<keyof StudioSettings, string>> = {
  resolution: 'Resolution',
  aspectRatio: 'Aspect ratio',
  thinking: 'Thinking',
  webSearch: 'Web search',
  imageSearch: 'Image search',
  numberResults: 'Number of images',
  seed: 'Seed',
  outputFormat: 'Output format',
  temperature: 'Temperature',
  topP: 'Top-p',
  systemPrompt: 'System instruction',
  safetyTolerance: 'Safety tolerance',
};

function describeValue(field: keyof StudioSettings, value: unknown): string {
  if (field === 'thinking') return thinkingName(value as ThinkingLevel | null);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === null) return 'default';
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return field === 'outputFormat' ? text.toUpperCase() : text;
}

/** "Runware · Nano Banana Pro" */
export function offeringLabel(providerName: string, modelName: string): string {
  return `${providerName} · ${modelName}`;
}

const THINKING_NAMES: Record<ThinkingLevel, string> = { minimal: 'Minimal', high: 'High' };
/** The thinking level as the form shows it: "Auto" (not sent), "Minimal", "High". */
export function thinkingName(level: ThinkingLevel | null): string {
  return level ? THINKING_NAMES[level] : 'Auto';
}

/**
 * Keeps every value `offering` supports and replaces the others with the
 * offering's default (or turns them off), returning the sentences that say
 * what changed ("Thinking is not offered by Runware · Nano Banana Pro; turned off").
 * Reference images and the prompt are never dropped: the form flags them instead.
 */
export function reconcileSettings(
  settings: StudioSettings,
  offering: Offering,
  label: string,
): { settings: StudioSettings; changes: string[]; adjustments: SettingAdjustment[] } {
  const next = { ...settings, model: offering.model, provider: offering.provider };
  const changes: string[] = [];
  if (!offering.resolutions.includes(next.resolution)) {
    const replacement = offering.defaults.resolution;
    changes.push(`Resolution ${next.resolution} is not offered by ${label}; now ${replacement}`);
    next.resolution = replacement;
  }
  if (!offering.aspectRatios.includes(next.aspectRatio)) {
    const replacement = offering.defaults.aspectRatio;
    changes.push(`Aspect ratio ${next.aspectRatio} is not offered by ${label}; now ${replacement}`);
    next.aspectRatio = replacement;
  }
  if (next.thinking !== null && !offering.thinkingLevels.includes(next.thinking)) {
    changes.push(
      offering.thinkingLevels.length === 0
        ? `Thinking is not offered by ${label}; turned off`
        : `Thinking ${thinkingName(next.thinking)} is not offered by ${label}; now Auto`,
    );
    next.thinking = null;
  }
  if (next.webSearch && !offering.grounding.webSearch) {
    changes.push(`Web search is not offered by ${label}; turned off`);
    next.webSearch = false;
  }
  if (next.imageSearch && !offering.grounding.imageSearch) {
    changes.push(`Image search is not offered by ${label}; turned off`);
    next.imageSearch = false;
  }
  const { min: fewest, max: most } = offering.numberResults;
  if (next.numberResults > most || next.numberResults < fewest) {
    const replacement = Math.min(most, Math.max(fewest, next.numberResults));
    changes.push(`${next.numberResults} images at once are not offered by ${label}; now ${replacement}`);
    next.numberResults = replacement;
  }
  if (next.seedLocked && offering.seed === null) {
    changes.push(`Seed is not offered by ${label}; it will not be sent`);
  } else if (next.seedLocked && next.seed !== null && offering.seed) {
    const { min, max } = offering.seed;
    if (next.seed < min || (max !== null && next.seed > max)) {
      const replacement = Math.min(max ?? next.seed, Math.max(min, next.seed));
      changes.push(`Seed ${next.seed} is outside ${label}'s range; now ${replacement}`);
      next.seed = replacement;
    }
  }
  if (!offering.outputFormats.includes(next.outputFormat)) {
    const replacement = offering.defaults.outputFormat;
    changes.push(`Output format ${next.outputFormat.toUpperCase()} is not offered by ${label}; now ${replacement.toUpperCase()}`);
    next.outputFormat = replacement;
  }
  const advanced = offering.advanced;
  if (next.temperature !== null) {
    if (!advanced.temperature) {
      changes.push(`Temperature is not offered by ${label}; back to the default`);
      next.temperature = null;
    } else if (next.temperature < advanced.temperature.min || next.temperature > advanced.temperature.max) {
      next.temperature = Math.min(advanced.temperature.max, Math.max(advanced.temperature.min, next.temperature));
      changes.push(`Temperature is limited on ${label}; now ${next.temperature}`);
    }
  }
  if (next.topP !== null) {
    if (!advanced.topP) {
      changes.push(`Top-p is not offered by ${label}; back to the default`);
      next.topP = null;
    } else if (next.topP < advanced.topP.min || next.topP > advanced.topP.max) {
      next.topP = Math.min(advanced.topP.max, Math.max(advanced.topP.min, next.topP));
      changes.push(`Top-p is limited on ${label}; now ${next.topP}`);
    }
  }
  if (next.systemPrompt.trim() && !advanced.systemPrompt) {
    changes.push(`System prompt is not offered by ${label}; kept but not sent`);
  }
  if (next.safetyTolerance !== null && !advanced.safetyTolerance?.values.includes(next.safetyTolerance)) {
    changes.push(
      advanced.safetyTolerance
        ? `Safety tolerance ${next.safetyTolerance} is not offered by ${label}; back to the default`
        : `Safety tolerance is not offered by ${label}; back to the default`,
    );
    next.safetyTolerance = null;
  }
  const adjustments: SettingAdjustment[] = [];
  for (const [field, name] of Object.entries(FIELD_NAMES) as Array<[keyof StudioSettings, string]>) {
    if (next[field] !== settings[field]) {
      const to = field === 'thinking' && offering.thinkingLevels.length === 0 ? 'off' : describeValue(field, next[field]);
      adjustments.push({ field, name, from: describeValue(field, settings[field]), to });
    }
  }
  if (settings.seedLocked && offering.seed === null) adjustments.push({ field: 'seed', name: 'Seed', from: String(settings.seed ?? ''), to: 'not sent' });
  if (settings.systemPrompt.trim() && !advanced.systemPrompt) {
    adjustments.push({ field: 'systemPrompt', name: 'System instruction', from: 'set', to: 'not sent' });
  }
  return { settings: next, changes, adjustments };
}

/**
 * The GenerationRequest the form sends for `offering`: only what the offering
 * supports, so the server never has to refuse a hidden setting. `seed` is the
 * seed to send when the seed is random (drawn by the caller) or `null` to omit it.
 */
export function buildGenerationRequest(
  settings: StudioSettings,
  offering: Offering,
  referenceUploadIds: string[],
  randomSeed: number | null = null,
): GenerationRequest {
  const request: GenerationRequest = {
    provider: offering.provider,
    model: offering.model,
    prompt: settings.prompt,
    resolution: settings.resolution,
    aspectRatio: settings.aspectRatio,
    numberResults: settings.numberResults,
    outputFormat: settings.outputFormat,
  };
  if (referenceUploadIds.length > 0) request.referenceImages = referenceUploadIds;
  if (offering.seed) {
    if (settings.seedLocked && settings.seed !== null) request.seed = settings.seed;
    else if (randomSeed !== null) request.seed = randomSeed;
  }
  if (settings.thinking && offering.thinkingLevels.includes(settings.thinking)) request.thinking = settings.thinking;
  if (offering.grounding.webSearch) request.webSearch = settings.webSearch;
  if (offering.grounding.imageSearch) request.imageSearch = settings.imageSearch;
  const advanced: NonNullable<GenerationRequest['advanced']> = {};
  if (settings.temperature !== null && offering.advanced.temperature) advanced.temperature = settings.temperature;
  if (settings.topP !== null && offering.advanced.topP) advanced.topP = settings.topP;
  if (settings.systemPrompt.trim() && offering.advanced.systemPrompt) advanced.systemPrompt = settings.systemPrompt;
  if (settings.safetyTolerance !== null && offering.advanced.safetyTolerance) advanced.safetyTolerance = settings.safetyTolerance;
  if (Object.keys(advanced).length > 0) request.advanced = advanced;
  return request;
}

/** A random seed inside the offering's range (max defaults to 2^31 - 1 where none is published). */
export function drawRandomSeed(offering: Offering): number | null {
  if (!offering.seed) return null;
  const min = Math.max(0, offering.seed.min);
  const max = Math.min(offering.seed.max ?? 2_147_483_647, 2_147_483_647);
  return min + Math.floor(Math.random() * (max - min + 1));
}
