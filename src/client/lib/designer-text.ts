import { modelName, providerName } from './catalog-names.ts';
import { formatUsdInText } from '../../catalog/money.ts';

/** A message in designers' words, with the developer detail it came with (or `null`). */
export interface DesignerMessage {
  /** What the UI shows. */
  text: string;
  /** Variables, offering ids, file names and server instructions, for a "details" disclosure. */
  detail: string | null;
}

const ENVIRONMENT_VARIABLE = /\b[A-Z][A-Z0-9]*_(?:API_KEY|BASE_URL|[A-Z0-9_]*KEY|URL|DIR|HOSTS|ORIGINS)\b/;
const FILE_NAME = /(?:\b[\w-]+\/)*[\w-]+\.(?:tsx?|md|json|env)\b|(?:^|\s)\.env\b/;
const SERVER_TALK = /\b(?:restart|studio server|server log|environment|stack trace)\b/i;
const OFFERING_ID = /\b(local|runware|runflow|aimlapi|gemini)\/(nano-banana(?:-pro|-2-lite|-2)?)\b/g;

/** "runware/nano-banana-pro" -> "Runware · Nano Banana Pro"; other text unchanged. */
export function nameOfferings(text: string): string {
  return text.replace(OFFERING_ID, (_match, provider: string, model: string) => `${providerName(provider)} · ${modelName(model)}`);
}

function isDeveloperTalk(sentence: string): boolean {
  return ENVIRONMENT_VARIABLE.test(sentence) || FILE_NAME.test(sentence) || SERVER_TALK.test(sentence);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Turns a server or catalog message into designers' words: offering ids
 * become names, "1 characters" reads "1 character", long dollar figures take
 * the money format, and any sentence naming a variable, a file or the server
 * moves to `detail` (a clause before ":" stays when it is plain words:
 * "Runware is not configured: set RUNWARE_API_KEY ..." shows "Runware is not
 * configured."). `fallback` is shown when nothing plain is left.
 */
export function toDesignerMessage(message: string, fallback = 'Something went wrong on the studio’s side.'): DesignerMessage {
  const named = formatUsdInText(nameOfferings(message))
    .replace(/\b1 characters\b/g, '1 character')
    .replace(/\b1 reference images\b/g, '1 reference image');
  const withoutFiles = named.replace(/\s*\([^()]*\.(?:tsx?|md|json)\)/g, '');
  const sentences = withoutFiles
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  const plain: string[] = [];
  let hidden = withoutFiles !== named;
  for (const sentence of sentences) {
    if (!isDeveloperTalk(sentence)) {
      plain.push(sentence);
      continue;
    }
    hidden = true;
    const [before] = sentence.split(/[:;]\s/);
    if (before && before !== sentence && !isDeveloperTalk(before)) plain.push(`${before.trim()}.`);
  }
  const text = plain.length > 0 ? plain.map(capitalise).join(' ') : fallback;
  return { text, detail: hidden ? message : null };
}
