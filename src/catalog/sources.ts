import type { Source } from './types.ts';

/** The documents in this repository the catalog is built from (docs/seeds/README.md lists them). */
export const DOCUMENTS = {
  /** Runware, Nano Banana 2 (`google:4@3`). */
  runwareNanoBanana2: 'docs/seeds/000_d06cf3e68a6a4bd5.txt',
  /** Runware, Nano Banana Pro (`google:4@2`). */
  runwareNanoBananaPro: 'docs/seeds/001_22455cd64c9e446c.txt',
  /** Runflow, Nano Banana 2 (`google/nano-banana-2`). */
  runflowNanoBanana2: 'docs/seeds/002_d0c7c7a4a47d11f0.txt',
  /** Runware, Nano Banana (`google:4@1`). */
  runwareNanoBanana: 'docs/seeds/003_ed5d51c1c788f0ca.txt',
  /** AI/ML API, Nano Banana 2 (`google/nano-banana-2`). */
  aimlapiNanoBanana2: 'docs/seeds/004_509e7fbe81856d67.txt',
  /** Facts gathered from the providers' public docs and SDKs. */
  providers: 'docs/PROVIDERS.md',
  /** The known inconsistencies inside the documents. */
  seedsIndex: 'docs/seeds/README.md',
  /** The studio server's HTTP contract. */
  api: 'docs/API.md',
} as const;

/** Builds a `Source`; `note` records a decision taken when reading the document. */
export function source(document: string, section: string, note?: string): Source {
  return note === undefined ? { document, section } : { document, section, note };
}
