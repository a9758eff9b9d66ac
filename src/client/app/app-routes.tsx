import { lazy, type ComponentType } from 'react';
import { StudioRoute } from './routes/studio-route.tsx';

/** A view of the studio, reached from the header's navigation. */
export interface AppRoute {
  /** URL path: `/` for the Studio; other views own everything under their path. */
  path: string;
  /** The link's text, as the user sees it. */
  label: string;
  /** The view; views other than the Studio are `React.lazy` modules, so they stay out of the initial download. */
  component: ComponentType;
}

/**
 * The studio's views, in navigation order. The Studio is in the initial
 * download; every other view is added here as `lazy(() => import(...))`.
 */
export const APP_ROUTES: AppRoute[] = [
  { path: '/', label: 'Studio', component: StudioRoute },
  { path: '/experiments', label: 'Experiments', component: lazy(() => import('./routes/experiments-route.tsx')) },
  { path: '/spend', label: 'Spend', component: lazy(() => import('./routes/spend-route.tsx')) },
];
