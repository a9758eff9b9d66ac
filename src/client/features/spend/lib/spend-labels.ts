/** Chart colours per provider, distinct on the dark surface; unknown providers take grey. */
const PROVIDER_COLOURS: Record<string, string> = {
  runware: '#60a5fa',
  runflow: '#34d399',
  aimlapi: '#f472b6',
  gemini: '#a78bfa',
  local: '#a1a1aa',
};

/** The colour of a provider's bars and legend swatch. */
export function providerColour(provider: string): string {
  return PROVIDER_COLOURS[provider] ?? '#71717a';
}

/** "22 Nov" for a local `YYYY-MM-DD`. */
export function formatDay(date: string): string {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  return new Date(year, month - 1, day).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

/** "22 Nov, 14:05" for an ISO time, in the browser's time zone. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
