import { quoteValue } from './bounds.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { AcceptedGenerationRequest, GenerationRequest, ValidationIssue, ValidationResult } from './request.ts';
import type { LimitRange, NumberSetting, Offering, ProviderId } from './types.ts';

/** What the server knows beyond the catalog itself. */
export interface ValidationContext {
  /** The provider model ids each provider's key check listed (`GET /api/providers/:id/check`); a retired model listed there is allowed. */
  listedModelIds?: Partial<Record<ProviderId, readonly string[]>>;
}

/**
 * Checks a GenerationRequest whose shape is already right (validate.ts checks that with zod first) against the
 * capability table of its offering (provider + model) in `catalog` (the server's `CATALOG_INDEX`, or the browser's
 * index of the served catalog): prompt length, size, references, settings, retirement.
 * Without zod, so the studio form checks every change with it and no schema library in the browser's first download.
 *
 * Returns `{ ok: true, request, offeringId }` with the accepted request (size, count, format, references and
 * provider model id filled with the values that will be used), or `{ ok: false, issues }` listing every problem as
 * `{ field, message, allowed }`; each message names the offering and what it allows. A retired offering
 * (`lifecycle.status`) is refused naming its replacement, unless `context` says the provider's key check still lists
 * it. Never throws.
 */
export function checkRequestAgainstCatalog(request: GenerationRequest, catalog: CatalogIndex, context: ValidationContext = {}): ValidationResult {
  const { getModel, getOfferingById, getProvider, listProvidersForModel } = catalog;
  const offering = catalog.getOffering(request.provider, request.model);
  if (!offering) {
    const providers = listProvidersForModel(request.model);
    return {
      ok: false,
      issues: [
        {
          field: 'provider',
          message: `${request.provider} does not offer ${request.model}; choose one of ${providers.join(', ')}`,
          allowed: providers,
        },
      ],
    };
  }

  const lifecycle = catalog.effectiveLifecycle(offering, context.listedModelIds?.[offering.provider]);
  if (lifecycle.status === 'retired') {
    const replacement = lifecycle.replacement ? getOfferingById(lifecycle.replacement) : undefined;
    const providerName = getProvider(offering.provider)?.name ?? offering.provider;
    const modelName = getModel(offering.model)?.name ?? offering.model;
    const instead = replacement ? `; use ${getModel(replacement.model)?.name ?? replacement.model} (${replacement.id}) instead` : '';
    return {
      ok: false,
      issues: [
        {
          field: 'model',
          message: `${modelName} on ${providerName} (${offering.id}) was retired on ${lifecycle.date}${instead}`,
          allowed:
            replacement && replacement.provider === offering.provider
              ? [replacement.model]
              : listProvidersForModel(offering.model).filter((id) => id !== offering.provider),
        },
      ],
    };
  }

  const issues = checkAgainstOffering(request, offering);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, request: acceptRequest(request, offering), offeringId: offering.id };
}

/** The request with the offering's defaults applied and the provider model id resolved. */
function acceptRequest(request: GenerationRequest, offering: Offering): AcceptedGenerationRequest {
  const referenceImages = request.referenceImages ?? [];
  const parentCount = request.parent ? 1 : 0;
  return {
    ...request,
    resolution: request.resolution ?? offering.defaults.resolution,
    aspectRatio: request.aspectRatio ?? offering.defaults.aspectRatio,
    referenceImages,
    numberResults: request.numberResults ?? offering.defaults.numberResults,
    outputFormat: request.outputFormat ?? offering.defaults.outputFormat,
    providerModelId: request.providerModelId ?? chooseProviderModelId(offering, referenceImages.length + parentCount),
  };
}

/** The edit model when there are reference images and the offering has one, else the main model id. */
function chooseProviderModelId(offering: Offering, referenceCount: number): string {
  return referenceCount > 0 && offering.providerEditModelId !== null ? offering.providerEditModelId : offering.providerModelId;
}

