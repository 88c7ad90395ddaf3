import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request comes from one of our own pages. SameSite=Strict keeps the cookie from other *sites*, but
 * a page on another port of the same host, or on a sibling subdomain, is the same site and gets it sent along:
 * only the Origin (which browsers send on every WebSocket handshake and every cross-origin or non-GET fetch)
 * tells such a page apart.
 *
 * A request without an Origin is not from a browser page (curl, a gateway, socket.io-client in Node): it has
 * no ambient cookie to abuse, so it passes. Our own origin is the one the request was addressed to (its Host
 * header), whatever the scheme; `allowed` adds the public origins of a proxy in front (`ALLOWED_ORIGINS`).
 */
export function fromOwnOrigin(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a file: page) or garbage
  }
  return headers.host !== undefined && host === headers.host.toLowerCase();
}

/**
 * Fetch Metadata: a browser labels each request with where it came from. Anything but our own origin (or a
 * navigation the person typed, `none`) is refused for writes — a form or a no-cors fetch from a sibling page
 * sends `same-site` and needs no preflight.
 */
export function fetchSiteAllowed(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
