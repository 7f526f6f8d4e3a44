import type { Notifier, PostResult } from '../core/ports/notifier.js';
import type { Delivery, JobLogger, Plan } from './delivery.js';

/** Timers and clocks are only millisecond-exact; pacing keeps this much on the safe side. */
const CLOCK_GRAIN_MS = 2;

/**
 * When each channel may next be posted to, kept across ticks: Slack allows about one chat.postMessage
 * per second per channel, and a 429's Retry-After pushes the channel's next turn further.
 */
export class ChannelPacer {
  private readonly nextAllowed = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** Books the channel's next turn at or after `nowMs`; undefined (nothing booked) when later than `latestMs`. */
  book(pace: string, nowMs: number, latestMs: number): number | undefined {
    const at = Math.max(nowMs, this.nextAllowed.get(pace) ?? 0);
    if (at > latestMs) return undefined;
    this.nextAllowed.set(pace, at + this.intervalMs);
    return at;
  }

  /**
   * Paced from the answer, not the request: the next post to this channel then reaches Slack at least
   * the interval after this one did, however the network delayed either.
   */
  answered(pace: string, afterMs: number): void {
    this.push(pace, afterMs + this.intervalMs + CLOCK_GRAIN_MS);
  }

  /** Slack said to wait: nothing goes to this channel before `untilMs`. */
  hold(pace: string, untilMs: number): void {
    this.push(pace, untilMs);
  }

  private push(pace: string, atMs: number): void {
    this.nextAllowed.set(pace, Math.max(this.nextAllowed.get(pace) ?? 0, atMs));
  }
}

export interface PostStepOptions {
  notifier: Notifier;
  pacer: ChannelPacer;
  /** Bounds the Slack calls in flight (waiting for a channel's turn takes no slot). */
  slot: <T>(task: () => Promise<T>) => Promise<T>;
  waitUntil: (atMs: number) => Promise<void>;
  now: () => number;
  logger: JobLogger;
  /** A post not answered within this long is in doubt; 0 waits for ever. */
  postTimeoutMs: number;
  /** True once the dispatcher is stopping: an item not yet posting is released instead. */
  stopping?: () => boolean;
}

/** How a post step ended: not attempted (its channel is busy, or the claim was lost), or Slack's answer. */
export type PostOutcome =
  | { kind: 'released' }
  | { kind: 'lost' }
  | { kind: 'answered'; result: PostResult; afterMs: number };

/**
 * Step two: waits for the channel's turn, takes a slot, marks the item as posting and posts it. An item
 * whose channel is not free again by `latestMs` is not attempted. `begun` when the item was already
 * marked (a post in doubt that turned out not to have arrived).
 */
export async function postDelivery(
  options: PostStepOptions,
  d: Delivery,
  plan: Extract<Plan, { reply: unknown }>,
  latestMs: number,
  begun: boolean,
): Promise<PostOutcome> {
  const { notifier, pacer, slot, now, logger } = options;
  const at = pacer.book(d.pace, now(), latestMs);
  if (at === undefined) return { kind: 'released' };
  await options.waitUntil(at);
  // Marked as posting only once it holds a slot, right before the call: an item still waiting for
  // a slot when the process dies is not in doubt, and is simply claimed again.
  const result = await slot(async (): Promise<PostResult | 'stopped' | undefined> => {
    if (options.stopping?.()) return 'stopped';
    if (!begun && !(await d.begin(now()))) return undefined;
    try {
      return await withTimeout(
        notifier.post({ to: d.to, reply: plan.reply, key: d.key }),
        options.postTimeoutMs,
      );
    } catch (error) {
      logger.error(`${d.label}: the notifier threw:`, error);
      return { ok: false, error: { kind: 'uncertain', code: 'notifier_exception' } };
    }
  });
  if (!result) return { kind: 'lost' };
  if (result === 'stopped') return { kind: 'released' };
  const afterMs = now();
  pacer.answered(d.pace, afterMs);
  if (!result.ok && result.error.kind === 'ratelimited')
    pacer.hold(d.pace, afterMs + result.error.retryAfterMs);
  return { kind: 'answered', result, afterMs };
}

/** Runs at most `n` tasks at once; the rest wait their turn in order. */
export function semaphore(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < n) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** The post's outcome, or "in doubt" once `ms` pass without one. */
function withTimeout(post: Promise<PostResult>, ms: number): Promise<PostResult> {
  if (ms <= 0) return post;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PostResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: { kind: 'uncertain', code: 'post_timeout' } }), ms);
    timer.unref?.();
  });
  return Promise.race([post, timeout]).finally(() => clearTimeout(timer));
}
