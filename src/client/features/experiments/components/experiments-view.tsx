import { ArrowLeft } from 'lucide-react';
import { useCallback, useEffect } from 'react';
import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import type { AcceptedGenerationRequest, GenerationRequest } from '../../../../catalog/request.ts';
import type { ExperimentStart } from '../../../lib/experiment-start.ts';
import type { Experiment } from '../api/experiment-types.ts';
import { useExperimentPlan } from '../hooks/use-experiment-plan.ts';
import { useExperimentBuilderStore, type ListVariant } from '../stores/experiment-builder-store.ts';
import { ExperimentBuilder } from './experiment-builder.tsx';
import { ExperimentDetail } from './experiment-detail.tsx';
import { PlannedGrid } from './planned-grid.tsx';
import { SavedExperiments } from './saved-experiments.tsx';

/** What the Experiments view asks of the app (the studio form lives in another feature). */
export interface ExperimentsViewProps {
  /** The studio form's current settings, read when the builder starts from them. */
  readStudioStart: () => ExperimentStart;
  /** A start left by "Compare across models" in the gallery, taken once; `null` when none. */
  takePendingStart: () => ExperimentStart | null;
  /** Sends a cell's request back to the studio form (and shows the studio). */
  onUseSettings: (request: AcceptedGenerationRequest) => void;
}

function PlanPage() {
  const plan = useExperimentPlan();
  return (
    <div className="space-y-8">
      <section aria-labelledby="plan-heading" className="space-y-3">
        <h2 id="plan-heading" tabIndex={-1} className="text-[13px] font-semibold uppercase tracking-wider text-zinc-400 focus:outline-none">
          Planned grid
        </h2>
        <PlannedGrid plan={plan} />
      </section>
      <section aria-labelledby="saved-heading" className="space-y-3">
        <h2 id="saved-heading" className="text-[13px] font-semibold uppercase tracking-wider text-zinc-400">
          Saved experiments
        </h2>
        <SavedExperiments />
      </section>
    </div>
  );
}

function DetailPage({
  onUseSettings,
  onDuplicate,
}: {
  onUseSettings: (request: AcceptedGenerationRequest) => void;
  onDuplicate: (experiment: Experiment) => void;
}) {
  const { id } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  return (
    <div className="space-y-3">
      <Link href="/" className="inline-flex items-center gap-1 text-[12px] text-zinc-400 hover:text-white focus-visible:outline-2 focus-visible:outline-accent">
        <ArrowLeft size={13} aria-hidden /> Planned grid and saved experiments
      </Link>
      <ExperimentDetail
        id={id}
        onUseSettings={onUseSettings}
        onDuplicate={onDuplicate}
        onDeleted={() => {
          navigate('/');
          // The Delete button is gone: focus goes to the top of the view, not to the page body.
          requestAnimationFrame(() => document.getElementById('plan-heading')?.focus());
        }}
      />
    </div>
  );
}

/** The variants of a saved experiment as builder list rows (each cell's offering, size and thinking). */
function listVariantsOf(experiment: Experiment): ListVariant[] {
  return experiment.cells.map((cell) => ({
    key: crypto.randomUUID(),
    model: cell.request.model,
    provider: cell.request.provider,
    resolution: cell.request.resolution,
    aspectRatio: cell.request.aspectRatio,
    thinking: cell.request.thinking ?? 'off',
  }));
}

/**
 * The Experiments view: the builder on the left; on the right the planned
 * grid and the saved experiments (`/experiments`), or one experiment's grid
 * (`/experiments/:id`).
 */
export function ExperimentsView({ readStudioStart, takePendingStart, onUseSettings }: ExperimentsViewProps) {
  const [location, navigate] = useLocation();
  const started = useExperimentBuilderStore((state) => state.started);
  const start = useExperimentBuilderStore((state) => state.start);
  const duplicate = useExperimentBuilderStore((state) => state.duplicate);

  useEffect(() => {
    const pending = takePendingStart();
    if (pending) {
      start(pending);
      if (location !== '/') navigate('/');
      // The menu item that opened the view is gone: focus goes to the new experiment's name.
      requestAnimationFrame(() => document.getElementById('experiment-name')?.focus());
    } else if (!started) {
      start(readStudioStart());
    }
    // Once, when the view opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onDuplicate = useCallback(
    (experiment: Experiment) => {
      const base = { ...(experiment.base as unknown as GenerationRequest) };
      duplicate({ name: `${experiment.name ?? 'Untitled experiment'} (copy)`, base, variants: listVariantsOf(experiment) });
      navigate('/');
      requestAnimationFrame(() => document.getElementById('experiment-name')?.focus());
    },
    [duplicate, navigate],
  );

  return (
    // Below 768 px the builder fills the first screen and the grid follows it; the view scrolls inside itself.
    <main className="flex min-h-0 flex-1 max-md:flex-col max-md:overflow-y-auto">
      <aside
        aria-label="Experiment builder"
        className={
          'w-[400px] shrink-0 border-r border-line bg-panel max-[1180px]:w-[360px] ' +
          'max-md:h-[calc(100dvh-3rem)] max-md:w-full max-md:border-b max-md:border-r-0'
        }
      >
        <ExperimentBuilder onStartFromStudio={() => start(readStudioStart())} onCreated={(experiment) => navigate(`/${experiment.id}`)} />
      </aside>
      <div className="min-w-0 flex-1 overflow-y-auto bg-surface p-6 max-md:flex-none max-md:overflow-visible max-md:p-3">
        <Switch>
          <Route path="/">
            <PlanPage />
          </Route>
          <Route path="/:id">
            <DetailPage onUseSettings={onUseSettings} onDuplicate={onDuplicate} />
          </Route>
        </Switch>
      </div>
    </main>
  );
}
