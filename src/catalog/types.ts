/**
 * The catalog's types: models, providers, offerings (a provider + model pair),
 * their capability tables and their prices. Everything here is plain,
 * JSON-serialisable data so that the server can serve it unchanged at
 * `GET /api/catalog` and the browser can use the very same tables.
 *
 * Units: sizes in px, money in US dollars (USD) as JSON numbers, lengths in
 * characters (UTF-16 code units, as `String.prototype.length` counts them).
 */

/**
 * The studio's model ids (docs/API.md "Identifiers"), plus `nano-banana-2-lite`
 * (Gemini 3.1 Flash Lite Image, docs/PROVIDERS.md "Corrections and new facts").
 */
export const MODEL_IDS = ['nano-banana', 'nano-banana-pro', 'nano-banana-2', 'nano-banana-2-lite'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The studio's provider ids (docs/API.md "Identifiers"). `local` is the built-in offline preview. */
export const PROVIDER_IDS = ['local', 'runware', 'runflow', 'aimlapi', 'gemini'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Output resolution tiers, as the providers name them (seed 000 "resolution": 0.5K 1K 2K 4K). */
export const RESOLUTIONS = ['0.5K', '1K', '2K', '4K'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/**
 * Aspect ratios as `W:H` strings, in the order the seed 000 size table lists
 * them, plus `auto` (seed 002 `aspect_ratio`: "Use 'auto' to let the model decide").
 */
export const ASPECT_RATIOS = ['1:1', '3:2', '2:3', '4:3', '3:4', '4:5', '5:4', '9:16', '16:9', '21:9', '4:1', '1:4', '8:1', '1:8', 'auto'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

/** Thinking levels, lower-case in the studio; Runware spells them MINIMAL/HIGH (seed 000 `settings.thinking`). */
export const THINKING_LEVELS = ['minimal', 'high'] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/** Output file formats; Runware spells them JPG/PNG/WEBP (seed 000 `outputFormat`), Runflow jpeg/png/webp (seed 002). */
export const OUTPUT_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Where a number comes from: a file in this repository (`docs/seeds/000_d06cf3e68a6a4bd5.txt`,
 * `docs/PROVIDERS.md`) and the section or table row inside it.
 */
export interface Source {
  /** Path relative to the repository root, e.g. `docs/seeds/001_22455cd64c9e446c.txt` or `docs/PROVIDERS.md`. */
  document: string;
  /** The section, table or example inside the document, e.g. `Pricing` or `Compatibility & Validation table`. */
  section: string;
  /** Why the number was read this way, when it needed a decision (for developers; may name files). */
  note?: string;
}

/**
 * Whether an offering can still be used (docs/PROVIDERS.md "Model lifecycle").
 *
 * - `available`: offered; `date`, `replacement` are `null`.
 * - `deprecated`: still offered, but the provider has announced a shutdown on
 *   `date` (ISO day, `2026-10-02`); `replacement` is the offering id to move to.
 * - `retired`: shut down on `date`; not offered, and a request for it is
 *   refused with 400 naming `replacement`.
 *
 * `note` is a sentence for designers; `source` cites the document.
 */
export interface OfferingLifecycle {
  status: 'available' | 'deprecated' | 'retired';
  /** Shutdown day (ISO `YYYY-MM-DD`) for `deprecated` and `retired`; `null` when `available`. */
  date: string | null;
  /** The offering id (`provider/model`) to use instead; `null` when `available`. */
  replacement: string | null;
  source: Source | null;
  note?: string;
}

/** A model as users know it. */
export interface Model {
  id: ModelId;
  /** The field's nickname, shown in the UI: "Nano Banana 2". */
  name: string;
  /** Google's name: "Gemini 3.1 Flash Image". */
  officialName: string;
  source: Source;
}

/** A hosted provider (or the built-in `local` one). */
export interface Provider {
  id: ProviderId;
  /** Display name: "Runware", "AI/ML API". */
  name: string;
  /** The environment variable holding the API key; `null` for `local`, which needs none. */
  keyVariable: string | null;
  /** The environment variable overriding the endpoint, `null` for `local`. */
  baseUrlVariable: string | null;
  /** The endpoint used when `baseUrlVariable` is unset (docs/API.md "Start-up"). */
  defaultBaseUrl: string | null;
  /** Short description shown in the provider picker. */
  description: string;
}

/** A width x height pair in px. */
export interface PixelSize {
  width: number;
  height: number;
}

/** One row of a size table: the exact output size for a resolution and aspect ratio. */
export interface SizeEntry extends PixelSize {
  resolution: Resolution;
  aspectRatio: Exclude<AspectRatio, 'auto'>;
  source: Source;
  /**
   * Other sizes the same document lists for this resolution and aspect ratio
   * (Runware Nano Banana Pro lists two 4K 3:2 and two 4K 2:3 sizes). The studio
   * always sends `width`x`height`; alternates are recorded so that a size read
   * back from a provider still maps to its row.
   */
  alternates?: PixelSize[];
}

/** A numeric range with its source. `max: null` means no upper limit is published. */
export interface LimitRange {
  min: number;
  max: number | null;
  source: Source;
  note?: string;
}

/** A setting with a fixed list of allowed values (as the user sees them and as the studio sends them). */
interface ChoiceSetting {
  values: string[];
  /** The provider's default when the setting is omitted, if documented. */
  default: string | null;
  source: Source;
}

/** A numeric setting such as temperature. */
export interface NumberSetting {
  min: number;
  max: number;
  step: number;
  source: Source;
}

/** Advanced generation settings an offering accepts; a missing key means "not offered". */
export interface AdvancedCapabilities {
  temperature?: NumberSetting;
  topP?: NumberSetting;
  /** System prompt length limits, in characters. */
  systemPrompt?: LimitRange;
  safetyTolerance?: ChoiceSetting;
}

/**
 * A price in USD. `exact` prices have `min === max === expected`. Where the
 * documents conflict or say nothing, `min`/`max` bound the price and `note`
 * says why; `max: null` means no upper bound is published; `expected: null`
 * means the documents support no single figure.
 */
export interface Price {
  exact: boolean;
  min: number;
  max: number | null;
  /** The figure the studio shows as "the" price: the published price, or the provider's observed billing where the documents conflict. */
  expected: number | null;
  source: Source;
  /** A sentence for designers: why the price is open, or where an exact figure comes from (never a file name). */
  note?: string;
}

/**
 * How an offering charges. All amounts are USD per generated image; a request
 * for n images costs n times the sum (the per-image model every seed uses).
 */
export interface OfferingPricing {
  currency: 'USD';
  /** Base price per image by resolution. */
  perImage: Partial<Record<Resolution, Price>>;
  /** Surcharge per reference image, per generated image. */
  perReferenceImage: Price;
  /** Surcharge per image when web search grounding is on; `null` where web search is not offered. */
  webSearch: Price | null;
  /** Surcharge per image when image search grounding is on; `null` where not offered. */
  imageSearch: Price | null;
  /**
   * Runware bills "grounded search" once however it is switched on; when both
   * web and image search are on, this combined surcharge replaces the two.
   */
  groundingCombined: Price | null;
  /** Surcharge per image by thinking level; missing levels are not offered. */
  thinking: Partial<Record<ThinkingLevel, Price>>;
  notes: string[];
}

/** One provider + model pair with its full capability table and prices. */
export interface Offering {
  /** `provider/model`, e.g. `runware/nano-banana-2`. */
  id: string;
  provider: ProviderId;
  model: ModelId;
  /** The provider's model id for text-to-image (and for everything when there is no edit variant): `google:4@3`. */
  providerModelId: string;
  /** The provider's model id used when reference images are present (Runflow `google/nano-banana-2/edit`); `null` when the same id serves both. */
  providerEditModelId: string | null;
  /** Whether the text-to-image id accepts reference images itself (false for Runflow, whose base model is text-only). */
  textModelAcceptsReferences: boolean;
  resolutions: Resolution[];
  /** Aspect ratios offered, `auto` included where the provider lets the model decide. */
  aspectRatios: AspectRatio[];
  /** Every resolution x aspect ratio (except `auto`) with its exact size. */
  sizes: SizeEntry[];
  defaults: {
    resolution: Resolution;
    aspectRatio: AspectRatio;
    numberResults: number;
    outputFormat: OutputFormat;
  };
  /** Reference images per request: `min` 0, `max` the limit. */
  referenceImages: LimitRange & { max: number };
  /** Prompt length in characters; `max: null` where none is published. */
  prompt: LimitRange;
  /** Thinking levels offered; empty when thinking is not offered. */
  thinkingLevels: ThinkingLevel[];
  thinkingSource: Source | null;
  grounding: { webSearch: boolean; imageSearch: boolean; source: Source };
  /** Images per generation, and how many the provider makes per call (the adapter makes ceil(n / perCall) calls). */
  numberResults: LimitRange & { max: number; perCall: number };
  outputFormats: OutputFormat[];
  outputFormatSource: Source;
  /** Seed range, or `null` where the provider takes no seed. */
  seed: LimitRange | null;
  advanced: AdvancedCapabilities;
  pricing: OfferingPricing;
  /** Available, deprecated (with its shutdown date and replacement) or retired. */
  lifecycle: OfferingLifecycle;
  /** Decisions and caveats a designer should know, in designers' words (file citations live in `source`). */
  notes: string[];
}

/** The whole catalog, as served at `GET /api/catalog` (the server adds `configured` to providers). */
export interface Catalog {
  models: Model[];
  providers: Provider[];
  offerings: Offering[];
}

/** One line of an estimate's breakdown, for the whole request (all images), in USD. */
export interface EstimateLine {
  /** What the line is for: "1K image × 2", "3 reference images", "Web search". */
  label: string;
  /** The expected amount; `null` where no single figure is published. */
  amount: number | null;
  min: number;
  /** `null`: no upper bound is published. */
  max: number | null;
}

/**
 * The estimated cost of a request (docs/API.md `POST /api/estimate`).
 * `perImage`/`total` are the expected figures (`null` where the documents give
 * none); `min`/`max` bound them and differ only where the published pricing
 * leaves the price open (`max: null`: no published upper bound). `exact` is
 * true when every line is a published, uncontested price.
 */
export interface CostEstimate {
  currency: 'USD';
  perImage: number | null;
  total: number | null;
  min: number;
  max: number | null;
  exact: boolean;
  lines: EstimateLine[];
  notes: string[];
}
