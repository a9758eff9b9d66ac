// First: zod's setting for the Content-Security-Policy, before the Experiments view's modules create zod schemas.
import '../../lib/zod-content-security.ts';
import { useCallback } from 'react';
import { useLocation } from 'wouter';
import type { GenerationRequest } from '../../../catalog/request.ts';
import { takePendingExperimentStart } from '../../lib/experiment-start.ts';
import { ExperimentsView } from '../../features/experiments/components/experiments-view.tsx';
import { applyRequestToStudio, readStudioStart } from '../studio-handoff.ts';

/** The Experiments view (a lazy route): wired to the studio form through the app, since features do not import features. */
export default function ExperimentsRoute() {
  const [, navigate] = useLocation();
  const onUseSettings = useCallback(
    (request: GenerationRequest) => {
      if (!applyRequestToStudio(request)) return;
      navigate('~/');
      // The button that was pressed is gone with the view: focus goes to the studio's prompt.
      requestAnimationFrame(() => document.getElementById('studio-prompt')?.focus());
    },
    [navigate],
  );
  return <ExperimentsView readStudioStart={readStudioStart} takePendingStart={takePendingExperimentStart} onUseSettings={onUseSettings} />;
}
