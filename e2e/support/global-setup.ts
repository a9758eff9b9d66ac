import { execFileSync } from 'node:child_process';
import { startAimlapiFake } from '../../src/server/testing/fakes/aimlapi-fake.ts';
import { startGeminiFake } from '../../src/server/testing/fakes/gemini-fake.ts';
import { startRunflowFake } from '../../src/server/testing/fakes/runflow-fake.ts';
import { startRunwareFake } from '../../src/server/testing/fakes/runware-fake.ts';
import { startStudioServer } from './studio-server.ts';

/**
 * Builds the UI once, then starts two real studio servers on free ports with
 * temporary data directories: one with only the offline `local` provider
 * (STUDIO_URL), one pointed at the fake Runware server (STUDIO_RUNWARE_URL)
 * and one at the fake Gemini, Runflow and AI/ML API servers
 * (STUDIO_PROVIDERS_URL). Tests read the URLs from the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!process.env.E2E_SKIP_BUILD) {
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const runware = await startRunwareFake();
  const local = await startStudioServer();
  const withRunware = await startStudioServer({ RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url });
  const [gemini, runflow, aimlapi] = await Promise.all([startGeminiFake(), startRunflowFake(), startAimlapiFake()]);
  const withProviders = await startStudioServer({
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.url,
    RUNFLOW_API_KEY: runflow.apiKey,
    RUNFLOW_BASE_URL: runflow.url,
    AIMLAPI_API_KEY: aimlapi.apiKey,
    AIMLAPI_BASE_URL: aimlapi.url,
  });
  process.env.STUDIO_PROVIDERS_URL = withProviders.url;
  process.env.STUDIO_URL = local.url;
  process.env.STUDIO_RUNWARE_URL = withRunware.url;
  // Only for the test that checks the key never reaches the browser.
  process.env.STUDIO_RUNWARE_KEY = runware.apiKey;
  return async () => {
    await Promise.all([local.stop(), withRunware.stop(), withProviders.stop()]);
    await Promise.all([runware, gemini, runflow, aimlapi].map((fake) => fake.close()));
  };
}