function checkAgainstOffering(request: GenerationRequest, offering: Offering): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const name = offering.id;
  const refuse = (field: string, message: string, allowed: ValidationIssue['allowed']) => issues.push({ field, message, allowed });

  // Prompt length, in characters.
  const prompt = offering.prompt;
  if (request.prompt.trim().length === 0) {
    refuse('prompt', `prompt is empty; ${name} needs ${describeLength(prompt)}`, rangeAllowed(prompt));
  } else if (request.prompt.length < prompt.min || (prompt.max !== null && request.prompt.length > prompt.max)) {
    refuse(
      'prompt',
      `prompt has ${request.prompt.length} character${request.prompt.length === 1 ? '' : 's'}; ${name} accepts ${describeLength(prompt)}`,
      rangeAllowed(prompt),
    );
  }

  // Resolution and aspect ratio, and their pairing in the size table.
  const resolution = request.resolution ?? offering.defaults.resolution;
  const aspectRatio = request.aspectRatio ?? offering.defaults.aspectRatio;
  if (!offering.resolutions.includes(resolution)) {
    refuse('resolution', `resolution ${resolution} is not offered by ${name}; choose one of ${offering.resolutions.join(', ')}`, offering.resolutions);
  }
  if (!offering.aspectRatios.includes(aspectRatio)) {
    refuse('aspectRatio', `aspectRatio ${aspectRatio} is not offered by ${name}; choose one of ${offering.aspectRatios.join(', ')}`, offering.aspectRatios);
  } else if (
    aspectRatio !== 'auto' &&
    offering.resolutions.includes(resolution) &&
    !offering.sizes.some((size) => size.resolution === resolution && size.aspectRatio === aspectRatio)
  ) {
    const offered = offering.sizes.filter((size) => size.resolution === resolution).map((size) => size.aspectRatio);
    refuse('aspectRatio', `aspectRatio ${aspectRatio} is not offered by ${name} at ${resolution}; choose one of ${offered.join(', ')}`, offered);
  }

  // Reference images: count (the edited parent image is reference 1), and which provider model takes them.
  const parentCount = request.parent ? 1 : 0;
  const referenceCount = (request.referenceImages?.length ?? 0) + parentCount;
  const referenceLimit = offering.referenceImages.max;
  if (referenceCount > referenceLimit) {
    const withParent = parentCount > 0 ? ' (the edited image counts as reference image 1)' : '';
    refuse(
      parentCount > 0 && referenceLimit === 0 ? 'parent' : 'referenceImages',
      referenceLimit === 0
        ? `${name} takes no reference images${parentCount > 0 ? ', so it cannot edit an image' : ''}; remove the ${referenceCount} given`
        : `${referenceCount} reference images given${withParent}; ${name} accepts at most ${referenceLimit}`,
      [0, Math.max(0, referenceLimit - parentCount)],
    );
  }
  if (request.providerModelId !== undefined) {
    const modelIds = [offering.providerModelId, ...(offering.providerEditModelId ? [offering.providerEditModelId] : [])];
    if (!modelIds.includes(request.providerModelId)) {
      refuse(
        'providerModelId',
        `providerModelId ${quoteValue(request.providerModelId)} is not a model of ${name}; choose one of ${modelIds.join(', ')}`,
        modelIds,
      );
    } else if (request.providerModelId === offering.providerModelId && !offering.textModelAcceptsReferences && referenceCount > 0) {
      refuse(
        'referenceImages',
        `${offering.providerModelId} on ${name} is text to image only and takes no reference images; remove them, ` +
          `or use ${offering.providerEditModelId} (up to ${referenceLimit})`,
        [0, 0],
      );
    } else if (request.providerModelId === offering.providerEditModelId && referenceCount === 0) {
      refuse('referenceImages', `${offering.providerEditModelId} on ${name} edits images and needs at least 1 reference image (up to ${referenceLimit})`, [
        1,
        referenceLimit,
      ]);
    }
  }

  // Images per request.
  if (request.numberResults !== undefined) {
    const { min, max } = offering.numberResults;
    if (request.numberResults < min || request.numberResults > max) {
      refuse('numberResults', `numberResults ${request.numberResults} is not offered by ${name}; choose ${min} to ${max}`, [min, max]);
    }
  }

  // Seed.
  if (request.seed !== undefined) {
    if (offering.seed === null) {
      refuse('seed', `${name} takes no seed; leave it out`, []);
    } else if (request.seed < offering.seed.min || (offering.seed.max !== null && request.seed > offering.seed.max)) {
      refuse('seed', `seed ${request.seed} is out of range for ${name}; choose ${offering.seed.min} to ${offering.seed.max}`, rangeAllowed(offering.seed));
    }
  }

  // Thinking and grounding.
  if (request.thinking !== undefined && !offering.thinkingLevels.includes(request.thinking)) {
    refuse(
      'thinking',
      offering.thinkingLevels.length === 0
        ? `thinking is not offered by ${name}; leave it out`
        : `thinking ${request.thinking} is not offered by ${name}; choose one of ${offering.thinkingLevels.join(', ')}`,
      offering.thinkingLevels,
    );
  }
  if (request.webSearch === true && !offering.grounding.webSearch) {
    refuse('webSearch', `web search grounding is not offered by ${name}; set webSearch to false or leave it out`, [false]);
  }
  if (request.imageSearch === true && !offering.grounding.imageSearch) {
    refuse('imageSearch', `image search grounding is not offered by ${name}; set imageSearch to false or leave it out`, [false]);
  }

  // Output format.
  if (request.outputFormat !== undefined && !offering.outputFormats.includes(request.outputFormat)) {
    refuse(
      'outputFormat',
      `outputFormat ${request.outputFormat} is not offered by ${name}; choose one of ${offering.outputFormats.join(', ')}`,
      offering.outputFormats,
    );
  }

  // Advanced settings.
  const advanced = request.advanced ?? {};
  const capabilities = offering.advanced;
  const offeredAdvanced = Object.keys(capabilities);
  checkNumberSetting('temperature', advanced.temperature, capabilities.temperature, name, offeredAdvanced, refuse);
  checkNumberSetting('topP', advanced.topP, capabilities.topP, name, offeredAdvanced, refuse);
  if (advanced.systemPrompt !== undefined) {
    if (!capabilities.systemPrompt) {
      refuse('advanced.systemPrompt', `a system prompt is not offered by ${name}; ${describeOffered(offeredAdvanced)}`, offeredAdvanced);
    } else {
      const limits = capabilities.systemPrompt;
      const length = advanced.systemPrompt.length;
      if (length < limits.min || (limits.max !== null && length > limits.max)) {
        refuse('advanced.systemPrompt', `systemPrompt has ${length} characters; ${name} accepts ${describeLength(limits)}`, rangeAllowed(limits));
      }
    }
  }
  if (advanced.safetyTolerance !== undefined) {
    const setting = capabilities.safetyTolerance;
    if (!setting) {
      refuse('advanced.safetyTolerance', `safetyTolerance is not offered by ${name}; ${describeOffered(offeredAdvanced)}`, offeredAdvanced);
    } else if (!setting.values.includes(advanced.safetyTolerance)) {
      refuse(
        'advanced.safetyTolerance',
        `safetyTolerance ${advanced.safetyTolerance} is not offered by ${name}; choose one of ${setting.values.join(', ')}`,
        setting.values,
      );
    }
  }
  return issues;
}

function checkNumberSetting(
  key: 'temperature' | 'topP',
  value: number | undefined,
  setting: NumberSetting | undefined,
  offeringName: string,
  offeredAdvanced: string[],
  refuse: (field: string, message: string, allowed: ValidationIssue['allowed']) => void,
): void {
  if (value === undefined) return;
  if (!setting) {
    refuse(`advanced.${key}`, `${key} is not offered by ${offeringName}; ${describeOffered(offeredAdvanced)}`, offeredAdvanced);
  } else if (value < setting.min || value > setting.max) {
    refuse(`advanced.${key}`, `${key} ${value} is out of range for ${offeringName}; choose ${setting.min} to ${setting.max}`, [setting.min, setting.max]);
  }
}

function describeOffered(offered: string[]): string {
  return offered.length === 0 ? 'it offers no advanced settings' : `it offers ${offered.join(', ')}`;
}

function describeLength(limits: LimitRange): string {
  return limits.max === null ? `at least ${limits.min} characters` : `${limits.min} to ${limits.max} characters`;
}

function rangeAllowed(limits: LimitRange): Array<number> {
  return limits.max === null ? [limits.min] : [limits.min, limits.max];
}
