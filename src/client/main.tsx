// First: the CSP settings must be in place before any zod schema or dialog is created.
import './lib/content-security.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { queryClient } from './lib/query-client.ts';
import { catalogQueryOptions } from './api/get-catalog.ts';
import { generationsQueryOptions } from './features/gallery/api/get-generations.ts';
import { useGalleryStore } from './features/gallery/stores/gallery-store.ts';
import './styles.css';

// Start the history and the catalog requests now, in parallel with the first render.
// A failed request here is not an error of its own: the views that read these queries show it.
void queryClient.infiniteQuery(generationsQueryOptions(useGalleryStore.getState().filters)).catch(() => undefined);
void queryClient.query(catalogQueryOptions).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
