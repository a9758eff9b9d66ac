/** The width below which the studio shows the form and the gallery as two views (Tailwind's `md` breakpoint, px). */
const SMALL_SCREEN_QUERY = '(max-width: 767.98px)';

/** Whether the screen is narrower than the two-panel layout needs (see SMALL_SCREEN_QUERY). */
export function isSmallScreen(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(SMALL_SCREEN_QUERY).matches;
}
