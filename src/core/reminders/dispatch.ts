import type { Event } from '../model.js';
import type { Settlement } from '../ports/delivery.js';
import type { PostError } from '../ports/notifier.js';
import { DIGEST_GRACE_MS, nextRun } from './digest.js';
import type { Reminder, Subscription } from './model.js';
import { type FollowDecision, followEvent } from './rules.js';
import { eventDeadlineMs } from './schedule.js';

/** A reminder arriving more than this after its time says it is late. */
const LATE_AFTER_MS = 10 * 60_000;
/** Waits between failed attempts: 30 s, 1 min, 2 min … at most 15 min. */
export function backoffMs(attempts: number): number {
  return Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** What to do with a claimed reminder now. */
export type ReminderDecision =
  | { action: 'send'; late: boolean }
  | { action: 'missed'; reason: string }
  | Exclude<FollowDecision, { action: 'keep' | 'missed' }>;

/**
 * The rule for a due reminder: send it if its event has not begun (late if the bot was down at the
 * time), record it missed if the event has begun, and if the event moved or left the archive since the
 * reminder was set, follow it first (see {@link followEvent}).
 */
export function decideReminder(
  reminder: Reminder,
  event: Event | undefined,
  nowMs: number,
  fallbackZone = 'UTC',
): ReminderDecision {
  const follow = followEvent(reminder, event, nowMs, fallbackZone);
  if (follow.action === 'cancel' || follow.action === 'missed') return follow;
  if (follow.action === 'update' && follow.dueMs !== reminder.dueMs && follow.dueMs > nowMs) return follow;
  if (nowMs >= eventDeadlineMs(event!, fallbackZone))
    return { action: 'missed', reason: 'the event had begun' };
  return { action: 'send', late: nowMs - reminder.dueMs > LATE_AFTER_MS };
}

/** What to do with a claimed digest run now: post it, or skip it (too late) and schedule the next. */
export function decideDigest(
  subscription: Subscription,
  nowMs: number,
): { action: 'build' } | { action: 'missed'; reason: string; nextRunMs: number } {
  if (nowMs - subscription.runMs > DIGEST_GRACE_MS) {
    return {
      action: 'missed',
      reason: 'the bot was offline at the scheduled time',
      nextRunMs: nextRun(subscription.schedule, subscription.zone, nowMs),
    };
  }
  return { action: 'build' };
}

/**
 * After a failed post: retry after Retry-After on a rate limit (not counted as a try), back off on a
 * transient error, give up on a permanent one or when `maxAttempts` tries are spent, and never retry
 * past `deadlineMs` (when the event begins, a reminder is missed rather than late).
 */
export function afterFailure(
  error: PostError,
  options: { attempts: number; maxAttempts: number; nowMs: number; deadlineMs: number },
): Extract<Settlement, { status: 'retry' }> | { status: 'failed' | 'missed'; reason: string } {
  const { attempts, maxAttempts, nowMs, deadlineMs } = options;
  if (error.kind === 'permanent') return { status: 'failed', reason: error.code };
  const counted = error.kind !== 'ratelimited';
  if (counted && attempts >= maxAttempts) {
    return { status: 'failed', reason: `gave up after ${attempts} attempts; last error: ${error.code}` };
  }
  const atMs = nowMs + (error.kind === 'ratelimited' ? error.retryAfterMs : backoffMs(attempts));
  if (atMs >= deadlineMs)
    return { status: 'missed', reason: `still failing (${error.code}) when the time ran out` };
  return {
    status: 'retry',
    atMs,
    reason: error.code,
    counted,
    ...(error.kind === 'uncertain' ? { uncertain: true } : {}),
  };
}
