import { config } from 'zod';

/**
 * zod 4 compiles fast parsers with `new Function` unless `jitless`; probing for
 * that alone is a violation of the server's Content-Security-Policy (no eval), so
 * it is turned off (the interpreter is fast enough for one request form). Import
 * this module before any module that creates a zod schema (src/catalog/request.ts).
 * zod stays out of the first download (the studio form uses the zod-free
 * src/catalog/check-request.ts); only the Experiments view, a lazy chunk, imports it.
 */
config({ jitless: true });
