/** What a feed's last good copy was served with, sent back so an unchanged feed answers 304. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

/** One fetch's outcome. A failure never throws: it is a reason to log beside the last good copy. */
export type FetchOutcome =
  | { kind: 'fresh'; bytes: Buffer; etag?: string; lastModified?: string }
  | { kind: 'not-modified' }
  | { kind: 'failed'; reason: string; retryAfterMs?: number };

export interface FetchLimits {
  /** The whole request, body included, must finish within this. */
  timeoutMs: number;
  /** A body past this many bytes is cut off and refused. */
  maxBytes: number;
}

/** Defaults: a calendar feed is a few megabytes at most; a slow server gets 30 seconds. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 50 * 1024 * 1024 };

/**
 * Fetches a feed with Node's own fetch (undici), conditionally when validators are known, under an
 * AbortSignal timeout that covers the body too, reading the body as a stream so an oversized one is
 * stopped at the limit instead of buffered whole.
 */
export async function fetchFeed(
  url: string,
  validators: FeedValidators | undefined,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<FetchOutcome> {
  const { href, authorization } = withoutCredentials(url);
  const headers: Record<string, string> = {
    accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
    'user-agent': 'event-archive-bot (calendar feed sync)',
  };
  if (authorization) headers.authorization = authorization;
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(href, { headers, signal, redirect: 'follow' });
    if (response.status === 304 && validators) {
      await response.body?.cancel();
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return {
        kind: 'failed',
        reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        ...retryAfter(response.headers.get('retry-after')),
      };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      return { kind: 'failed', reason: tooLarge(limits.maxBytes) };
    }
    const bytes = await readLimited(response, limits.maxBytes);
    if (!bytes) return { kind: 'failed', reason: tooLarge(limits.maxBytes) };
    return {
      kind: 'fresh',
      bytes,
      ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
      ...(response.headers.get('last-modified')
        ? { lastModified: response.headers.get('last-modified')! }
        : {}),
    };
  } catch (error) {
    return { kind: 'failed', reason: describeFailure(error, limits.timeoutMs) };
  }
}

/** The body, or undefined once it passes `maxBytes` (the stream is cancelled there). */
async function readLimited(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** fetch refuses URLs with credentials in them; a `user:password@` feed sends them as Basic auth instead. */
function withoutCredentials(url: string): { href: string; authorization?: string } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { href: parsed.href };
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { href: parsed.href, authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
}

function retryAfter(header: string | null): { retryAfterMs?: number } {
  if (!header) return {};
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return { retryAfterMs: seconds * 1000 };
  const at = Date.parse(header);
  return Number.isNaN(at) ? {} : { retryAfterMs: Math.max(0, at - Date.now()) };
}

function tooLarge(maxBytes: number): string {
  return `the feed is larger than ${(maxBytes / 1048576).toFixed(maxBytes < 1048576 ? 2 : 0)} MB; refused`;
}

/** undici wraps the reason (ECONNREFUSED, ENOTFOUND, a TLS error) in `cause`; a timeout is a TimeoutError. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `no complete answer within ${timeoutMs / 1000} s`;
  }
  const cause = err?.cause?.code ?? err?.cause?.message;
  return cause ? `fetch failed (${cause})` : `fetch failed (${err?.message ?? String(error)})`;
}
