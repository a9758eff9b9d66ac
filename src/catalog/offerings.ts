import { exactPrice, openPrice } from './prices.ts';
import { NANO_BANANA_2_SIZES, NANO_BANANA_PRO_SIZES, NANO_BANANA_SIZES } from './size-tables.ts';
import { DOCUMENTS, source } from './sources.ts';
import type {
  AdvancedCapabilities,
  AspectRatio,
  LimitRange,
  Offering,
  OfferingLifecycle,
  OfferingPricing,
  OutputFormat,
  Price,
  ProviderId,
  Resolution,
  SizeEntry,
  Source,
  ThinkingLevel,
} from './types.ts';

/*
 * Every offering (provider + model pair) the documents describe, with the
 * source of every number. Where a document is silent the offering says so in
 * `notes` and takes the narrowest reading that is still useful; where the
 * documents conflict (docs/seeds/README.md) the price is a range with a note.
 * Notes (`notes`, `Price.note`) speak to designers; file citations live in `source`.
 */

const RUNWARE_2 = DOCUMENTS.runwareNanoBanana2;
const RUNWARE_PRO = DOCUMENTS.runwareNanoBananaPro;
const RUNWARE_1 = DOCUMENTS.runwareNanoBanana;
const RUNFLOW_2 = DOCUMENTS.runflowNanoBanana2;
const AIMLAPI_2 = DOCUMENTS.aimlapiNanoBanana2;
const PROVIDERS = DOCUMENTS.providers;

/** The product blends at most 8 reference images (the product design, and Runware's documented Nano Banana limit, seed 003). */
const STUDIO_REFERENCE_CAP = 8;

/** The largest integer a JSON number carries exactly (2^53 - 1); provider seed ranges above it are capped here. */
const JSON_SAFE_SEED_MAX = Number.MAX_SAFE_INTEGER;

const ALL_FORMATS: OutputFormat[] = ['jpeg', 'png', 'webp'];

/** The lifecycle of an offering nobody has announced a shutdown for. */
const AVAILABLE: OfferingLifecycle = { status: 'available', date: null, replacement: null, source: null };

/** The size entries of a table restricted to some resolutions and aspect ratios (table order kept). */
function sizesFor(table: SizeEntry[], resolutions: Resolution[], aspectRatios: AspectRatio[]): SizeEntry[] {
  return table.filter((entry) => resolutions.includes(entry.resolution) && aspectRatios.includes(entry.aspectRatio));
}

/** The aspect ratios of a table, in table order, without duplicates. */
function aspectRatiosOf(table: SizeEntry[]): AspectRatio[] {
  return [...new Set(table.map((entry) => entry.aspectRatio))];
}

function range(min: number, max: number | null, from: Source, note?: string): LimitRange {
  return note === undefined ? { min, max, source: from } : { min, max, source: from, note };
}

function pricing(parts: Partial<OfferingPricing> & Pick<OfferingPricing, 'perImage' | 'perReferenceImage'>): OfferingPricing {
  return {
    currency: 'USD',
    webSearch: null,
    imageSearch: null,
    groundingCombined: null,
    thinking: {},
    notes: [],
    ...parts,
  };
}

/** Zero-priced copy of a pricing table, for the `local` provider. */
function freeOf(template: OfferingPricing, from: Source): OfferingPricing {
  const free = exactPrice(0, from);
  const perImage: Partial<Record<Resolution, Price>> = {};
  for (const resolution of Object.keys(template.perImage) as Resolution[]) perImage[resolution] = free;
  const thinking: Partial<Record<ThinkingLevel, Price>> = {};
  for (const level of Object.keys(template.thinking) as ThinkingLevel[]) thinking[level] = free;
  return {
    currency: 'USD',
    perImage,
    perReferenceImage: free,
    webSearch: template.webSearch ? free : null,
    imageSearch: template.imageSearch ? free : null,
    groundingCombined: template.groundingCombined ? free : null,
    thinking,
    notes: ['Offline previews are made on this machine and cost nothing.'],
  };
}

// ---------------------------------------------------------------------------
// Runware (seeds 000, 001, 003; docs/PROVIDERS.md "Runware")
// ---------------------------------------------------------------------------

/** Runware's `seed`: integer, min 0, max 9223372036854776000 (seed 000 and 001 "seed"); seed 003 lists no seed. */
const RUNWARE_SEED = range(
  0,
  JSON_SAFE_SEED_MAX,
  source(RUNWARE_2, 'Request Parameters: seed (Min 0, Max 9223372036854776000)'),
  'Capped at 2^53 - 1 so a seed survives JSON numbers unchanged.',
);

/** Runware `settings.*` and `providerSettings.google.safetyTolerance` (seed 000 and 001 "Settings", "Provider Settings"). */
function runwareAdvanced(document: string): Required<AdvancedCapabilities> {
  return {
    temperature: { min: 0, max: 1, step: 0.01, source: source(document, 'Settings: settings.temperature (Min 0, Max 1, Step 0.01)') },
    topP: { min: 0, max: 1, step: 0.01, source: source(document, 'Settings: settings.topP (Min 0, Max 1, Step 0.01)') },
    systemPrompt: range(1, 50_000, source(document, 'Settings: settings.systemPrompt (Min 1, Max 50000)')),
    safetyTolerance: runwareSafetyTolerance(document),
  };
}

function runwareSafetyTolerance(document: string, note?: string): NonNullable<AdvancedCapabilities['safetyTolerance']> {
  return {
    values: ['high', 'medium', 'low', 'none', 'off'],
    default: 'none',
    source: source(document, 'Provider Settings: providerSettings.google.safetyTolerance (Allowed values: high medium low none off; Default none)', note),
  };
}

const RUNWARE_NUMBER_RESULTS = {
  ...range(1, 20, source(RUNWARE_2, 'API Options: numberResults (Min 1, Max 20)')),
  max: 20,
  perCall: 20,
};

