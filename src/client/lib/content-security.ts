import { setNonce } from 'get-nonce';
import { config } from 'zod';

/**
 * Makes the studio run under the server's Content-Security-Policy (no eval,
 * no inline styles without the nonce). Imported first by main.tsx, before any
 * zod schema is created:
 * - zod 4 compiles fast parsers with `new Function` unless `jitless`; probing
 *   for that alone is a CSP violation, so it is turned off (the interpreter is
 *   fast enough for one request form).
 * - Style elements inserted at run time (Radix dialog's scroll lock through
 *   react-style-singleton) take the nonce the server put in
 *   `<meta name="csp-nonce">` (absent in Vite's dev mode, which has no CSP).
 */
config({ jitless: true });
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
if (nonce) setNonce(nonce);
