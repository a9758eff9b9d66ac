import { describe, expect, it } from 'vitest';
import { classifyProviderFailure, type FailureKind, type ProviderFailure } from './provider-errors.ts';

/** (provider, HTTP status, codes, message) -> kind and retryable, as the adapters' wire formats report them (docs/PROVIDERS.md). */
const CASES: Array<[Omit<ProviderFailure, 'kind'>, FailureKind, boolean]> = [
  [{ provider: 'runware', httpStatus: 400, codes: ['invalidApiKey'], providerMessage: 'Invalid API key' }, 'bad_key', false],
  [{ provider: 'runware', httpStatus: 400, codes: ['insufficientCredits'], providerMessage: 'Insufficient credits' }, 'no_credit', false],
  [{ provider: 'runware', httpStatus: 400, codes: ['contentModerated'], providerMessage: 'blocked' }, 'refused_prompt', false],
  [{ provider: 'runware', httpStatus: 404, codes: ['unknown'], providerMessage: '' }, 'invalid_request', false],
  [{ provider: 'runware', httpStatus: 503, codes: [], providerMessage: '' }, 'unavailable', true],
  [{ provider: 'runflow', httpStatus: 404, codes: ['RUN_NOT_FOUND'], providerMessage: 'Run not found' }, 'invalid_request', false],
  [{ provider: 'runflow', httpStatus: 404, codes: ['NOT_FOUND'], providerMessage: '' }, 'not_found', false],
  [{ provider: 'runflow', httpStatus: 200, codes: ['failed'], providerMessage: 'Blocked by the content policy' }, 'refused_prompt', false],
  [{ provider: 'runflow', httpStatus: 422, codes: ['VALIDATION_ERROR'], providerMessage: 'content policy' }, 'invalid_request', false],
  [{ provider: 'aimlapi', httpStatus: 403, codes: [], providerMessage: 'Please top up your balance' }, 'no_credit', false],
  [{ provider: 'aimlapi', httpStatus: 403, codes: [], providerMessage: 'Forbidden' }, 'bad_key', false],
  [{ provider: 'aimlapi', httpStatus: 400, codes: [], providerMessage: 'Prompt flagged by moderation' }, 'refused_prompt', false],
  [{ provider: 'gemini', httpStatus: 400, codes: ['INVALID_ARGUMENT', 'API_KEY_INVALID'], providerMessage: 'API key not valid.' }, 'bad_key', false],
  [{ provider: 'gemini', httpStatus: 429, codes: ['RESOURCE_EXHAUSTED'], providerMessage: 'check your plan and billing details' }, 'no_credit', true],
  [{ provider: 'gemini', httpStatus: 429, codes: ['RESOURCE_EXHAUSTED'], providerMessage: 'Resource has been exhausted' }, 'rate_limit', true],
  [{ provider: 'gemini', httpStatus: 500, codes: ['INTERNAL'], providerMessage: '' }, 'unavailable', true],
];

describe('provider error classifier', () => {
  it.each(CASES)('%o is %s (retryable %s)', (failure, kind, retryable) => {
    expect(classifyProviderFailure(failure)).toMatchObject({ kind, retryable });
  });

  it('says what to do, naming the key variable and the account page', () => {
    expect(classifyProviderFailure({ provider: 'runware', httpStatus: 401, codes: ['invalidApiKey'], providerMessage: 'Invalid API key' }).message).toBe(
      'Runware rejected the API key in RUNWARE_API_KEY; check it at https://my.runware.ai and restart the studio. Runware said: "Invalid API key"',
    );
    expect(classifyProviderFailure({ provider: 'gemini', httpStatus: 503, codes: ['UNAVAILABLE'], providerMessage: 'overloaded' }).message).toBe(
      'The Gemini API is having trouble (HTTP 503); try again in a few minutes. It said: "overloaded"',
    );
    expect(classifyProviderFailure({ provider: 'aimlapi', httpStatus: 404, codes: [], providerMessage: '' }).message).toBe(
      'AI/ML API answered 404 Not Found; check the AIMLAPI_BASE_URL setting.',
    );
  });
});
