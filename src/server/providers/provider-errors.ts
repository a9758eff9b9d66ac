import type { ProviderId } from '../../catalog/types.ts';
import { KEY_VARIABLES, PROVIDER_NAMES } from './http.ts';
import { ProviderError } from './provider-types.ts';

/**
 * The one error classifier of the hosted providers: (provider, HTTP status,
 * provider code, provider message) -> what kind of failure it is, the
 * sentence a person can act on, and whether trying again can help. The
 * rules are a table, read top to bottom, first match wins; each provider's
 * own rows come before the shared defaults.
 */

/** What kind of failure a provider reported. */
export type FailureKind = 'bad_key' | 'no_credit' | 'rate_limit' | 'refused_prompt' | 'unavailable' | 'invalid_request' | 'not_found';

/** Where a person checks the key or tops up, per provider. */
const ACCOUNT_PAGES: Record<Exclude<ProviderId, 'local'>, string> = {
  runware: 'https://my.runware.ai',
  runflow: 'https://app.runflow.io',
  aimlapi: 'https://aimlapi.com/app',
  gemini: 'https://aistudio.google.com/apikey',
};

/** One row of the table: every condition given must hold. */
interface FailureRule {
  /** The provider the row is for; absent: every provider (the defaults). */
  provider?: ProviderId;
  /** HTTP statuses, or `5xx` for 500..599. 200 is a failure reported inside a successful answer (a failed run, a blocked prompt). */
  status?: number[] | '5xx';
  /** Tested against each of the provider's codes (Runware `code`, Runflow `code`, Gemini `status` and `details[].reason`). */
  code?: RegExp;
  /** Tested against the provider's message. */
  message?: RegExp;
  kind: FailureKind;
}

const FAILURE_RULES: FailureRule[] = [
  // Runware (docs/PROVIDERS.md "Runware": errors[].code, e.g. invalidApiKey, insufficientCredits).
  { provider: 'runware', code: /apikey/i, kind: 'bad_key' },
  { provider: 'runware', status: [401, 403], kind: 'bad_key' },
  { provider: 'runware', status: [402], kind: 'no_credit' },
  { provider: 'runware', code: /credit|balance|payment/i, kind: 'no_credit' },
  { provider: 'runware', status: [429], kind: 'rate_limit' },
  { provider: 'runware', code: /content|safety|moderat|nsfw|blocked|prohibited/i, kind: 'refused_prompt' },
  { provider: 'runware', status: '5xx', kind: 'unavailable' },
  { provider: 'runware', kind: 'invalid_request' },
  // Runflow (seed 002: `{code, message, errors}`; a failed run carries failure_code / failure_message).
  { provider: 'runflow', status: [401, 403], kind: 'bad_key' },
  { provider: 'runflow', code: /unauthori[sz]ed|api_key/i, kind: 'bad_key' },
  { provider: 'runflow', status: [402], kind: 'no_credit' },
  { provider: 'runflow', code: /credit|balance/i, kind: 'no_credit' },
  { provider: 'runflow', status: [429], kind: 'rate_limit' },
  { provider: 'runflow', status: '5xx', kind: 'unavailable' },
  { provider: 'runflow', status: [404], code: /^RUN_NOT_FOUND$/, kind: 'invalid_request' },
  { provider: 'runflow', status: [200], code: /content|policy|safety|nsfw|moderation/i, kind: 'refused_prompt' },
  { provider: 'runflow', status: [200], message: /content|policy|safety|nsfw|moderation/i, kind: 'refused_prompt' },
  // AI/ML API (seed 004: no code, a message; 403 is used both for a wrong key and for no credit).
  { provider: 'aimlapi', status: [401], kind: 'bad_key' },
  { provider: 'aimlapi', status: [402], kind: 'no_credit' },
  { provider: 'aimlapi', status: [403], message: /credit|balance|top up/i, kind: 'no_credit' },
  { provider: 'aimlapi', status: [403], kind: 'bad_key' },
  { provider: 'aimlapi', status: [429], kind: 'rate_limit' },
  { provider: 'aimlapi', message: /moderation|safety|policy|flagged/i, kind: 'refused_prompt' },
  // Gemini API (google.rpc.Status: `status` and `details[].reason`; a used-up free tier is a 429 about billing or the plan).
  { provider: 'gemini', code: /^(API_KEY_INVALID|UNAUTHENTICATED|PERMISSION_DENIED)$/, kind: 'bad_key' },
  { provider: 'gemini', status: [401, 403], kind: 'bad_key' },
  { provider: 'gemini', status: [429], message: /billing|plan/i, kind: 'no_credit' },
  // Every provider.
  { status: [401], kind: 'bad_key' },
  { status: [402], kind: 'no_credit' },
  { status: [429], kind: 'rate_limit' },
  { status: [404], kind: 'not_found' },
  { status: '5xx', kind: 'unavailable' },
  { kind: 'invalid_request' },
];

