import { startAimlapiFake } from './aimlapi-fake.ts';
import type { FakeProviderServer } from './fake-server.ts';
import { startGeminiFake } from './gemini-fake.ts';
import { startRunflowFake } from './runflow-fake.ts';
import { startRunwareFake } from './runware-fake.ts';

/**
 * `npm run fakes`: start the four fake provider servers on 127.0.0.1 and
 * print the environment lines that point the studio at them, so a person can
 * try every provider end to end without keys:
 *
 *   npm run fakes            # free ports
 *   FAKES_BASE_PORT=4100 npm run fakes   # Runware 4100, Runflow 4101, AI/ML API 4102, Gemini 4103
 *
 * Paste the printed lines into `.env` (or export them) and start the studio.
 * The keys are fixed (`fake-runware-key`, ...) so the lines stay valid across runs
 * with a fixed base port. Stops on Ctrl+C.
 */
async function main(): Promise<void> {
  const basePort = Number(process.env.FAKES_BASE_PORT ?? 0);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65_532) {
    throw new Error(`FAKES_BASE_PORT must be a port number (0 for free ports); got ${process.env.FAKES_BASE_PORT}`);
  }
  const port = (offset: number) => (basePort === 0 ? 0 : basePort + offset);
  const fakes: { prefix: string; name: string; server: FakeProviderServer }[] = [
    { prefix: 'RUNWARE', name: 'Runware', server: await startRunwareFake({ apiKey: 'fake-runware-key', port: port(0) }) },
    { prefix: 'RUNFLOW', name: 'Runflow', server: await startRunflowFake({ apiKey: 'fake-runflow-key', port: port(1) }) },
    { prefix: 'AIMLAPI', name: 'AI/ML API', server: await startAimlapiFake({ apiKey: 'fake-aimlapi-key', port: port(2) }) },
    { prefix: 'GEMINI', name: 'Gemini API', server: await startGeminiFake({ apiKey: 'fake-gemini-key', port: port(3) }) },
  ];
  console.log('# Fake provider servers are running. Put these lines in .env (or export them), then start the studio:');
  for (const fake of fakes) {
    console.log(`${fake.prefix}_API_KEY=${fake.server.apiKey}`);
    console.log(`${fake.prefix}_BASE_URL=${fake.server.url}`);
  }
  console.log(`# ${fakes.map((fake) => `${fake.name} ${fake.server.origin}`).join(', ')}. Press Ctrl+C to stop.`);

  const stop = async () => {
    await Promise.all(fakes.map((fake) => fake.server.close()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