const RUNWARE_FORMATS_SOURCE = source(RUNWARE_2, 'API Options: outputFormat (Allowed values JPG PNG WEBP; Default JPG)');

const RUNWARE_2_PRICING = pricing({
  perImage: {
    '0.5K': exactPrice(0.04657, source(RUNWARE_2, 'Pricing: 512x512 $0.04657')),
    '1K': exactPrice(0.06895, source(RUNWARE_2, 'Pricing: 1K $0.06895')),
    '2K': exactPrice(0.10255, source(RUNWARE_2, 'Pricing: 2K $0.10255')),
    '4K': exactPrice(0.15295, source(RUNWARE_2, 'Pricing: 4K $0.15295')),
  },
  perReferenceImage: exactPrice(
    0.00028,
    source(
      RUNWARE_2,
      'Pricing: "For every input image used, it\'s an additional $0.00028"',
      'Confirmed by the Tri-Reference Fashion Collage example: $0.06895 + 3 x $0.00028 = $0.06979.',
    ),
  ),
  ...(() => {
    const grounding = openPrice(
      { min: 0, max: 0.14, expected: 0 },
      source(RUNWARE_2, 'Pricing: "When using grounded search, $0.14 will be added on top"; Examples: Grounded Travel Poster'),
      "Runware's page lists +$0.14 for grounded search, but its Grounded Travel Poster example (web search on) was billed $0.06895, the plain 1K price. " +
        'The studio expects what Runware bills and shows up to $0.14 more as the upper bound.',
    );
    return { webSearch: grounding, imageSearch: grounding, groundingCombined: grounding };
  })(),
  thinking: {
    minimal: exactPrice(0, source(RUNWARE_2, 'Pricing (no thinking surcharge listed)')),
    high: exactPrice(
      0,
      source(
        RUNWARE_2,
        'Pricing (no thinking surcharge listed); Examples: Neon Food-Truck Poster',
        'Examples with settings.thinking HIGH were billed the plain 1K price, $0.06895.',
      ),
    ),
  },
  notes: ['Runware bills per image; each reference image adds $0.00028 per image.'],
});

const RUNWARE_PRO_PRICING = pricing({
  perImage: {
    '1K': exactPrice(0.138, source(RUNWARE_PRO, 'Pricing: 1K $0.138')),
    '2K': exactPrice(0.138, source(RUNWARE_PRO, 'Pricing: 2K $0.138')),
    '4K': exactPrice(0.244, source(RUNWARE_PRO, 'Pricing: 4K $0.244')),
  },
  perReferenceImage: openPrice(
    { min: 0, max: 0.0011, expected: 0.0011 },
    source(RUNWARE_PRO, 'Examples: Surreal Four-Source Fashion Collage (2K, 4 reference images, cost $0.1424)'),
    "Runware's Pro page states no per-image surcharge, yet its four-reference example was billed $0.1424 = $0.138 + 4 x $0.0011. " +
      'The studio expects $0.0011 per reference image, as billed.',
  ),
  webSearch: exactPrice(
    0,
    source(RUNWARE_PRO, 'Pricing (no grounding surcharge listed); Examples: Aurora Research Outpost Panorama', 'Billed $0.138 with webSearch on.'),
  ),
  notes: ['Runware lists no grounding surcharge for Nano Banana Pro; its grounded example was billed the plain price.'],
});

const RUNWARE_1_PRICING = pricing({
  perImage: {
    '1K': exactPrice(
      0.039,
      source(
        RUNWARE_1,
        'Examples: all four billed cost $0.039',
        'The page prints no price list; all four examples (two text-only, two with three reference images) were billed $0.039.',
      ),
    ),
  },
  perReferenceImage: exactPrice(0, source(RUNWARE_1, 'Examples: Rainy Rooftop Kite Workshop (3 reference images, cost $0.039)')),
});

const runwareNanoBanana2: Offering = {
  id: 'runware/nano-banana-2',
  provider: 'runware',
  model: 'nano-banana-2',
  providerModelId: 'google:4@3',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: AVAILABLE,
  resolutions: ['0.5K', '1K', '2K', '4K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_2_SIZES),
  sizes: NANO_BANANA_2_SIZES,
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'jpeg' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, 'Runware: inputs.referenceImages limits ("Pro and 2: unconfirmed")'),
      "Runware does not publish a limit for Nano Banana 2 (third-party material says 14); the studio blends up to 8, Runware's documented Nano Banana limit.",
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: range(3, 45_000, source(RUNWARE_2, 'Request Parameters: positivePrompt (Min 3, Max 45000)')),
  thinkingLevels: ['minimal', 'high'],
  thinkingSource: source(RUNWARE_2, 'Settings: settings.thinking (Allowed values MINIMAL HIGH)'),
  grounding: {
    webSearch: true,
    imageSearch: true,
    source: source(RUNWARE_2, 'Provider Settings: providerSettings.google.webSearch, providerSettings.google.imageSearch'),
  },
  numberResults: RUNWARE_NUMBER_RESULTS,
  outputFormats: ALL_FORMATS,
  outputFormatSource: RUNWARE_FORMATS_SOURCE,
  seed: RUNWARE_SEED,
  advanced: runwareAdvanced(RUNWARE_2),
  pricing: RUNWARE_2_PRICING,
  notes: ['Runware gets the exact pixel size of each aspect ratio and resolution from its own size table.'],
};

