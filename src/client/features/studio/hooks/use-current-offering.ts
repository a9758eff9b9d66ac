import { getModel, getOffering, getProvider } from '../../../../catalog/catalog.ts';
import type { ModelId, Offering, ProviderId } from '../../../../catalog/types.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { offeringLabel } from '../stores/studio-settings.ts';
import { requireOffering } from '../../../lib/require-offering.ts';

/** Display names for an offering: "Runware", "Nano Banana Pro", "Runware · Nano Banana Pro". */
export function describeOffering(provider: ProviderId, model: ModelId): { providerName: string; modelName: string; label: string } {
  const providerName = getProvider(provider)?.name ?? provider;
  const modelName = getModel(model)?.name ?? model;
  return { providerName, modelName, label: offeringLabel(providerName, modelName) };
}

/** The offering the form is set to (the store always holds a valid provider + model pair). */
export function useCurrentOffering(): { offering: Offering; label: string } {
  const provider = useStudioStore((state) => state.provider);
  const model = useStudioStore((state) => state.model);
  const offering = getOffering(provider, model) ?? getOffering('local', model) ?? requireOffering('local', 'nano-banana-2');
  return { offering, label: describeOffering(offering.provider, offering.model).label };
}
