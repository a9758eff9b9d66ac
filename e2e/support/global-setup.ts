import { execFileSync } from 'node:child_process';
import { startRunwareFake } from '../fakes/runware-fake.ts';
import { startStudioServer } from './studio-server.ts';

/**
 * Builds the UI once, then starts two real studio servers on free ports with
 * temporary data directories: one with only the offline `local` provider
 * (STUDIO_URL) and one pointed at the fake Runware server
 * (STUDIO_RUNWARE_URL). Tests read the URLs from the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!process.env.E2E_SKIP_BUILD) {
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const runware = await startRunwareFake();
  const local = await startStudioServer();
  const withRunware = await startStudioServer({ RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url });
  process.env.STUDIO_URL = local.url;
  process.env.STUDIO_RUNWARE_URL = withRunware.url;
  // Only for the test that checks the key never reaches the browser.
  process.env.STUDIO_RUNWARE_KEY = runware.apiKey;
  return async () => {
    await Promise.all([local.stop(), withRunware.stop()]);
    await runware.close();
  };
}