const runwareNanoBananaPro: Offering = {
  id: 'runware/nano-banana-pro',
  provider: 'runware',
  model: 'nano-banana-pro',
  providerModelId: 'google:4@2',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: AVAILABLE,
  resolutions: ['1K', '2K', '4K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_PRO_SIZES),
  sizes: NANO_BANANA_PRO_SIZES,
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'jpeg' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, 'Runware: inputs.referenceImages limits ("Pro and 2: unconfirmed")'),
      'Runware does not publish a limit for Nano Banana Pro (third-party material says 14); the studio blends up to 8.',
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: range(3, 45_000, source(RUNWARE_PRO, 'Request Parameters: positivePrompt (Min 3, Max 45000)')),
  thinkingLevels: [],
  thinkingSource: source(RUNWARE_PRO, 'Settings (no settings.thinking); docs/PROVIDERS.md Runware: "thinking: Nano Banana 2 only"'),
  grounding: {
    webSearch: true,
    imageSearch: false,
    source: source(RUNWARE_PRO, 'Provider Settings: providerSettings.google.webSearch (no imageSearch: "imageSearch: 2 only", docs/PROVIDERS.md)'),
  },
  numberResults: { ...RUNWARE_NUMBER_RESULTS, source: source(RUNWARE_PRO, 'API Options: numberResults (Min 1, Max 20)') },
  outputFormats: ALL_FORMATS,
  outputFormatSource: source(RUNWARE_PRO, 'API Options: outputFormat (Allowed values JPG PNG WEBP; Default JPG)'),
  seed: { ...RUNWARE_SEED, source: source(RUNWARE_PRO, 'Request Parameters: seed (Min 0, Max 9223372036854776000)') },
  advanced: {
    temperature: runwareAdvanced(RUNWARE_PRO).temperature,
    topP: runwareAdvanced(RUNWARE_PRO).topP,
    systemPrompt: runwareAdvanced(RUNWARE_PRO).systemPrompt,
    safetyTolerance: runwareSafetyTolerance(RUNWARE_PRO),
  },
  pricing: RUNWARE_PRO_PRICING,
  notes: [
    'Runware lists two 4K 3:2 and two 4K 2:3 sizes for Pro; the studio asks for 5056x3392 / 3392x5056 (twice the 2K size).',
    "Runware gives Pro's 1K 21:9 as 1548x672 (Nano Banana 2 uses 1584x672); the studio follows Runware's Pro page.",
  ],
};

const runwareNanoBanana: Offering = {
  id: 'runware/nano-banana',
  provider: 'runware',
  model: 'nano-banana',
  providerModelId: 'google:4@1',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: AVAILABLE,
  resolutions: ['1K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_SIZES),
  sizes: NANO_BANANA_SIZES,
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'jpeg' },
  referenceImages: {
    ...range(
      0,
      8,
      source(RUNWARE_1, 'Inputs: inputs.referenceImages (min items 1, max items 8)'),
      'Zero reference images means the field is left out (text to image).',
    ),
    max: 8,
  },
  prompt: range(2, 3000, source(RUNWARE_1, 'Generation Parameters: positivePrompt (min 2, max 3000)')),
  thinkingLevels: [],
  thinkingSource: source(RUNWARE_1, 'Generation Parameters (no settings object)'),
  grounding: { webSearch: false, imageSearch: false, source: source(RUNWARE_1, 'Provider Settings (safetyTolerance only)') },
  numberResults: { ...RUNWARE_NUMBER_RESULTS, source: source(RUNWARE_1, 'API Options: numberResults (min 1, max 20)') },
  outputFormats: ALL_FORMATS,
  outputFormatSource: source(RUNWARE_1, 'API Options: outputFormat (JPG, PNG, WEBP; default JPG)'),
  seed: null,
  advanced: {
    safetyTolerance: runwareSafetyTolerance(
      RUNWARE_1,
      'Seed 003 says "Allowed values 5 values" without printing them; they are the five of seeds 000 and 001.',
    ),
  },
  pricing: RUNWARE_1_PRICING,
  notes: ['The Runware Nano Banana page lists no seed and no settings (temperature, topP, system prompt), so the studio offers none.'],
};

// ---------------------------------------------------------------------------
// Runflow (seed 002; docs/PROVIDERS.md "Runflow")
// ---------------------------------------------------------------------------

const RUNFLOW_SAFETY: NonNullable<AdvancedCapabilities['safetyTolerance']> = {
  values: ['1', '2', '3', '4', '5', '6'],
  default: '4',
  source: source(RUNFLOW_2, 'Input schema: safety_tolerance ("1 = most strict, 6 = least strict. Default: 4")'),
};

const RUNFLOW_SEED = range(
  0,
  JSON_SAFE_SEED_MAX,
  source(RUNFLOW_2, 'Input schema: seed (integer)'),
  'No range is published; the studio takes non-negative JSON-safe integers.',
);

