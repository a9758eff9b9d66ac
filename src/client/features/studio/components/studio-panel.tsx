import { lazy, Suspense, useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useCatalog, useCatalogIndex } from '../../../api/get-catalog.ts';
import { budgetRefusal, estimateUpperBound, remainingBudget, useBudget } from '../../../api/get-budget.ts';
import { formatUsdTotal } from '../../../../catalog/money.ts';
import { describeOffering } from '../hooks/use-current-offering.ts';
import { Loader2, Sparkles } from 'lucide-react';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import { Button } from '../../../components/ui/button.tsx';
import { useStudioStore } from '../stores/studio-store.ts';
import { drawRandomSeed } from '../stores/studio-settings.ts';
import { useGenerationDraft } from '../hooks/use-generation-draft.ts';
import { OfferingPicker } from './offering-picker.tsx';
import { toDesignerMessage } from '../../../lib/designer-text.ts';
import { PromptField } from './prompt-field.tsx';
import { AspectRatioPicker, ResolutionPicker } from './size-pickers.tsx';
import { ReferenceTray } from './reference-tray.tsx';
import { NumberOfImagesPicker, OutputOptions, ReasoningOptions } from './generation-options.tsx';
import { AdvancedSettings } from './advanced-settings.tsx';
import { CostEstimateView } from './cost-estimate.tsx';
import { OfferingNotice } from './offering-notice.tsx';

// Edit mode's banner is in the download only once an image is being edited.
const EditBanner = lazy(() => import('./edit-banner.tsx').then((module) => ({ default: module.EditBanner })));

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div data-section={title} className="space-y-3 border-b border-line px-4 py-2.5 last:border-b-0 max-md:px-3">
      {children}
    </div>
  );
}

interface StudioPanelProps {
  /** Sends the request; resolves when the server accepted it (the gallery shows it at once). */
  onGenerate: (request: GenerationRequest) => void;
}

/**
 * The form, prompt first: prompt and references, then the model (a compact
 * picker with prices) and the size, reasoning, output and advanced settings,
 * with the live estimate and Generate pinned at the bottom. What a designer
 * changes often fits a 1440 × 900 screen without scrolling the form.
 */
export function StudioPanel({ onGenerate }: StudioPanelProps) {
  const draft = useGenerationDraft();
  const rememberPrompt = useStudioStore((state) => state.rememberPrompt);
  const [showIssues, setShowIssues] = useState(false);
  const catalog = useCatalog();
  const catalogIndex = useCatalogIndex();
  const switchOffering = useStudioStore((state) => state.switchOffering);
  const editing = useStudioStore((state) => state.editing !== null);
  // A provider chosen in an earlier session may have no key on this server: fall back to the local preview and say so.
  useEffect(() => {
    const provider = catalog.data?.providers.find((entry) => entry.id === draft.offering.provider);
    if (!provider || provider.configured) return;
    const local = catalogIndex.getOffering('local', draft.offering.model);
    if (!local) return;
    const { label, providerName } = describeOffering('local', local.model);
    switchOffering(local, label, [`${provider.name} is not set up on this studio; switched to ${providerName}`]);
  }, [catalog.data, catalogIndex, draft.offering, switchOffering]);
  const { offering, request, estimate, issues, uploading } = draft;
  const promptIssueRaw = issues.find((issue) => issue.field === 'prompt')?.message ?? null;
  const promptIssue = promptIssueRaw === null ? null : toDesignerMessage(promptIssueRaw).text;
  // The budget (docs/API.md "Budget and ledger"): Generate says why the server would refuse; the estimate turns amber
  // when the run would use more than half of what remains.
  const budget = useBudget();
  const budgetReasonId = useId();
  const budgetReason = budgetRefusal(estimate, budget.data);
  const remaining = remainingBudget(budget.data);
  const upperBound = estimateUpperBound(estimate);
  const budgetCaution =
    remaining && upperBound > 0 && upperBound > remaining.usd / 2
      ? `${budgetReason ? 'Over the' : 'Over half the'} ${formatUsdTotal(remaining.usd)} left ${remaining.period}`
      : null;
  const blocking = issues.length > 0 || uploading > 0 || budgetReason !== null;

  function generate() {
    if (blocking) {
      setShowIssues(true);
      return;
    }
    setShowIssues(false);
    const seeded = request.seed === undefined && offering.seed ? { ...request, seed: drawRandomSeed(offering) ?? undefined } : request;
    rememberPrompt(request.prompt);
    onGenerate(seeded);
  }

  const visibleIssues = issues.filter((issue) => showIssues || issue.field !== 'prompt' || request.prompt.length > 0);

  return (
    <form
      aria-label="Generation settings"
      className="flex h-full min-h-0 flex-col"
      onSubmit={(event) => {
        event.preventDefault();
        generate();
      }}
    >
      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
        <Section title="Prompt">
          {editing && (
            <Suspense fallback={null}>
              <EditBanner />
            </Suspense>
          )}
          <PromptField offering={offering} onSubmit={generate} issue={promptIssue} />
          <ReferenceTray />
        </Section>
        <Section title="Model and size">
          <OfferingPicker />
          <OfferingNotice />
          <ResolutionPicker offering={offering} />
          <AspectRatioPicker offering={offering} />
        </Section>
        {(offering.thinkingLevels.length > 0 || offering.grounding.webSearch || offering.grounding.imageSearch) && (
          <Section title="Reasoning">
            <ReasoningOptions offering={offering} />
          </Section>
        )}
        <Section title="Output">
          <OutputOptions offering={offering} />
          <AdvancedSettings offering={offering} />
        </Section>
      </div>
      <footer className="shrink-0 border-t border-line bg-panel px-4 py-3 max-md:px-3 max-md:py-2">
        {visibleIssues.length > 0 && (
          <ul aria-live="polite" className="mb-2 max-h-24 space-y-0.5 overflow-y-auto text-[11.5px] leading-snug text-amber-300">
            {visibleIssues.map((issue) => (
              <li key={`${issue.field}-${issue.message}`}>
                {issue.field === 'prompt' && request.prompt.length === 0 ? 'Write a prompt to generate.' : toDesignerMessage(issue.message).text}
              </li>
            ))}
          </ul>
        )}
        <div className="flex items-center gap-2.5">
          <CostEstimateView estimate={estimate} numberResults={request.numberResults ?? 1} caution={budgetCaution} />
          <NumberOfImagesPicker offering={offering} />
          <Button
            type="submit"
            variant="primary"
            size="lg"
            className="min-w-[104px] justify-center aria-disabled:opacity-60"
            aria-disabled={blocking || undefined}
            aria-describedby={budgetReason ? budgetReasonId : undefined}
            title={blocking ? (uploading > 0 ? 'Waiting for uploads' : (issues[0]?.message ?? budgetReason ?? undefined)) : 'Generate (Ctrl+Enter)'}
          >
            {uploading > 0 ? <Loader2 size={15} className="animate-spin" aria-hidden /> : <Sparkles size={15} aria-hidden />}
            Generate
          </Button>
        </div>
        {budgetReason && (
          <p role="status" className="mt-2 text-[11.5px] leading-snug text-amber-300">
            <span id={budgetReasonId}>{budgetReason}</span>{' '}
            <Link href="/spend" className="whitespace-nowrap underline underline-offset-2 hover:text-amber-200">
              Change the budget
            </Link>
          </p>
        )}
        {uploading > 0 && (
          <p className="mt-1 text-[11px] text-zinc-500">
            Uploading {uploading} reference image{uploading === 1 ? '' : 's'}…
          </p>
        )}
      </footer>
    </form>
  );
}
