import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json is). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A studio server started as a child process for tests and benchmarks. */
export interface StudioServerProcess {
  /** `http://127.0.0.1:<port>`, as printed on the `listening on` line. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Sends SIGTERM and resolves when the process has exited (SIGKILL after `graceMs`, default 5000). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx src/server/main.ts` with PORT=0 and
 * `STUDIO_DATA_DIR=dataDirectory`, plus `environment` (e.g.
 * `{ RUNWARE_API_KEY: 'test', RUNWARE_BASE_URL: fakeUrl }`), in the repository
 * root, and resolves once it prints `listening on http://HOST:PORT`.
 * Provider keys from the parent environment are removed unless given in
 * `environment`, so tests see only what they set. Rejects when the process
 * exits first or does not listen within `timeoutMs` (default 30 s).
 */
export async function startStudioServer(options: {
  dataDirectory: string;
  /** What node runs, default `['--import', 'tsx', 'src/server/main.ts']` (the built server: `['scripts/start.mjs']`). */
  nodeArguments?: string[];
  environment?: Record<string, string>;
  arguments?: string[];
  timeoutMs?: number;
}): Promise<StudioServerProcess> {
  const environment: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/_API_KEY$|_BASE_URL$|^STUDIO_/.test(name)),
  );
  Object.assign(environment, { PORT: '0', HOST: '127.0.0.1', STUDIO_DATA_DIR: options.dataDirectory }, options.environment ?? {});
  const entry = options.nodeArguments ?? ['--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(process.execPath, [...entry, ...(options.arguments ?? [])], {
    cwd: REPOSITORY_ROOT,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the studio server did not print its listening line within ${options.timeoutMs ?? 30_000} ms:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the studio server exited with code ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