const runflowNanoBanana2: Offering = {
  id: 'runflow/nano-banana-2',
  provider: 'runflow',
  model: 'nano-banana-2',
  providerModelId: 'google/nano-banana-2',
  providerEditModelId: 'google/nano-banana-2/edit',
  textModelAcceptsReferences: false,
  lifecycle: AVAILABLE,
  resolutions: ['0.5K', '1K', '2K', '4K'],
  aspectRatios: ['auto', ...aspectRatiosOf(NANO_BANANA_2_SIZES)],
  sizes: NANO_BANANA_2_SIZES.map((entry) => ({
    ...entry,
    source: { ...entry.source, note: "Runflow publishes no pixel sizes; these are the model's sizes (Runware seed 000 table)." },
  })),
  defaults: { resolution: '1K', aspectRatio: 'auto', numberResults: 1, outputFormat: 'png' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, 'Runflow: google/nano-banana-2/edit "image_urls: [...] (max unconfirmed)"'),
      'References go to the /edit model (the base model is text to image only); its maximum is unpublished, so the studio caps at 8.',
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: range(3, 50_000, source(RUNFLOW_2, 'Input schema: prompt ("3–50,000 characters")')),
  thinkingLevels: ['minimal', 'high'],
  thinkingSource: source(RUNFLOW_2, 'Input schema: thinking_level (minimal, high; omit to disable)'),
  grounding: { webSearch: true, imageSearch: false, source: source(RUNFLOW_2, 'Input schema: enable_web_search') },
  numberResults: { ...range(1, 4, source(RUNFLOW_2, 'Input schema: num_images ("Range: 1–4")')), max: 4, perCall: 4 },
  outputFormats: ALL_FORMATS,
  outputFormatSource: source(RUNFLOW_2, 'Input schema: output_format (jpeg, png, webp; default png)'),
  seed: RUNFLOW_SEED,
  advanced: { safetyTolerance: RUNFLOW_SAFETY },
  pricing: pricing({
    perImage: {
      '0.5K': openPrice(
        { min: 0, max: 0.08, expected: null },
        source(RUNFLOW_2, 'Pricing: "Base price: $0.08/image", "Per image (1K default)"; Input schema: resolution "Price varies by tier"'),
        'Runflow publishes only the 1K price and says the price varies by tier; a smaller tier is taken to cost at most the 1K price.',
      ),
      '1K': exactPrice(0.08, source(RUNFLOW_2, 'Pricing: "Base price: $0.08/image", "Per image (1K default)"')),
      '2K': openPrice(
        { min: 0.08, max: null, expected: null },
        source(RUNFLOW_2, 'Input schema: resolution "Price varies by tier"'),
        'Runflow publishes no 2K price; it is at least the 1K price of $0.08.',
      ),
      '4K': openPrice(
        { min: 0.08, max: null, expected: null },
        source(RUNFLOW_2, 'Input schema: resolution "Price varies by tier"'),
        'Runflow publishes no 4K price; it is at least the 1K price of $0.08.',
      ),
    },
    perReferenceImage: exactPrice(0, source(PROVIDERS, 'Runflow: google/nano-banana-2/edit "$0.08/image"')),
    webSearch: exactPrice(0.015, source(RUNFLOW_2, 'Input schema: enable_web_search "+$0.015/image"')),
    thinking: {
      minimal: exactPrice(0, source(RUNFLOW_2, 'Input schema: thinking_level (surcharge only "at high level")')),
      high: exactPrice(0.002, source(RUNFLOW_2, 'Input schema: thinking_level "Adds +$0.002/image at high level"')),
    },
  }),
  notes: [
    "With reference images the studio uses Runflow's editing model, and uploads each reference once to Runflow first.",
    'With the automatic aspect ratio the model chooses the pixel size.',
  ],
};

const runflowNanoBananaPro: Offering = {
  id: 'runflow/nano-banana-pro',
  provider: 'runflow',
  model: 'nano-banana-pro',
  providerModelId: 'google/nano-banana-pro',
  providerEditModelId: 'google/nano-banana-pro/edit',
  textModelAcceptsReferences: false,
  lifecycle: AVAILABLE,
  resolutions: ['1K', '2K', '4K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_PRO_SIZES),
  sizes: NANO_BANANA_PRO_SIZES.map((entry) => ({
    ...entry,
    source: { ...entry.source, note: "Runflow publishes no Pro schema; these are the model's sizes (Runware seed 001 table)." },
  })),
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, 'Runflow: google/nano-banana-pro/edit "edit requires image_urls"'),
      'The /edit maximum is unpublished; the studio caps at 8.',
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: range(
    3,
    50_000,
    source(RUNFLOW_2, 'Input schema: prompt ("3–50,000 characters")'),
    "Taken from Runflow's Nano Banana 2 schema; the Pro schema is unpublished.",
  ),
  thinkingLevels: [],
  thinkingSource: source(PROVIDERS, 'Runflow: google/nano-banana-pro (no thinking_level listed)'),
  grounding: {
    webSearch: true,
    imageSearch: false,
    source: source(PROVIDERS, 'Corrections and new facts: Runflow ("Nano Banana Pro takes enable_web_search")'),
  },
  numberResults: { ...range(1, 4, source(PROVIDERS, 'Runflow: google/nano-banana-pro "num_images 1..4"')), max: 4, perCall: 4 },
  outputFormats: ALL_FORMATS,
  outputFormatSource: source(RUNFLOW_2, 'Input schema: output_format', "Assumed to match Runflow's Nano Banana 2 schema (Pro schema unpublished)."),
  seed: RUNFLOW_SEED,
  advanced: { safetyTolerance: { ...RUNFLOW_SAFETY, source: { ...RUNFLOW_SAFETY.source, note: "Assumed to match Runflow's Nano Banana 2 schema." } } },
  pricing: pricing({
    perImage: {
      '1K': exactPrice(0.15, source(PROVIDERS, 'Runflow: google/nano-banana-pro "$0.15/image"')),
      '2K': openPrice(
        { min: 0.15, max: null, expected: null },
        source(PROVIDERS, 'Runflow: google/nano-banana-pro "$0.15/image"'),
        'Runflow publishes one price, $0.15/image, for its default tier; the 2K price is unpublished.',
      ),
      '4K': openPrice(
        { min: 0.15, max: null, expected: null },
        source(PROVIDERS, 'Runflow: google/nano-banana-pro "$0.15/image"'),
        'Runflow publishes one price, $0.15/image, for its default tier; the 4K price is unpublished.',
      ),
    },
    perReferenceImage: exactPrice(0, source(PROVIDERS, 'Runflow: google/nano-banana-pro/edit "$0.15/image"')),
    webSearch: openPrice(
      { min: 0, max: null, expected: null },
      source(PROVIDERS, 'Corrections and new facts: Runflow ("Nano Banana Pro takes enable_web_search"; no price given)'),
      'Runflow offers web search on Nano Banana Pro without saying what it adds (on Nano Banana 2 it adds $0.015 per image).',
    ),
  }),
  notes: [
    "Runflow publishes few details for Nano Banana Pro; its options follow the model and Runflow's Nano Banana 2 page.",
    'Reference images are uploaded to Runflow first, once per image and key.',
  ],
};

// ---------------------------------------------------------------------------
// AI/ML API (seed 004; docs/PROVIDERS.md "AI/ML API")
// ---------------------------------------------------------------------------

