import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkRequestAgainstCatalog } from '../../../../catalog/check-request.ts';
import { estimateCost } from '../../../../catalog/estimate.ts';
import type { GenerationRequest, ValidationIssue } from '../../../../catalog/request.ts';
import type { CostEstimate, Offering } from '../../../../catalog/types.ts';
import { useCatalogIndex } from '../../../api/get-catalog.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { buildGenerationRequest, type StudioSettings } from '../stores/studio-settings.ts';
import { useCurrentOffering } from './use-current-offering.ts';

/** The settings slice of the store (so the draft recomputes on any setting change, and only then). */
export function useStudioSettings(): StudioSettings {
  return useStudioStore(
    useShallow((state) => ({
      model: state.model,
      provider: state.provider,
      prompt: state.prompt,
      resolution: state.resolution,
      aspectRatio: state.aspectRatio,
      thinking: state.thinking,
      webSearch: state.webSearch,
      imageSearch: state.imageSearch,
      numberResults: state.numberResults,
      seedLocked: state.seedLocked,
      seed: state.seed,
      outputFormat: state.outputFormat,
      temperature: state.temperature,
      topP: state.topP,
      systemPrompt: state.systemPrompt,
      safetyTolerance: state.safetyTolerance,
    })),
  );
}

/** The request being drafted, its estimate and its problems. */
export interface GenerationDraft {
  offering: Offering;
  label: string;
  request: GenerationRequest;
  estimate: CostEstimate | null;
  /** Problems the server would refuse, plus the tray's (too many, still uploading, failed). */
  issues: ValidationIssue[];
  /** References still uploading: Generate waits for them. */
  uploading: number;
}

/**
 * Builds the request from the form, checks it with the catalog's
 * `checkRequestAgainstCatalog` and prices it with `estimateCost`, on every
 * change, with no network round trip.
 */
export function useGenerationDraft(): GenerationDraft {
  const settings = useStudioSettings();
  const references = useStudioStore((state) => state.references);
  const editing = useStudioStore((state) => state.editing);
  const { offering, label } = useCurrentOffering();
  const catalog = useCatalogIndex();
  return useMemo(() => {
    const uploadIds = references.flatMap((reference) => (reference.status === 'ready' && reference.uploadId ? [reference.uploadId] : []));
    // The estimate counts every reference in the tray, uploaded or not, so the price does not jump.
    // In edit mode the edited image is reference image 1: estimateCost prices `parent` as one.
    const pricedIds = references.map((reference, index) => reference.uploadId ?? `pending-upload-${index}`);
    const built = buildGenerationRequest(settings, offering, uploadIds);
    const request: GenerationRequest = editing ? { ...built, parent: { generationId: editing.generationId, imageIndex: editing.imageIndex } } : built;
    const pricedRequest = { ...request, referenceImages: pricedIds.length > 0 ? pricedIds : undefined };
    let estimate: CostEstimate | null;
    try {
      estimate = estimateCost(pricedRequest, catalog);
    } catch {
      estimate = null;
    }
    const issues: ValidationIssue[] = [];
    // The form builds a well-formed request, so the catalog's capability check (no zod) is the whole of it here.
    const result = checkRequestAgainstCatalog(request, catalog);
    if (!result.ok) issues.push(...result.issues);
    const max = offering.referenceImages.max - (editing ? 1 : 0);
    if (references.length > max && !issues.some((issue) => issue.field === 'referenceImages')) {
      issues.push({
        field: 'referenceImages',
        message: `${label} takes at most ${max} reference images; remove ${references.length - max}.`,
        allowed: [0, max],
      });
    }
    const failed = references.filter((reference) => reference.status === 'failed').length;
    if (failed > 0) {
      issues.push({
        field: 'referenceImages',
        message: `${failed} reference image${failed === 1 ? '' : 's'} failed to upload; remove ${failed === 1 ? 'it' : 'them'} or try again.`,
        allowed: [],
      });
    }
    const uploading = references.filter((reference) => reference.status === 'preparing' || reference.status === 'uploading').length;
    return { offering, label, request, estimate, issues, uploading };
  }, [settings, references, editing, offering, label, catalog]);
}
