import type { Notifier, PostResult } from '../core/ports/notifier.js';
import type { Counter, Delivery, JobLogger } from './delivery.js';

/** How far before a post in doubt began its message is looked for (clock skew between us and Slack). */
const FIND_SLACK_MS = 60_000;

/**
 * Step three: writes Slack's answer to the item's row (sent, or retried / failed / missed by the rules)
 * and returns the counter it goes under.
 */
export async function recordOutcome(
  d: Delivery,
  result: PostResult,
  afterMs: number,
  deadlineMs: number,
  logger: JobLogger,
): Promise<Counter> {
  if (result.ok) {
    await d.sent(afterMs, result.ts, result.channelId);
    return 'sent';
  }
  const { error } = result;
  const counter = await d.failed(afterMs, error, deadlineMs);
  const log = counter === 'retried' ? logger.info : logger.warn;
  log.call(logger, `${d.label}: ${error.kind} ${error.code}; ${counter}`);
  return counter;
}

/**
 * For an item found marked "posting" (an earlier attempt never recorded its outcome): asks the notifier
 * whether the message arrived and records what it can tell. Returns the counter when the item is settled
 * (found, or given up: at-most-once), or `post` when it is known not to have arrived.
 */
export async function recordDoubt(
  d: Delivery,
  sinceMs: number,
  options: {
    notifier: Notifier;
    slot: <T>(task: () => Promise<T>) => Promise<T>;
    now: () => number;
    logger: JobLogger;
  },
): Promise<Counter | 'post'> {
  const { notifier, now, logger } = options;
  if (!notifier.findPosted) {
    await d.failed(
      now(),
      { kind: 'permanent', code: 'in_doubt_after_interruption' },
      Number.POSITIVE_INFINITY,
    );
    logger.warn(`${d.label}: a post began and its outcome was never recorded; not posting again`);
    return 'failed';
  }
  try {
    const found = await options.slot(() => notifier.findPosted!(d.to, d.key, sinceMs - FIND_SLACK_MS));
    if (!found) return 'post';
    await d.sent(now(), found.ts, found.channelId);
    logger.info(`${d.label}: found in Slack after an interrupted post; recorded as sent`);
    return 'recovered';
  } catch (error) {
    const counter = await d.failed(
      now(),
      { kind: 'uncertain', code: 'lookup_failed' },
      Number.POSITIVE_INFINITY,
    );
    logger.warn(`${d.label}: could not check whether an interrupted post arrived (${String(error)})`);
    return counter;
  }
}