const AIMLAPI_FORMATS_SOURCE = source(
  PROVIDERS,
  'AI/ML API: Success {"data":[{"mime_type":"image/png", ...}]}',
  'The API takes no output format; it answers PNG.',
);

const AIMLAPI_NO_PRICE_LIST = 'AI/ML API publishes no price list; it bills in credits, 2,000,000 credits = $1.';

const aimlapiNanoBanana2: Offering = {
  id: 'aimlapi/nano-banana-2',
  provider: 'aimlapi',
  model: 'nano-banana-2',
  providerModelId: 'google/nano-banana-2',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: AVAILABLE,
  resolutions: ['1K', '2K', '4K'],
  aspectRatios: ['1:1', '9:16', '16:9', '3:4', '4:3'],
  sizes: sizesFor(NANO_BANANA_2_SIZES, ['1K', '2K', '4K'], ['1:1', '9:16', '16:9', '3:4', '4:3']).map((entry) => ({
    ...entry,
    source: {
      ...entry.source,
      note: "AI/ML API publishes no size table; these are the model's sizes (seed 000), consistent with seed 004's 1376x768 example.",
    },
  })),
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: { ...range(0, 5, source(AIMLAPI_2, 'API Schema: image_urls (string · uri[] · max: 5)')), max: 5 },
  prompt: range(1, null, source(AIMLAPI_2, 'API Schema: prompt (string, required)'), 'No length limit is published.'),
  thinkingLevels: [],
  thinkingSource: source(AIMLAPI_2, 'API Schema (no thinking parameter)'),
  grounding: { webSearch: true, imageSearch: false, source: source(AIMLAPI_2, 'API Schema: enable_web_search') },
  numberResults: {
    ...range(
      1,
      4,
      source(PROVIDERS, 'AI/ML API: google/nano-banana-2 (no num_images; "google/nano-banana-pro: adds num_images 1..4")'),
      'One image per call; the studio makes one call per image, up to 4 as the other providers allow.',
    ),
    max: 4,
    perCall: 1,
  },
  outputFormats: ['png'],
  outputFormatSource: AIMLAPI_FORMATS_SOURCE,
  seed: null,
  advanced: {},
  pricing: pricing({
    perImage: {
      '1K': openPrice(
        { min: 0.0894875, max: 0.0894875, expected: 0.0894875 },
        source(PROVIDERS, 'AI/ML API: "credits_used":178975 (= $0.0894875) at 1K'),
        `${AIMLAPI_NO_PRICE_LIST} The docs' 1K example used 178,975 credits = $0.0894875; that is the expected price, not a published one.`,
      ),
      '2K': openPrice(
        { min: 0.0894875, max: null, expected: null },
        source(PROVIDERS, 'AI/ML API: no price list'),
        `${AIMLAPI_NO_PRICE_LIST} 2K costs at least the observed 1K price.`,
      ),
      '4K': openPrice(
        { min: 0.0894875, max: null, expected: null },
        source(PROVIDERS, 'AI/ML API: no price list'),
        `${AIMLAPI_NO_PRICE_LIST} 4K costs at least the observed 1K price.`,
      ),
    },
    perReferenceImage: openPrice(
      { min: 0, max: null, expected: null },
      source(PROVIDERS, 'AI/ML API: no price list'),
      `${AIMLAPI_NO_PRICE_LIST} The cost of reference images is unpublished.`,
    ),
    webSearch: openPrice(
      { min: 0, max: null, expected: null },
      source(AIMLAPI_2, 'API Schema: enable_web_search'),
      `${AIMLAPI_NO_PRICE_LIST} The cost of web search is unpublished.`,
    ),
    notes: [AIMLAPI_NO_PRICE_LIST, 'The billed cost is the credits AI/ML API reports for each generation, divided by 2,000,000.'],
  }),
  notes: ['Editing uses the same model with the reference images attached.'],
};

const aimlapiNanoBananaPro: Offering = {
  id: 'aimlapi/nano-banana-pro',
  provider: 'aimlapi',
  model: 'nano-banana-pro',
  providerModelId: 'google/nano-banana-pro',
  providerEditModelId: 'google/nano-banana-pro-edit',
  textModelAcceptsReferences: false,
  lifecycle: AVAILABLE,
  resolutions: ['1K', '2K', '4K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_PRO_SIZES),
  sizes: NANO_BANANA_PRO_SIZES.map((entry) => ({
    ...entry,
    source: { ...entry.source, note: 'AI/ML API publishes no size table; "10 aspect ratios" (docs/PROVIDERS.md) are the model\'s ten (seed 001).' },
  })),
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, 'Corrections and new facts: AI/ML API ("google/nano-banana-pro-edit ... image_urls up to 14")'),
      "AI/ML API's Pro editing takes up to 14 reference images; the studio blends up to 8.",
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: range(1, null, source(AIMLAPI_2, 'API Schema: prompt (string, required)'), 'No length limit is published.'),
  thinkingLevels: [],
  thinkingSource: source(PROVIDERS, 'AI/ML API: google/nano-banana-pro (no thinking parameter)'),
  grounding: { webSearch: false, imageSearch: false, source: source(PROVIDERS, 'AI/ML API: google/nano-banana-pro (web search not listed)') },
  numberResults: { ...range(1, 4, source(PROVIDERS, 'AI/ML API: google/nano-banana-pro "adds num_images 1..4"')), max: 4, perCall: 4 },
  outputFormats: ['png'],
  outputFormatSource: AIMLAPI_FORMATS_SOURCE,
  seed: null,
  advanced: {},
  pricing: pricing({
    perImage: Object.fromEntries(
      (['1K', '2K', '4K'] as const).map((resolution) => [
        resolution,
        openPrice(
          { min: 0, max: null, expected: null },
          source(PROVIDERS, 'AI/ML API: no price list'),
          `${AIMLAPI_NO_PRICE_LIST} No Nano Banana Pro price or example is published.`,
        ),
      ]),
    ),
    perReferenceImage: openPrice(
      { min: 0, max: null, expected: null },
      source(PROVIDERS, 'AI/ML API: no price list'),
      `${AIMLAPI_NO_PRICE_LIST} The cost of reference images is unpublished.`,
    ),
    notes: [AIMLAPI_NO_PRICE_LIST],
  }),
  notes: [
    "With reference images the studio uses AI/ML API's documented Pro editing model.",
    "Resolutions are assumed to match AI/ML API's Nano Banana 2 (1K, 2K, 4K).",
  ],
};

