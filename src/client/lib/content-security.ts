import { setNonce } from 'get-nonce';

/**
 * Makes the studio run under the server's Content-Security-Policy (no inline
 * styles without the nonce). Imported first by main.tsx: style elements
 * inserted at run time (Radix dialog's scroll lock through
 * react-style-singleton) take the nonce the server put in
 * `<meta name="csp-nonce">` (absent in Vite's dev mode, which has no CSP).
 * zod's setting for the policy is in zod-content-security.ts, loaded with the first schema (Experiments view).
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
if (nonce) setNonce(nonce);
