import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { cutText } from '../catalog/bounds.ts';
import { ApiError } from './api-error.ts';
import { isLoopbackHost, type StudioConfig } from './config.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = ['0.0.0.0', '::', '[::]'];

/** Host names (lower-case, IPv6 in brackets) the server answers to, before `STUDIO_ALLOWED_HOSTS`. */
function servedHostNames(config: StudioConfig): Set<string> {
  const host = config.host.toLowerCase();
  const names = new Set<string>();
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  names.add(bracketed);
  if (isLoopbackHost(host) || WILDCARD_HOSTS.includes(host)) for (const name of LOOPBACK_NAMES) names.add(name);
  if (WILDCARD_HOSTS.includes(host)) {
    // Bound to every interface: each interface address is "the address it serves".
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.family === 'IPv6' ? `[${address.address.toLowerCase()}]` : address.address);
    }
  }
  return names;
}

function parseHost(value: string): { hostname: string; port: string } | null {
  try {
    const url = new URL(`http://${value}`);
    if (url.username || url.password || url.pathname !== '/' || url.search) return null;
    return { hostname: url.hostname.toLowerCase(), port: url.port || '80' };
  } catch {
    return null;
  }
}

/**
 * docs/API.md "Who may call": answers 403 `forbidden_origin` unless the `Host`
 * header names the address the server serves (loopback names when bound to
 * loopback, with the listening port once known) or a name in
 * `STUDIO_ALLOWED_HOSTS`, and the `Origin` header, when present, is the
 * server's own origin (same host and port as `Host`) or is listed in
 * `STUDIO_ALLOWED_ORIGINS`. Stops DNS-rebinding and cross-site pages from
 * spending the user's credit through a server on localhost.
 */
export function requestGuard(config: StudioConfig, getListeningPort: () => number | undefined): MiddlewareHandler {
  const names = servedHostNames(config);
  const extraHosts = new Set(config.allowedHosts);
  const extraOrigins = new Set(config.allowedOrigins);
  // Parsed Host headers; a browser sends the same few, so this stays tiny (capped anyway).
  const parsedHosts = new Map<string, ReturnType<typeof parseHost>>();
  return async (context, next) => {
    const hostHeader = (context.req.header('host') ?? new URL(context.req.url).host).toLowerCase();
    let host = parsedHosts.get(hostHeader);
    if (host === undefined) {
      host = parseHost(hostHeader);
      if (parsedHosts.size > 100) parsedHosts.clear();
      parsedHosts.set(hostHeader, host);
    }
    const port = getListeningPort();
    const hostAllowed =
      host !== null &&
      (extraHosts.has(hostHeader) || extraHosts.has(host.hostname) || (names.has(host.hostname) && (port === undefined || host.port === String(port))));
    if (!hostAllowed) {
      throw new ApiError(
        403,
        'forbidden_origin',
        `This studio server does not answer to host "${cutText(hostHeader)}"; open it at its own address, or list the name in STUDIO_ALLOWED_HOSTS.`,
      );
    }
    const origin = context.req.header('origin');
    if (origin !== undefined) {
      const normalised = origin.replace(/\/+$/, '').toLowerCase();
      let sameOrigin: boolean;
      try {
        const url = new URL(normalised);
        sameOrigin = (url.protocol === 'http:' || url.protocol === 'https:') && url.host === new URL(`http://${hostHeader}`).host;
      } catch {
        sameOrigin = false;
      }
      if (!sameOrigin && !extraOrigins.has(normalised)) {
        throw new ApiError(
          403,
          'forbidden_origin',
          `Requests from ${cutText(origin)} are refused: only pages served by this studio may call it. List the origin in STUDIO_ALLOWED_ORIGINS to allow it.`,
        );
      }
    }
    await next();
  };
}