// ---------------------------------------------------------------------------
// Google Gemini API (docs/PROVIDERS.md "Google Gemini API (direct)" and "Corrections and new facts: Gemini API")
// ---------------------------------------------------------------------------

const GEMINI_FACTS = 'Corrections and new facts: Gemini API';

const GEMINI_ONE_PER_CALL = {
  ...range(1, 4, source(PROVIDERS, 'Google Gemini API: "One image per call: n images = n calls"'), 'The studio makes one call per image, up to 4.'),
  max: 4,
  perCall: 1,
};

const GEMINI_FORMATS_SOURCE = source(
  PROVIDERS,
  'Google Gemini API: Response inlineData:{mimeType,data}',
  'generateContent takes no output format; the image comes back as PNG.',
);

const GEMINI_PROMPT = range(
  1,
  null,
  source(PROVIDERS, 'Google Gemini API: Request contents[].parts[].text'),
  'No prompt length limit is published in the documents.',
);

const GEMINI_BILLS_TOKENS = 'Google bills tokens, not images: the studio records the cost it computes from the tokens Google reports, and no billed cost.';

const GEMINI_SEARCH_PRICE = openPrice(
  { min: 0, max: null, expected: null },
  source(PROVIDERS, `${GEMINI_FACTS}: image search grounding; Google Gemini API: tools [{"googleSearch":{}}]`),
  "Google's price for search grounding is not known to the studio; it comes on top of the image price.",
);

const GEMINI_INPUT_TOKENS_PRICE = openPrice(
  { min: 0, max: null, expected: null },
  source(PROVIDERS, 'Google Gemini API: Prices'),
  'Google bills reference images as input tokens; that rate is not known to the studio for this model.',
);

const GEMINI_THINKING_PRICE = openPrice(
  { min: 0, max: null, expected: null },
  source(PROVIDERS, 'Google Gemini API: thinkingConfig'),
  'Google bills thinking as extra output tokens; their number and rate are not known in advance.',
);

/**
 * The rates behind the Gemini prices and `computedCost` (USD), per Google model id:
 * image output tokens (per million) and, for Pro, each input image.
 * Google's pricing page as quoted by third parties (docs/PROVIDERS.md `GEMINI_FACTS`);
 * token counts per image from Vertex AI (3.1 Flash) and Google's pricing page (Pro 1,120 at 1K/2K, 2,000 at 4K; 2.5 Flash 1,290).
 */
export const GEMINI_TOKEN_RATES: Record<string, { imageOutputUsdPerMillion: number; perInputImageUsd: number | null; source: Source }> = {
  'gemini-3.1-flash-image': {
    imageOutputUsdPerMillion: 60,
    perInputImageUsd: null,
    source: source(PROVIDERS, `${GEMINI_FACTS}: Gemini 3.1 Flash Image ("$60 per million image-output tokens")`),
  },
  'gemini-3-pro-image': {
    imageOutputUsdPerMillion: 120,
    perInputImageUsd: 0.0011,
    source: source(
      PROVIDERS,
      `${GEMINI_FACTS}: Gemini 3 Pro Image prices`,
      '$0.134 for 1,120 image tokens (1K/2K) and $0.24 for 2,000 (4K) are $120 per million.',
    ),
  },
  'gemini-2.5-flash-image': {
    imageOutputUsdPerMillion: 30,
    perInputImageUsd: null,
    source: source(PROVIDERS, 'Google Gemini API: Prices "2.5 Flash $0.039"', '$0.039 for 1,290 image tokens is $30 per million.'),
  },
};

/** Gemini 3.1 Flash Image price per resolution: Vertex's token count x $60 per million. */
function geminiFlashPrice(resolution: Resolution, tokens: number, usd: number): Price {
  return exactPrice(
    usd,
    source(PROVIDERS, `${GEMINI_FACTS}: Gemini 3.1 Flash Image ("Output tokens per image ... ${tokens.toLocaleString('en-US')}"; $60 per million)`),
    `Google bills ${tokens.toLocaleString('en-US')} image tokens for a ${resolution} image at $60 per million, ` +
      `the rate quoted by third parties from Google's price page.`,
  );
}

const GEMINI_PRO_PRICE_NOTE = "Google's price for Nano Banana Pro as quoted by third parties from Google's price page (March 2026).";

