import { describe, expect, it } from 'vitest';
import styles from './styles.css?raw';

/**
 * styles.css (the first download's stylesheet) leaves out the files of the views loaded on demand (`@source not`);
 * those views import lazy-view-styles.css instead. These checks keep that safe as the code moves: a file left out must
 * never be shown without that sheet, so it is reached only through a dynamic import, and the module that import loads
 * brings the sheet along. Paths are relative to src/client, as `./app/app.tsx`.
 */
const sources: Record<string, string> = import.meta.glob(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true });

/** `specifier` (as `../lib/x.ts`) seen from the file `from` (as `./app/app.tsx`), as a path like the keys of `sources`. */
function resolvePath(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** What styles.css leaves out: its `@source not` paths (files or folders). */
const leftOutPaths = [...styles.matchAll(/^@source not '([^']+)';$/gm)].map((match) => resolvePath('./styles.css', match[1]!));
const leftOut = new Set(Object.keys(sources).filter((path) => leftOutPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))));

/** The relative modules a file imports: `value` (static, not `import type`), `dynamic` (`import('./x')`). */
function importsOf(path: string): { value: string[]; dynamic: string[] } {
  const text = sources[path]!;
  const value = [
    ...[...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'(\.[^']+)'/gm)].map((match) => match[1]!),
    ...[...text.matchAll(/^import\s+'(\.[^']+)'/gm)].map((match) => match[1]!),
  ].map((specifier) => resolvePath(path, specifier));
  const dynamic = [...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)].map((match) => resolvePath(path, match[1]!));
  return { value, dynamic };
}

describe('the stylesheet of the views loaded on demand', () => {
  const imports = new Map(Object.keys(sources).map((path) => [path, importsOf(path)]));

  it('styles.css leaves files out, and every path it names is there', () => {
    expect(leftOutPaths.length).toBeGreaterThan(5);
    for (const path of leftOutPaths)
      expect(
        [...leftOut].some((file) => file === path || file.startsWith(`${path}/`)),
        path,
      ).toBe(true);
  });

  it('a file left out is imported statically only by other files left out', () => {
    const leaks = [...imports].flatMap(([importer, { value }]) =>
      leftOut.has(importer) ? [] : value.filter((target) => leftOut.has(target)).map((target) => `${importer} -> ${target}`),
    );
    expect(leaks).toEqual([]);
  });

  it('a left-out module loaded on demand from the rest imports lazy-view-styles.css', () => {
    const entries = new Set([...imports].flatMap(([importer, { dynamic }]) => (leftOut.has(importer) ? [] : dynamic.filter((target) => leftOut.has(target)))));
    expect(entries.size).toBeGreaterThan(0);
    const withoutSheet = [...entries].filter((entry) => !imports.get(entry)?.value.includes('./lazy-view-styles.css'));
    expect(withoutSheet).toEqual([]);
  });
});
