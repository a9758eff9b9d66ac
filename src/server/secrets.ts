import type { StudioConfig } from './config.ts';

/** What a secret is replaced with. */
const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed (a 1-3 character "key" would shred ordinary words). */
const MINIMUM_SECRET_LENGTH = 4;

/** Every configured provider key and the access token, with the spellings a provider might echo (as is, URL-encoded). */
function listSecrets(config: Pick<StudioConfig, 'providers' | 'accessToken'>): string[] {
  const secrets = new Set<string>();
  const values = [...Object.values(config.providers).map((endpoint) => endpoint.apiKey), config.accessToken];
  for (const value of values) {
    if (!value || value.length < MINIMUM_SECRET_LENGTH) continue;
    secrets.add(value);
    secrets.add(encodeURIComponent(value));
  }
  // Longest first, so a key that contains another is removed whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/**
 * `text` with every configured provider key and the access token replaced by
 * `[redacted]`. Applied wherever provider text becomes a stored error or
 * warning, an answer or a log line (issue 10 "A provider message can leak the
 * key"). Matching is exact and case-sensitive, as keys are.
 */
export function scrubSecrets(text: string, config: Pick<StudioConfig, 'providers' | 'accessToken'>): string {
  let scrubbed = text;
  for (const secret of listSecrets(config)) {
    if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  return scrubbed;
}
