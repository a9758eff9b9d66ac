import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { Generation, GenerationPage } from '../../../api/types.ts';
import { generationKeys } from './generation-keys.ts';

/** Gallery filters; empty strings mean "all". `q` searches prompt text on the server. */
export interface GalleryFilters {
  q: string;
  model: string;
  provider: string;
}

/** Generations on the first page: a few screens, small enough to paint the gallery at once. */
const FIRST_PAGE_SIZE = 60;
/** Generations per later page: about 15 screens of thumbnails, so fast scrolling rarely waits for the next page. */
const GENERATIONS_PAGE_SIZE = 120;

/** `GET /api/generations`: newest first, one page after `cursor`. */
function getGenerations(filters: GalleryFilters, cursor: string | null, signal?: AbortSignal): Promise<GenerationPage> {
  const parameters = new URLSearchParams({ limit: String(cursor ? GENERATIONS_PAGE_SIZE : FIRST_PAGE_SIZE) });
  if (cursor) parameters.set('cursor', cursor);
  if (filters.q.trim()) parameters.set('q', filters.q.trim());
  if (filters.model) parameters.set('model', filters.model);
  if (filters.provider) parameters.set('provider', filters.provider);
  return requestJson<GenerationPage>(`/api/generations?${parameters}`, signal ? { signal } : {});
}

/** How far along a generation is: its status only moves forward (queued, running, then succeeded or failed). */
const STATUS_ORDER: Record<Generation['status'], number> = { queued: 0, running: 1, succeeded: 2, failed: 2 };

/**
 * Of the copy of a generation a live event or a poll already put in the cache and the copy in a page just fetched,
 * the one further along. A page the server answered just before a generation ended can arrive after the event that
 * said it ended: without this it would put the tile back to "generating", and no later event would correct it.
 */
export function furtherAlong(cached: Generation | undefined, fetched: Generation): Generation {
  return cached && STATUS_ORDER[cached.status] > STATUS_ORDER[fetched.status] ? cached : fetched;
}

/** Infinite query options for one filter combination, paged by the server's `nextCursor`. */
export function generationsQueryOptions(filters: GalleryFilters) {
  return infiniteQueryOptions({
    queryKey: generationKeys.list(filters),
    queryFn: async ({ pageParam, signal, client }) => {
      const page = await getGenerations(filters, pageParam, signal);
      return { ...page, items: page.items.map((item) => furtherAlong(client.getQueryData<Generation>(generationKeys.one(item.id)), item)) };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? null,
    staleTime: 10_000,
  });
}

/** The gallery's history, page by page. */
export function useGenerations(filters: GalleryFilters) {
  return useInfiniteQuery(generationsQueryOptions(filters));
}

type GenerationListData = InfiniteData<GenerationPage, string | null>;

/** Whether the gallery's `filters` show a generation made from this request. */
export function matchesFilters(
  generation: { request: Pick<Generation['request'], 'provider' | 'model' | 'prompt'> },
  filters: GalleryFilters | undefined,
): boolean {
  if (!filters) return true;
  if (filters.model && generation.request.model !== filters.model) return false;
  if (filters.provider && generation.request.provider !== filters.provider) return false;
  if (filters.q.trim() && !generation.request.prompt.toLowerCase().includes(filters.q.trim().toLowerCase())) return false;
  return true;
}

/** Puts a new generation at the top of every loaded list it belongs to (no refetch of 10,000 items). */
export function prependGenerationToLists(queryClient: QueryClient, generation: Generation): void {
  for (const [key, data] of queryClient.getQueriesData<GenerationListData>({ queryKey: generationKeys.lists() })) {
    if (!data || data.pages.length === 0) continue;
    const filters = key[2] as GalleryFilters | undefined;
    if (!matchesFilters(generation, filters)) continue;
    if (data.pages.some((page) => page.items.some((item) => item.id === generation.id))) continue;
    const [first, ...rest] = data.pages;
    if (!first) continue;
    queryClient.setQueryData<GenerationListData>(key, {
      ...data,
      pages: [{ ...first, items: [generation, ...first.items], total: first.total + 1, totalImages: first.totalImages + generation.images.length }, ...rest],
    });
  }
}

/** Replaces a generation wherever it is loaded (after polling it), keeping the first page's image count in step. */
export function updateGenerationInLists(queryClient: QueryClient, generation: Generation): void {
  queryClient.setQueriesData<GenerationListData>({ queryKey: generationKeys.lists() }, (data) => {
    if (!data) return data;
    let matches = 0;
    let addedImages = 0;
    const pages = data.pages.map((page) => {
      const previous = page.items.find((item) => item.id === generation.id);
      if (!previous) return page;
      matches += 1;
      addedImages += generation.images.length - previous.images.length;
      return { ...page, items: page.items.map((item) => (item.id === generation.id ? generation : item)) };
    });
    const [first, ...rest] = pages;
    if (matches === 0 || !first) return data;
    return { ...data, pages: [{ ...first, totalImages: first.totalImages + addedImages }, ...rest] };
  });
}

/** Removes a generation from every loaded list (after deleting it). */
export function removeGenerationFromLists(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<GenerationListData>({ queryKey: generationKeys.lists() }, (data) => {
    if (!data) return data;
    const removed = data.pages.flatMap((page) => page.items).find((item) => item.id === id);
    if (!removed) return data;
    const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) }));
    const [first, ...rest] = pages;
    if (!first) return data;
    return { ...data, pages: [{ ...first, total: first.total - 1, totalImages: first.totalImages - removed.images.length }, ...rest] };
  });
}
