import { useSyncExternalStore } from 'react';

/** The width below which the studio shows the form and the gallery as two views (Tailwind's `md` breakpoint, px). */
export const SMALL_SCREEN_QUERY = '(max-width: 767.98px)';

/** Whether `query` (a CSS media query) matches now; re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Whether the screen is narrower than the two-panel layout needs (see SMALL_SCREEN_QUERY). */
export function isSmallScreen(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(SMALL_SCREEN_QUERY).matches;
}
