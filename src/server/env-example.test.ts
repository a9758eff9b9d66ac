import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/catalog.ts';
import { loadConfig } from './config.ts';

const REPOSITORY_ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(join(REPOSITORY_ROOT, '.env.example'), 'utf8');

/** The variables docs/API.md and config.ts name: `PORT`, `HOST`, `STUDIO_*`, and each provider's key and endpoint. */
function documentedVariables(): string[] {
  const sources = [readFileSync(join(REPOSITORY_ROOT, 'docs/API.md'), 'utf8'), readFileSync(join(REPOSITORY_ROOT, 'src/server/config.ts'), 'utf8')];
  const names = new Set<string>(['PORT', 'HOST']);
  for (const text of sources) for (const match of text.matchAll(/\b(STUDIO_[A-Z_]+[A-Z])\b/g)) names.add(match[1]!);
  for (const provider of CATALOG.providers) {
    if (provider.keyVariable) names.add(provider.keyVariable);
    if (provider.baseUrlVariable) names.add(provider.baseUrlVariable);
  }
  return [...names].sort();
}

describe('.env.example', () => {
  it('lists every variable the studio reads, each with a comment line above it', () => {
    const lines = EXAMPLE.split('\n');
    for (const name of documentedVariables()) {
      const index = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(index, `${name} is missing from .env.example`).toBeGreaterThan(0);
      const previous = lines
        .slice(0, index)
        .reverse()
        .find((line) => !/^[A-Z_]+=/.test(line));
      expect(previous, `${name} has no comment above it`).toMatch(/^# \S/);
    }
  });

  it('copied to .env as it is, gives the same settings as no .env at all', () => {
    const withExample = mkdtempSync(join(tmpdir(), 'studio-env-example-'));
    const withNothing = mkdtempSync(join(tmpdir(), 'studio-env-none-'));
    try {
      writeFileSync(join(withExample, '.env'), EXAMPLE);
      expect(Object.keys(parseDotenv(EXAMPLE)).sort()).toEqual(documentedVariables());
      expect(loadConfig({}, withExample)).toEqual({ ...loadConfig({}, withNothing), dataDirectory: join(withExample, 'data') });
    } finally {
      rmSync(withExample, { recursive: true, force: true });
      rmSync(withNothing, { recursive: true, force: true });
    }
  });
});
