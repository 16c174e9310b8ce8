// Who may use the browser host: the per-launch token, the page's session cookie and one-time launch codes.
// The printed URL carries the token once; the host trades it (or a launch code) for an HttpOnly,
// SameSite=Strict session cookie and redirects to the same path without it, so the token leaves the address
// bar and the session history. Scripts and tests may send the token as `Authorization: Bearer`; the page
// sends the cookie plus PAGE_REQUEST_HEADER. Requests from another origin are refused before any of this.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PAGE_REQUEST_HEADER } from '../shared/api';

/** How long a launch code (the `--open` launch page) stays usable. */
export const LAUNCH_CODE_TTL_MS = 120_000;

/** Why a request may not use the API: the status to answer and a message for the user. */
export interface Refusal {
  readonly status: 401 | 403;
  readonly error: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/** The value of cookie `name` in the request's Cookie header, or undefined. */
function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Refuses a request from a page of another origin: an Origin header that is not this host's own origin
 * (as the request's Host names it). Browsers send Origin with every cross-origin fetch and form post.
 */
export function crossOriginRefusal(req: IncomingMessage): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  if (origin === `http://${(req.headers.host ?? '').toLowerCase()}`) return undefined;
  return { status: 403, error: `cross-origin request from ${origin.slice(0, 100)} refused` };
}

export class BrowserSession {
  /** Cookie name; it names the port because browsers share cookies among the ports of one host. */
  readonly cookieName: string;
  private readonly secret = randomBytes(32).toString('base64url');
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly token: string,
    port: number,
    private readonly now: () => number = Date.now,
  ) {
    this.cookieName = `emlw-session-${port}`;
  }

  /** Returns a fresh launch code: it opens a session once, within LAUNCH_CODE_TTL_MS. */
  issueLaunchCode(): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, this.now() + LAUNCH_CODE_TTL_MS);
    return code;
  }

  /** True when the query names a credential (`token` or `code`), valid or not: the page is then redirected without it. */
  static carriesCredential(query: URLSearchParams): boolean {
    return query.has('token') || query.has('code');
  }

  /**
   * Returns the Set-Cookie value that opens a session when the query holds the launch token or an unused,
   * unexpired launch code (the code is spent), else undefined.
   */
  exchange(query: URLSearchParams): string | undefined {
    const token = query.get('token');
    const code = query.get('code');
    let valid = token !== null && sameSecret(token, this.token);
    if (!valid && code !== null) {
      const expires = this.codes.get(code);
      this.codes.delete(code);
      valid = expires !== undefined && this.now() <= expires;
    }
    return valid ? `${this.cookieName}=${this.secret}; Path=/; HttpOnly; SameSite=Strict` : undefined;
  }

  /** Returns why the request may not use the API or the event stream, or undefined when it may. */
  refusal(req: IncomingMessage): Refusal | undefined {
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin') return { status: 403, error: `request from a ${fetchSite} page refused` };
    const bearer = bearerToken(req);
    if (bearer !== undefined) return sameSecret(bearer, this.token) ? undefined : { status: 401, error: 'invalid token' };
    const cookie = cookieValue(req, this.cookieName);
    if (cookie === undefined || !sameSecret(cookie, this.secret)) {
      return { status: 401, error: 'no session: open the URL the host printed (it carries the launch token)' };
    }
    if (req.headers[PAGE_REQUEST_HEADER] !== '1') return { status: 403, error: `the ${PAGE_REQUEST_HEADER} header is missing` };
    return undefined;
  }
}
