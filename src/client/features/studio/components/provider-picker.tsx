import { estimateCost } from '../../../../catalog/estimate.ts';
import type { ProviderId } from '../../../../catalog/types.ts';
import { RadioGroup } from '../../../components/ui/radio-group.tsx';
import { useCatalogIndex, useConfiguredProviders } from '../../../api/get-catalog.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { buildGenerationRequest, reconcileSettings } from '../stores/studio-settings.ts';
import { describeOffering } from '../hooks/use-current-offering.ts';
import { useStudioSettings } from '../hooks/use-generation-draft.ts';
import { formatEstimateTotal } from './cost-estimate.tsx';

/**
 * "Provider": every provider offering the chosen model, each with its price
 * for the current settings (as they would be on that provider). Providers
 * without a key are shown as "not configured" and cannot be chosen; a
 * retired offering says so and cannot be chosen; a deprecated one shows its
 * shutdown date and replacement.
 */
export function ProviderPicker() {
  const settings = useStudioSettings();
  const references = useStudioStore((state) => state.references);
  const switchOffering = useStudioStore((state) => state.switchOffering);
  const { configured } = useConfiguredProviders();
  const catalog = useCatalogIndex();
  const offerings = catalog.listOfferingsForModel(settings.model);

  const options = offerings.map((offering) => {
    const { providerName, label } = describeOffering(offering.provider, offering.model);
    const isConfigured = configured.has(offering.provider);
    const lifecycle = offering.lifecycle;
    const replacement = lifecycle.replacement ? catalog.getOfferingById(lifecycle.replacement) : undefined;
    const replacementName = replacement ? describeOffering(replacement.provider, replacement.model).modelName : null;
    let price: string;
    try {
      const adapted = reconcileSettings(settings, offering, label).settings;
      const referenceIds = references.slice(0, offering.referenceImages.max).map((reference, index) => reference.uploadId ?? `pending-upload-${index}`);
      price = formatEstimateTotal(estimateCost(buildGenerationRequest(adapted, offering, referenceIds), catalog));
    } catch {
      price = '';
    }
    return {
      value: offering.provider,
      label: providerName,
      description:
        lifecycle.status === 'retired'
          ? `retired on ${lifecycle.date}${replacementName ? `; use ${replacementName}` : ''}`
          : lifecycle.status === 'deprecated'
            ? `shuts down on ${lifecycle.date}${replacementName ? `; move to ${replacementName}` : ''}`
            : isConfigured
              ? describeProviderHint(offering.provider)
              : 'not set up on this studio',
      aside: isConfigured && lifecycle.status !== 'retired' ? price : <span className="text-zinc-500">{price}</span>,
      disabled: !isConfigured || lifecycle.status === 'retired',
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
