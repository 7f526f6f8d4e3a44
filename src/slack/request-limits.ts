import { notice } from '../core/commands/notice.js';
import { inputTooLarge } from '../core/input-limits.js';
import type { CommandRunner } from './command-runner.js';

export interface RateLimitOptions {
  /** Requests a user may make in a burst. Default 30. */
  burst?: number;
  /** How fast the allowance refills, in requests per second. Default 2. */
  perSecond?: number;
  now?: () => number;
  /** Users remembered at once (the least recently seen are forgotten first). Default 10,000. */
  maxUsers?: number;
}

/** A token bucket per user: true when this request is within the user's allowance. */
export function perUserRateLimit(options: RateLimitOptions = {}): (userId: string) => boolean {
  const burst = options.burst ?? 30;
  const rate = (options.perSecond ?? 2) / 1000;
  const now = options.now ?? Date.now;
  const maxUsers = options.maxUsers ?? 10_000;
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return (userId) => {
    const t = now();
    const bucket = buckets.get(userId) ?? { tokens: burst, atMs: t };
    buckets.delete(userId);
    bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.atMs) * rate);
    bucket.atMs = t;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    buckets.set(userId, bucket);
    if (buckets.size > maxUsers) buckets.delete(buckets.keys().next().value as string);
    return allowed;
  };
}

/** What a user is told when they send commands faster than the bot answers them. */
export const SLOW_DOWN =
  "You're sending requests faster than I can answer them. Wait a few seconds, then try again.";

/**
 * A runner that refuses, before any search, what would take unbounded work: text over the input limits
 * (answered with what to type instead) and a user's requests beyond their rate (answered with a
 * friendly "wait a few seconds"). Everything else goes to `inner`.
 */
export function limitedRunner(inner: CommandRunner, allow = perUserRateLimit()): CommandRunner {
  return {
    command: async (input) => {
      if (input.userId && !allow(input.userId)) return notice('warning', SLOW_DOWN);
      const tooLarge = inputTooLarge(input.text);
      if (tooLarge) return notice('warning', tooLarge);
      return inner.command(input);
    },
    action: async (action, userId, asker) => {
      if (!allow(userId)) return notice('warning', SLOW_DOWN);
      return inner.action(action, userId, asker);
    },
    close: () => inner.close(),
  };
}
