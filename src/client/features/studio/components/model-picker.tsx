import type { CatalogIndex } from '../../../../catalog/catalog-index.ts';
import { estimateCost } from '../../../../catalog/estimate.ts';
import { formatUsd } from '../../../../catalog/money.ts';
import type { ModelId, Offering } from '../../../../catalog/types.ts';
import { RadioGroup } from '../../../components/ui/radio-group.tsx';
import { useCatalogIndex, useConfiguredProviders } from '../../../api/get-catalog.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import { describeOffering } from '../hooks/use-current-offering.ts';
import { requireOffering } from '../../../lib/require-offering.ts';

/** The lowest price of a model on a configured provider at its default settings, one image: "from $0.039". */
function lowestPrice(catalog: CatalogIndex, model: ModelId, configured: Set<string>): string {
  let lowest: number | null = null;
  for (const offering of catalog.listOfferingsForModel(model)) {
    // The local preview is free and offline; the price that matters is a real provider's.
    if (!configured.has(offering.provider) || offering.provider === 'local') continue;
    try {
      const { resolution, aspectRatio } = offering.defaults;
      const estimate = estimateCost({ provider: offering.provider, model, prompt: 'x', resolution, aspectRatio, numberResults: 1 }, catalog);
      const price = estimate.total ?? estimate.min;
      if (lowest === null || price < lowest) lowest = price;
    } catch {
      // An offering without a price for its defaults adds nothing here.
    }
  }
  return lowest === null ? 'preview only' : `from ${formatUsd(lowest)}`;
}

/** "Model": the Nano Banana models, by the names designers know. */
export function ModelPicker() {
  const model = useStudioStore((state) => state.model);
  const provider = useStudioStore((state) => state.provider);
  const switchOffering = useStudioStore((state) => state.switchOffering);
  const { configured } = useConfiguredProviders();
  const catalog = useCatalogIndex();

  function chooseModel(next: ModelId) {
    const usable = (offering: Offering) => configured.has(offering.provider) && offering.lifecycle.status !== 'retired';
    const current = catalog.getOffering(provider, next);
    const extra: string[] = [];
    let target = current && usable(current) ? current : undefined;
    if (!target) {
      target = catalog.listOfferingsForModel(next).find(usable) ?? requireOffering('local', next, catalog);
      const from = describeOffering(provider, next);
      const to = describeOffering(target.provider, next);
      const lifecycle = current?.lifecycle;
      extra.push(
        lifecycle?.status === 'retired'
          ? `${from.modelName} on ${from.providerName} was retired on ${lifecycle.date}; switched to ${to.providerName}`
          : `${from.providerName} does not offer ${from.modelName}; switched to ${to.providerName}`,
      );
    }
    switchOffering(target, describeOffering(target.provider, next).label, extra);
  }

  return (
    <RadioGroup<ModelId>
      label="Model"
      layout="list"
      value={model}
      onChange={chooseModel}
      options={catalog.catalog.models.map((entry) => ({
        value: entry.id,
        label: entry.name,
        description: entry.officialName,
        aside: lowestPrice(catalog, entry.id, configured),
      }))}
    />
  );
}
