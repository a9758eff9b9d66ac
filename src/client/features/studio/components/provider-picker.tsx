import { listOfferingsForModel } from '../../../../catalog/catalog.ts';
import { estimateCost } from '../../../../catalog/estimate.ts';
import type { ProviderId } from '../../../../catalog/types.ts';
import { RadioGroup } from '../../../components/ui/radio-group.tsx';
import { useConfiguredProviders } from '../../../api/get-catalog.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { buildGenerationRequest, reconcileSettings } from '../stores/studio-settings.ts';
import { describeOffering } from '../hooks/use-current-offering.ts';
import { useStudioSettings } from '../hooks/use-generation-draft.ts';
import { formatEstimateTotal } from './cost-estimate.tsx';

/**
 * "Provider": every provider offering the chosen model, each with its price
 * for the current settings (as they would be on that provider). Providers
 * without a key are shown as "not configured" and cannot be chosen.
 */
export function ProviderPicker() {
  const settings = useStudioSettings();
  const references = useStudioStore((state) => state.references);
  const switchOffering = useStudioStore((state) => state.switchOffering);
  const { configured } = useConfiguredProviders();
  const offerings = listOfferingsForModel(settings.model);

  const options = offerings.map((offering) => {
    const { providerName, label } = describeOffering(offering.provider, offering.model);
    const isConfigured = configured.has(offering.provider);
    let price = '';
    try {
      const adapted = reconcileSettings(settings, offering, label).settings;
      const referenceIds = references.slice(0, offering.referenceImages.max).map((reference, index) => reference.uploadId ?? `pending-upload-${index}`);
      price = formatEstimateTotal(estimateCost(buildGenerationRequest(adapted, offering, referenceIds)));
    } catch {
      price = '';
    }
    return {
      value: offering.provider,
      label: providerName,
      description: isConfigured ? describeProviderHint(offering.provider) : 'not set up on this studio',
      aside: isConfigured ? price : <span className="text-zinc-500">{price}</span>,
      disabled: !isConfigured,
    };
  });

  function chooseProvider(provider: ProviderId) {
    const offering = offerings.find((entry) => entry.provider === provider);
    if (!offering) return;
    switchOffering(offering, describeOffering(offering.provider, offering.model).label);
  }

  return <RadioGroup<ProviderId> label="Provider" layout="list" value={settings.provider} onChange={chooseProvider} options={options} />;
}

function describeProviderHint(provider: ProviderId): string {
  return provider === 'local' ? 'offline preview, free' : 'ready';
}
