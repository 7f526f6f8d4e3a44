import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, type HTTPReceiver, isValidSlackRequest, type Logger } from '@slack/bolt';
import type { AcksOwed } from './acks-owed.js';

/** Slack's replay window: a signed request older than this is stale (Bolt refuses it), newer ones may be replays. */
const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * Signatures already accepted, each remembered until its window closes. An interface so that replicas
 * can share one store (a table, a cache) instead of each remembering only its own requests.
 */
export interface SeenSignatures {
  /** Records `signature` until `untilMs`; false when it was already recorded (a replay). */
  firstSeen(signature: string, untilMs: number, nowMs: number): boolean | Promise<boolean>;
}

/** The store for one process: a map, swept of expired entries as it goes. */
export function memorySeenSignatures(maxEntries = 100_000): SeenSignatures {
  const seen = new Map<string, number>();
  return {
    firstSeen(signature, untilMs, nowMs) {
      const until = seen.get(signature);
      if (until !== undefined && until > nowMs) return false;
      // Entries go in by arrival, so the oldest expire first: sweep from the front.
      for (const [key, expiry] of seen) {
        if (expiry > nowMs && seen.size < maxEntries) break;
        seen.delete(key);
      }
      seen.set(signature, untilMs);
      return true;
    },
  };
}

export interface RequestGuardOptions {
  signingSecret: string;
  /** The path Slack posts to; other routes (health) pass untouched. */
  path: string;
  bodyLimit?: number;
  seen: SeenSignatures;
  logger: Logger;
  now?: () => number;
  /** Counts each request on `path` from its arrival until its response has been sent. */
  acks?: AcksOwed;
}

type Buffered = Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;

/** Why a request was refused before Bolt saw it, or undefined to let it through. */
type Refusal = { status: 400 | 401; why: string } | undefined;

/**
 * Checks Slack requests before Bolt's HTTPReceiver handles them, for what Bolt lets through: a signed
 * body that is valid JSON but not an object (`null` made Bolt throw outside any handler and the process
 * died), a timestamp from the future (Bolt only refuses old ones), and a replay of a request already
 * seen within the signature window. Bolt still verifies the signature itself afterwards; requests with
 * a bad signature are left for it to refuse.
 */
export function guardRequests(receiver: HTTPReceiver, options: RequestGuardOptions): void {
  const inner = receiver.requestListener;
  const now = options.now ?? Date.now;
  const { logger } = options;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== options.path) {
      inner(req, res);
      return;
    }
    const paid = options.acks?.arrived();
    if (paid) {
      res.once('finish', paid);
      res.once('close', paid);
    }
    void (async () => {
      let buffered: Buffered;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, options.bodyLimit);
      } catch (error) {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
        logger.warn(tooLarge ? 'request body too large; refused' : 'request body could not be read; refused');
        answer(res, tooLarge ? 413 : 400);
        return;
      }
      const refusal = await check(buffered);
      if (refusal) {
        logger.warn(`request refused (${refusal.status}): ${refusal.why}`);
        answer(res, refusal.status);
        return;
      }
      inner(buffered, res);
    })().catch((error: unknown) => {
      logger.error('request guard failed:', error);
      answer(res, 500);
    });
  };

  async function check(req: Buffered): Promise<Refusal> {
    const body = req.rawBody.toString();
    const signature = header(req, 'x-slack-signature');
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    // ssl_check and unsigned or badly signed requests: Bolt's own checks answer those.
    if (!signature || !Number.isFinite(timestamp)) return undefined;
    const valid = isValidSlackRequest({
      signingSecret: options.signingSecret,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    });
    if (!valid) return undefined;
    const nowMs = now();
    if (timestamp * 1000 > nowMs + SIGNATURE_WINDOW_MS) {
      return { status: 401, why: 'timestamp more than 5 minutes ahead of this clock' };
    }
    if (!(await options.seen.firstSeen(signature, timestamp * 1000 + SIGNATURE_WINDOW_MS, nowMs))) {
      return { status: 401, why: 'a replay of a request already received' };
    }
    let parsed: unknown;
    try {
      parsed = HTTPModuleFunctions.parseHTTPRequestBody(req);
    } catch {
      return { status: 400, why: 'malformed body' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return {
        status: 400,
        why: `body is ${Array.isArray(parsed) ? 'an array' : String(parsed)}, not an object`,
      };
    }
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  // A body left unread (too large) poisons a kept-alive connection; the client must open a new one.
  res.writeHead(status, status === 413 ? { connection: 'close' } : {});
  res.end();
}
