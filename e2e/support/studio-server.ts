import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real studio server started for tests, on a free port with its own data directory. */
export interface RunningStudio {
  url: string;
  dataDirectory: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Provider key variables, blanked so a developer's .env cannot configure a provider the test did not ask for. */
const PROVIDER_KEYS = ['RUNWARE_API_KEY', 'RUNFLOW_API_KEY', 'AIMLAPI_API_KEY', 'GEMINI_API_KEY'];

/**
 * Starts `node --import tsx src/server/main.ts` (the built dist/ must exist)
 * with PORT=0 and a fresh STUDIO_DATA_DIR, and resolves with the URL it
 * prints (`listening on http://HOST:PORT`). Raises when it exits or prints
 * nothing within 30 s.
 */
export async function startStudioServer(environment: Record<string, string> = {}, dataDirectory?: string): Promise<RunningStudio> {
  const directory = dataDirectory ?? mkdtempSync(join(tmpdir(), 'banana-studio-e2e-'));
  const blanks = Object.fromEntries(PROVIDER_KEYS.map((key) => [key, '']));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...blanks, HOST: '127.0.0.1', PORT: '0', STUDIO_DATA_DIR: directory, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The studio server printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The studio server exited (${code}):\n${output}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume();
  return {
    url,
    dataDirectory: directory,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        // exitCode changes while awaiting above; TypeScript keeps the narrowing from the outer check.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!dataDirectory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
