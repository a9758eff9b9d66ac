import type { ModelId, Offering, ProviderId } from '../../../../catalog/types.ts';
import { useCatalogIndex } from '../../../api/get-catalog.ts';
import { modelName as nameOfModel, providerName as nameOfProvider } from '../../../lib/catalog-names.ts';
import { offeringOrFallback } from '../../../lib/require-offering.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { offeringLabel } from '../stores/studio-settings.ts';

/** Display names for an offering: "Runware", "Nano Banana Pro", "Runware · Nano Banana Pro". */
export function describeOffering(provider: ProviderId, model: ModelId): { providerName: string; modelName: string; label: string } {
  const providerName = nameOfProvider(provider);
  const modelName = nameOfModel(model);
  return { providerName, modelName, label: offeringLabel(providerName, modelName) };
}

/** The offering the form is set to (the store always holds a valid provider + model pair). */
export function useCurrentOffering(): { offering: Offering; label: string } {
  const provider = useStudioStore((state) => state.provider);
  const model = useStudioStore((state) => state.model);
  const offering = offeringOrFallback(provider, model, useCatalogIndex());
  return { offering, label: describeOffering(offering.provider, offering.model).label };
}
