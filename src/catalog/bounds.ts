/**
 * Bounds on what validation reads and what error messages echo (issue 10:
 * a 10 KB deep body crashed validation; a 1 MB unknown value was echoed
 * twice). Pure functions, shared by the browser and the server.
 */

/** Deepest nesting of arrays and objects a request body may have. A GenerationRequest needs 2. */
export const MAX_JSON_DEPTH = 32;

/** Longest piece of caller-given text an error message quotes, in characters (then an ellipsis). */
const MAX_ECHOED_CHARACTERS = 80;

/**
 * Whether `value` nests arrays/objects deeper than `maxDepth` (a scalar is
 * depth 0, `[1]` depth 1). Iterative, so any depth is measured without
 * recursion; stops at the first branch over the limit.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value: current, depth } = entry;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > maxDepth) return true;
    const children = Array.isArray(current) ? current : Object.values(current as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** `text` cut to `maxCharacters` with an ellipsis (`…`) when longer; unchanged otherwise. */
export function cutText(text: string, maxCharacters: number = MAX_ECHOED_CHARACTERS): string {
  if (text.length <= maxCharacters) return text;
  // Do not split a surrogate pair.
  let end = maxCharacters - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A caller-given value as quoted JSON for an error message, cut to `maxCharacters`. Never throws. */
export function quoteValue(value: unknown, maxCharacters: number = MAX_ECHOED_CHARACTERS): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(cutText(value, maxCharacters));
  else if (value === null || typeof value !== 'object') text = String(value);
  else text = Array.isArray(value) ? 'an array' : 'an object';
  return cutText(text, maxCharacters + 2);
}