function matches(rule: FailureRule, failure: ProviderFailure): boolean {
  if (rule.provider !== undefined && rule.provider !== failure.provider) return false;
  if (rule.status === '5xx' && !(failure.httpStatus >= 500 && failure.httpStatus < 600)) return false;
  if (Array.isArray(rule.status) && !rule.status.includes(failure.httpStatus)) return false;
  const codePattern = rule.code;
  if (codePattern && !failure.codes.some((code) => codePattern.test(code))) return false;
  if (rule.message && !rule.message.test(failure.providerMessage)) return false;
  return true;
}

/** A failure as the provider reported it. */
export interface ProviderFailure {
  provider: ProviderId;
  /** The HTTP status; 200 for a failure reported inside a successful answer. */
  httpStatus: number;
  /** The provider's codes, most specific first (may be empty). */
  codes: string[];
  /** The provider's own message, unchanged (quoted in the sentence, cut at 300 characters). */
  providerMessage: string;
  /** Set when the adapter already knows the kind (e.g. a Gemini finish reason it lists as a refusal); skips the table. */
  kind?: FailureKind;
}

/** The classification of a failure: its kind, the sentence for a person, and whether trying again can help (HTTP 429 or 5xx). */
export interface ClassifiedFailure {
  kind: FailureKind;
  message: string;
  retryable: boolean;
}

/** Classify a provider failure with the table (first matching row). */
export function classifyProviderFailure(failure: ProviderFailure): ClassifiedFailure {
  // The last row matches everything, so there is always a kind.
  const kind = failure.kind ?? FAILURE_RULES.find((rule) => matches(rule, failure))?.kind ?? 'invalid_request';
  return { kind, message: sentence(failure, kind), retryable: failure.httpStatus === 429 || failure.httpStatus >= 500 };
}

/**
 * The `ProviderError` for a failure: the table's sentence and retryable, the
 * provider's code (`providerCode`, e.g. `invalidApiKey`, `RESOURCE_EXHAUSTED`) and message kept.
 */
export function providerFailureError(failure: ProviderFailure & { providerCode: string }): ProviderError {
  const classified = classifyProviderFailure(failure);
  return new ProviderError({
    provider: failure.provider,
    message: classified.message,
    providerCode: failure.providerCode,
    providerMessage: failure.providerMessage,
    httpStatus: failure.httpStatus,
    retryable: classified.retryable,
  });
}

function sentence(failure: ProviderFailure, kind: FailureKind): string {
  const { provider, httpStatus, providerMessage } = failure;
  const name = PROVIDER_NAMES[provider];
  const variable = KEY_VARIABLES[provider];
  const accountPage = provider === 'local' ? '' : ACCOUNT_PAGES[provider];
  if (provider === 'gemini' && kind === 'no_credit') {
    return (
      'The Gemini API refused the request: the quota of the key in GEMINI_API_KEY is used up. ' +
      `Check the plan and billing at https://aistudio.google.com and try again. It said: "${providerMessage}"`
    );
  }
  const said = providerMessage ? ` ${provider === 'gemini' ? 'It' : name} said: "${truncate(providerMessage, 300)}"` : '';
  switch (kind) {
    case 'bad_key':
      return `${name} rejected the API key in ${variable}; check it at ${accountPage} and restart the studio.${said}`;
    case 'no_credit':
      return `${name} refused the task because the account has no credit left; top it up at ${accountPage} and try again.${said}`;
    case 'rate_limit':
      return `${name} is rate-limiting this API key; wait a minute and try again.${said}`;
    case 'refused_prompt':
      return `${name} refused the prompt on safety grounds; rephrase it (or change the reference images) and try again.${said}`;
    case 'unavailable':
      return `${name} is having trouble (HTTP ${httpStatus}); try again in a few minutes.${said}`;
    case 'not_found':
      return `${name} answered 404 Not Found; check the ${variable.replace('_API_KEY', '_BASE_URL')} setting.${said}`;
    default:
      return `${name} refused the request (HTTP ${httpStatus}).${said}`;
  }
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