const geminiNanoBanana: Offering = {
  id: 'gemini/nano-banana',
  provider: 'gemini',
  model: 'nano-banana',
  providerModelId: 'gemini-2.5-flash-image',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: {
    status: 'retired',
    date: '2026-10-02',
    replacement: 'gemini/nano-banana-2',
    source: source(PROVIDERS, `${GEMINI_FACTS}: Model lifecycle ("gemini-2.5-flash-image was scheduled for shutdown on 2 October 2026")`),
    note:
      'Google scheduled Nano Banana for shutdown on 2 October 2026 and names Nano Banana 2 as its replacement. ' +
      'If "Check key" finds it still listed for your key, it is offered with a warning.',
  },
  resolutions: ['1K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_SIZES),
  sizes: NANO_BANANA_SIZES,
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: { ...range(0, 3, source(PROVIDERS, `${GEMINI_FACTS}: Reference images ("3 for Gemini 2.5 Flash Image")`)), max: 3 },
  prompt: GEMINI_PROMPT,
  thinkingLevels: [],
  thinkingSource: source(PROVIDERS, 'Google Gemini API: thinkingConfig (Gemini 3 models only)'),
  grounding: { webSearch: false, imageSearch: false, source: source(PROVIDERS, 'Google Gemini API (googleSearch not listed for 2.5 Flash Image)') },
  numberResults: GEMINI_ONE_PER_CALL,
  outputFormats: ['png'],
  outputFormatSource: GEMINI_FORMATS_SOURCE,
  seed: null,
  advanced: {},
  pricing: pricing({
    perImage: {
      '1K': exactPrice(
        0.039,
        source(PROVIDERS, 'Google Gemini API: Prices "2.5 Flash $0.039"'),
        "Google's price as quoted by third parties: 1,290 image tokens at $30 per million.",
      ),
    },
    perReferenceImage: GEMINI_INPUT_TOKENS_PRICE,
    notes: [GEMINI_BILLS_TOKENS],
  }),
  notes: ['Nano Banana makes 1K images only.'],
};

const geminiNanoBananaPro: Offering = {
  id: 'gemini/nano-banana-pro',
  provider: 'gemini',
  model: 'nano-banana-pro',
  providerModelId: 'gemini-3-pro-image',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: { ...AVAILABLE, source: source(PROVIDERS, `${GEMINI_FACTS}: Model lifecycle ("GA, 28 May 2026, no shutdown date announced")`) },
  resolutions: ['1K', '2K', '4K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_PRO_SIZES),
  sizes: NANO_BANANA_PRO_SIZES.map((entry) => ({
    ...entry,
    source: { ...entry.source, note: "The model's sizes (Runware seed 001 table); Google answers with the image it makes." },
  })),
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, `${GEMINI_FACTS}: Reference images ("up to 14 for Gemini 3 Pro Image")`),
      'Google allows 14; the studio blends up to 8.',
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: GEMINI_PROMPT,
  thinkingLevels: [],
  thinkingSource: source(
    PROVIDERS,
    `${GEMINI_FACTS}: Thinking`,
    "Gemini 3 Pro Image always thinks; Google's cookbook sends no thinkingLevel to it, so the studio offers no level.",
  ),
  grounding: { webSearch: true, imageSearch: false, source: source(PROVIDERS, 'Google Gemini API: tools [{"googleSearch":{}}]') },
  numberResults: GEMINI_ONE_PER_CALL,
  outputFormats: ['png'],
  outputFormatSource: GEMINI_FORMATS_SOURCE,
  seed: null,
  advanced: {},
  pricing: pricing({
    perImage: {
      '1K': exactPrice(0.134, source(PROVIDERS, `${GEMINI_FACTS}: Gemini 3 Pro Image prices ("$0.134 at 1K and 2K")`), GEMINI_PRO_PRICE_NOTE),
      '2K': exactPrice(0.134, source(PROVIDERS, `${GEMINI_FACTS}: Gemini 3 Pro Image prices ("$0.134 at 1K and 2K")`), GEMINI_PRO_PRICE_NOTE),
      '4K': exactPrice(0.24, source(PROVIDERS, `${GEMINI_FACTS}: Gemini 3 Pro Image prices ("$0.24 at 4K")`), GEMINI_PRO_PRICE_NOTE),
    },
    perReferenceImage: exactPrice(
      0.0011,
      source(PROVIDERS, `${GEMINI_FACTS}: Gemini 3 Pro Image prices ("about $0.0011 per input image")`),
      "Google bills each reference image about $0.0011 (input tokens), as quoted by third parties from Google's price page.",
    ),
    webSearch: GEMINI_SEARCH_PRICE,
    notes: [GEMINI_BILLS_TOKENS],
  }),
  notes: [],
};

const geminiNanoBanana2: Offering = {
  id: 'gemini/nano-banana-2',
  provider: 'gemini',
  model: 'nano-banana-2',
  providerModelId: 'gemini-3.1-flash-image',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: { ...AVAILABLE, source: source(PROVIDERS, `${GEMINI_FACTS}: Model lifecycle ("GA, 28 May 2026, no shutdown date announced")`) },
  resolutions: ['0.5K', '1K', '2K', '4K'],
  aspectRatios: aspectRatiosOf(NANO_BANANA_2_SIZES),
  sizes: NANO_BANANA_2_SIZES.map((entry) => ({
    ...entry,
    source: { ...entry.source, note: "The model's sizes (Runware seed 000 table); Google answers with the image it makes." },
  })),
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: {
    ...range(
      0,
      STUDIO_REFERENCE_CAP,
      source(PROVIDERS, `${GEMINI_FACTS}: Reference images ("up to 14 ... Gemini 3.1 Flash Image")`),
      'Google allows 14; the studio blends up to 8.',
    ),
    max: STUDIO_REFERENCE_CAP,
  },
  prompt: GEMINI_PROMPT,
  thinkingLevels: ['minimal', 'high'],
  thinkingSource: source(
    PROVIDERS,
    'Google Gemini API: generationConfig.thinkingConfig.thinkingLevel ("HIGH"); levels as seed 000 settings.thinking (MINIMAL, HIGH)',
  ),
  grounding: {
    webSearch: true,
    imageSearch: true,
    source: source(PROVIDERS, `${GEMINI_FACTS}: Image search grounding ({"googleSearch":{"searchTypes":{"webSearch":{},"imageSearch":{}}}})`),
  },
  numberResults: GEMINI_ONE_PER_CALL,
  outputFormats: ['png'],
  outputFormatSource: GEMINI_FORMATS_SOURCE,
  seed: null,
  advanced: {},
  pricing: pricing({
    perImage: {
      '0.5K': geminiFlashPrice('0.5K', 747, 0.045),
      '1K': geminiFlashPrice('1K', 1120, 0.067),
      '2K': geminiFlashPrice('2K', 1680, 0.101),
      '4K': geminiFlashPrice('4K', 2520, 0.151),
    },
    perReferenceImage: GEMINI_INPUT_TOKENS_PRICE,
    webSearch: GEMINI_SEARCH_PRICE,
    imageSearch: GEMINI_SEARCH_PRICE,
    thinking: { minimal: GEMINI_THINKING_PRICE, high: GEMINI_THINKING_PRICE },
    notes: [GEMINI_BILLS_TOKENS],
  }),
  notes: ['0.5K images are sent to Google as its "512" size.'],
};

/**
 * Nano Banana 2 Lite (Gemini 3.1 Flash Lite Image). Google's model page:
 * 1K only, thinking minimal/high, no Google Search grounding, editing
 * supported, "not optimized for multiple reference inputs" with no published
 * limit. The studio allows 3 reference images, the limit Google publishes for
 * its other light Flash image model (2.5 Flash Image), so a blend stays within
 * what a speed-tuned model is known to handle; raise it when Google publishes one.
 */
const geminiNanoBanana2Lite: Offering = {
  id: 'gemini/nano-banana-2-lite',
  provider: 'gemini',
  model: 'nano-banana-2-lite',
  providerModelId: 'gemini-3.1-flash-lite-image',
  providerEditModelId: null,
  textModelAcceptsReferences: true,
  lifecycle: { ...AVAILABLE, source: source(PROVIDERS, `${GEMINI_FACTS}: Nano Banana 2 Lite ("stable since 30 June 2026")`) },
  resolutions: ['1K'],
  aspectRatios: ['1:1', '3:2', '2:3', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'],
  sizes: sizesFor(NANO_BANANA_2_SIZES, ['1K'], ['1:1', '3:2', '2:3', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9']).map((entry) => ({
    ...entry,
    source: {
      ...entry.source,
      note:
        'Google publishes no pixel table for Lite; these are the Gemini 3.1 Flash Image 1K sizes (Runware seed 000 table). ' +
        'Google\'s summary says "14 aspect ratios" but its page lists these ten.',
    },
  })),
  defaults: { resolution: '1K', aspectRatio: '1:1', numberResults: 1, outputFormat: 'png' },
  referenceImages: {
    ...range(
      0,
      3,
      source(PROVIDERS, `${GEMINI_FACTS}: Nano Banana 2 Lite ("not optimized for multiple reference inputs", limit not published)`),
      'Google publishes no limit and says Lite is not tuned for several references; the studio allows 3, ' +
        "Google's limit for its other light Flash image model.",
    ),
    max: 3,
  },
  prompt: GEMINI_PROMPT,
  thinkingLevels: ['minimal', 'high'],
  thinkingSource: source(PROVIDERS, `${GEMINI_FACTS}: Nano Banana 2 Lite ("thinking supported (minimal and high)")`),
  grounding: { webSearch: false, imageSearch: false, source: source(PROVIDERS, `${GEMINI_FACTS}: Nano Banana 2 Lite ("no Google Search grounding")`) },
  numberResults: GEMINI_ONE_PER_CALL,
  outputFormats: ['png'],
  outputFormatSource: GEMINI_FORMATS_SOURCE,
  seed: null,
  advanced: {},
  pricing: pricing({
    perImage: {
      '1K': openPrice(
        { min: 0.0336, max: 0.067, expected: 0.0336 },
        source(PROVIDERS, `${GEMINI_FACTS}: Nano Banana 2 Lite ("Price unconfirmed: resellers quote ... about $0.0336 per 1K image")`),
        'Google has not published a Lite price we could confirm: resellers quote about $0.0336 per image, ' +
          'and it should cost no more than Nano Banana 2 ($0.067).',
      ),
    },
    perReferenceImage: GEMINI_INPUT_TOKENS_PRICE,
    thinking: { minimal: GEMINI_THINKING_PRICE, high: GEMINI_THINKING_PRICE },
    notes: [GEMINI_BILLS_TOKENS],
  }),
  notes: ['Nano Banana 2 Lite is tuned for speed: 1K only, no search, and up to 3 reference images.'],
};

// ---------------------------------------------------------------------------
// local: offline previews with a hosted offering's tables, at price 0
// ---------------------------------------------------------------------------

const LOCAL_SOURCE = source(DOCUMENTS.api, 'Identifiers: "local (offline preview, built in, costs nothing)"');

const PROVIDER_NAMES: Record<ProviderId, string> = {
  local: 'Local preview',
  runware: 'Runware',
  runflow: 'Runflow',
  aimlapi: 'AI/ML API',
  gemini: 'the Gemini API',
};

/**
 * The `local` twin of a hosted offering (Runware's for the three models it
 * sells, the Gemini API's for Nano Banana 2 Lite): the same tables, price 0,
 * always available, and always a seed (previews are reproducible).
 */
function localOf(template: Offering): Offering {
  return {
    ...template,
    id: `local/${template.model}`,
    provider: 'local',
    providerModelId: `local-preview:${template.model}`,
    lifecycle: AVAILABLE,
    pricing: freeOf(template.pricing, LOCAL_SOURCE),
    seed: template.seed ?? { ...RUNWARE_SEED, note: `${template.id} takes no seed; offline previews are always seeded so they can be reproduced.` },
    notes: [
      `Offline preview with the same options as on ${PROVIDER_NAMES[template.provider]}: ` +
        `the image has the exact size and shows the prompt and the reference images, but no model drew it.`,
    ],
  };
}

/** Every offering, grouped by provider in the order of `PROVIDER_IDS`. */
export const OFFERINGS: Offering[] = [
  localOf(runwareNanoBanana),
  localOf(runwareNanoBananaPro),
  localOf(runwareNanoBanana2),
  localOf(geminiNanoBanana2Lite),
  runwareNanoBanana,
  runwareNanoBananaPro,
  runwareNanoBanana2,
  runflowNanoBananaPro,
  runflowNanoBanana2,
  aimlapiNanoBananaPro,
  aimlapiNanoBanana2,
  geminiNanoBanana,
  geminiNanoBananaPro,
  geminiNanoBanana2,
  geminiNanoBanana2Lite,
];
