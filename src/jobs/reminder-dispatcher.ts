import type { Reply } from '../core/commands/reply.js';
import type { Event } from '../core/model.js';
import type { Claim, DigestSettlement, Settlement } from '../core/ports/delivery.js';
import type { Notifier, PostError, PostResult, Recipient } from '../core/ports/notifier.js';
import type { ReminderRepository, SubscriptionRepository } from '../core/ports/reminders.js';
import type { SearchIndex } from '../core/ports/search.js';
import { calendarLinks } from '../core/reminders/calendar.js';
import { buildDigest, DIGEST_GRACE_MS, nextRun } from '../core/reminders/digest.js';
import { afterFailure, decideDigest, decideReminder } from '../core/reminders/dispatch.js';
import { BOT_HANDLE, type Notice, type Reminder, type Subscription } from '../core/reminders/model.js';
import { eventDeadlineMs, eventStartMs, startsIn } from '../core/reminders/schedule.js';
import type { Clock } from '../core/time.js';
import { formatInZone } from '../core/when-text.js';

/** Where the dispatcher reports; Bolt's logger and `console` both fit. */
export interface JobLogger {
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

export interface DispatcherOptions {
  reminders: ReminderRepository;
  subscriptions: SubscriptionRepository;
  index: SearchIndex;
  notifier: Notifier;
  clock: Clock;
  logger: JobLogger;
  /** The configured zone, for events that carry none. */
  zone: string;
  /** Pause between ticks. Default 5 s. */
  tickMs?: number;
  /** Most items claimed from each queue per tick. Default 500. */
  batchSize?: number;
  /** A claim older than this is presumed dead (its process crashed) and taken over. Default 2 min. */
  leaseMs?: number;
  /** Tries per item before giving up (rate-limited tries do not count). Default 5. */
  maxAttempts?: number;
  /** Slack allows about one chat.postMessage per second per channel. Default 1000 ms. */
  channelIntervalMs?: number;
  /** Slack calls in flight at once, across recipients (waiting for a channel's turn takes no slot). Default 20. */
  concurrency?: number;
  /** Resolves at `atMs` by the clock. Tests pass one that moves a fake clock instead of sleeping. */
  waitUntil?: (atMs: number) => Promise<void>;
  /**
   * A post not answered within this long is treated as in doubt and the tick moves on (the notifier's own
   * request timeout should be shorter). Keep it well under `leaseMs`. Default 30 s; 0 waits for ever.
   */
  postTimeoutMs?: number;
  /** A link to the event's .ics file, when the door serves one. */
  calendarUrl?: (eventId: string) => string | undefined;
}

/** What one tick did, by outcome. */
export interface TickReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  missed: number;
  cancelled: number;
  /** Digests not posted because nothing matched. */
  skipped: number;
  /** Reminders re-timed because their event moved. */
  rescheduled: number;
  /** Posts in doubt after a crash that turned out to have been delivered. */
  recovered: number;
  /** Claimed but left for a later tick (per-channel pacing). */
  released: number;
  /** A queue gave a whole batch, so more may be due: the next tick follows at once. */
  full: boolean;
}

export interface ReminderDispatcher {
  /** Ticks now (sending whatever fell due while the bot was down), then every `tickMs`. */
  start(): void;
  /** Stops ticking and waits for the tick in progress. */
  stop(): Promise<void>;
  /** One round: claim what is due, post it with per-channel pacing, record each outcome. */
  tick(): Promise<TickReport>;
}

/** A notice that could not be delivered for this long is given up. */
const NOTICE_TTL_MS = 3 * 24 * 60 * 60_000;
/** How far before a post in doubt began its message is looked for (clock skew between us and Slack). */
const FIND_SLACK_MS = 60_000;

type Counter = Exclude<keyof TickReport, 'claimed' | 'full'>;
type Plan = { reply: Reply; deadlineMs: number } | { done: Counter };

/** One claimed item, whatever its queue, with the few operations the tick needs. */
interface Delivery {
  label: string;
  claim: Claim<unknown>;
  to: Recipient;
  /** Carried by the message, so a post in doubt can be found again. */
  key: string;
  /** Per-channel pacing key: a user's DM, or a channel. */
  pace: string;
  begin(nowMs: number): boolean;
  /** Decides what to post now, or settles the item without posting. */
  plan(nowMs: number): Plan;
  sent(nowMs: number, ts: string, channelId: string): void;
  failed(nowMs: number, error: PostError, deadlineMs: number): Counter;
  release(nowMs: number): void;
}

/**
 * The reminder and digest dispatcher. Delivery guarantee: a reminder, notice or digest run is never
 * posted twice, and nothing is lost as long as the notifier can look messages up (`findPosted`).
 *
 * - A claim moves due items to `sending` under a token and lease in one transaction. Items claimed but
 *   not begun when the process dies are simply claimed again once the lease runs out.
 * - Just before posting, the item is marked "posting" (a delivery key is recorded in the row, and the
 *   message carries the same key in its metadata). The outcome is written after Slack answers.
 * - The one window that cannot be closed is between Slack accepting the post and the outcome write. An
 *   item found after a restart still marked "posting" is in doubt: the dispatcher asks the notifier
 *   whether a message with its key exists. Found: recorded as sent, not posted again. Absent: posted.
 *   When the notifier cannot tell (no `findPosted`, or the lookup keeps failing), the item is recorded
 *   failed and not posted again: at-most-once, because a duplicate reminder costs more trust than a
 *   logged, very rare loss. Timeouts and server errors after the request went out are in doubt too.
 */
export function createReminderDispatcher(options: DispatcherOptions): ReminderDispatcher {
  const { reminders, subscriptions, index, notifier, clock, logger, zone } = options;
  const tickMs = options.tickMs ?? 5000;
  const batchSize = options.batchSize ?? 500;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const interval = options.channelIntervalMs ?? 1000;
  const concurrency = options.concurrency ?? 20;
  const postTimeoutMs = options.postTimeoutMs ?? 30_000;
  const horizon = Math.max(tickMs, interval);
  const perKey = Math.floor(horizon / interval) + 1;
  /** A claimed item whose channel is not free again within this long is put back for a later tick. */
  const holdMs = Math.min(leaseMs / 2, horizon + interval);
  const waitUntil =
    options.waitUntil ??
    ((atMs: number) => {
      const ms = atMs - clock.now().getTime();
      return ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
    });
  const slot = semaphore(concurrency);
  /** When each channel may next be posted to, kept across ticks. */
  const nextAllowed = new Map<string, number>();
  let token = 0;
  const instance = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let current: Promise<TickReport> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  const now = () => clock.now().getTime();

  function reminderDelivery(claim: Claim<Reminder>, events: Map<string, Event>): Delivery {
    const r = claim.item;
    const q = reminders.queue;
    const settle = (s: Settlement) => q.settle(r.id, claim.token, now(), s);
    const name = `reminder ${r.id} (user ${r.userId}, event ${r.eventId})`;
    return {
      label: name,
      claim,
      to: { kind: 'user', userId: r.userId },
      key: `reminder:${r.id}`,
      pace: `user:${r.userId}`,
      begin: (nowMs) => q.begin(r.id, claim.token, nowMs),
      plan: (nowMs) => {
        const event = events.get(r.eventId);
        const decision = decideReminder(r, event, nowMs, zone);
        switch (decision.action) {
          case 'cancel':
            if (decision.notice) reminders.notices.add(decision.notice, nowMs);
            settle({ status: 'cancelled', reason: decision.reason });
            logger.info(`${name} cancelled: ${decision.reason}`);
            return { done: 'cancelled' };
          case 'missed':
            settle({ status: 'missed', reason: decision.reason });
            logger.warn(`${name} missed: ${decision.reason}`);
            return { done: 'missed' };
          case 'update':
            settle({ status: 'release' });
            reminders.update(r.id, decision, nowMs);
            return { done: 'rescheduled' };
          case 'send': {
            const e = event!;
            const startMs = eventStartMs(e, zone);
            return {
              reply: {
                kind: 'reminder-due',
                event: e,
                startMs,
                startsIn: startsIn(startMs, nowMs),
                startText: formatInZone(startMs, r.zone),
                calendar: { ...calendarLinks(e, zone), ics: options.calendarUrl?.(e.id) },
                late: decision.late,
              },
              deadlineMs: eventDeadlineMs(e, zone),
            };
          }
        }
      },
      sent: (_nowMs, ts, channelId) => settle({ status: 'sent', ts, channelId }),
      failed: (nowMs, error, deadlineMs) =>
        settleFailure(settle, error, claim.attempts + 1, nowMs, deadlineMs),
      release: () => settle({ status: 'release' }),
    };
  }

  function noticeDelivery(claim: Claim<Notice>): Delivery {
    const n = claim.item;
    const q = reminders.notices;
    const settle = (s: Settlement) => q.settle(n.id, claim.token, now(), s);
    return {
      label: `notice ${n.id} (${n.key})`,
      claim,
      to: { kind: 'user', userId: n.userId },
      key: `notice:${n.id}`,
      pace: `user:${n.userId}`,
      begin: (nowMs) => q.begin(n.id, claim.token, nowMs),
      plan: (nowMs) => {
        const deadlineMs = n.createdMs + NOTICE_TTL_MS;
        if (nowMs >= deadlineMs) {
          settle({ status: 'missed', reason: 'undeliverable for too long' });
          return { done: 'missed' };
        }
        return { reply: { kind: 'notice', tone: n.tone, text: n.text }, deadlineMs };
      },
      sent: (_nowMs, ts, channelId) => settle({ status: 'sent', ts, channelId }),
      failed: (nowMs, error, deadlineMs) =>
        settleFailure(settle, error, claim.attempts + 1, nowMs, deadlineMs),
      release: () => settle({ status: 'release' }),
    };
  }

  function digestDelivery(claim: Claim<Subscription>): Delivery {
    const s = claim.item;
    const q = subscriptions.queue;
    const settle = (d: DigestSettlement) => q.settle(s.id, claim.token, now(), d);
    const following = (nowMs: number) => nextRun(s.schedule, s.zone, Math.max(s.runMs, nowMs));
    return {
      label: `digest ${s.id} (channel ${s.channelId}, run ${new Date(s.runMs).toISOString()})`,
      claim,
      to: { kind: 'channel', channelId: s.channelId },
      key: `digest:${s.id}:${s.runMs}`,
      pace: `channel:${s.channelId}`,
      begin: (nowMs) => q.begin(s.id, claim.token, nowMs),
      plan: (nowMs) => {
        const decision = decideDigest(s, nowMs);
        if (decision.action === 'missed') {
          settle({ status: 'missed', reason: decision.reason, nextRunMs: decision.nextRunMs });
          logger.warn(`digest ${s.id} in ${s.channelId} skipped: ${decision.reason}`);
          return { done: 'missed' };
        }
        const reply = buildDigest(s, index, s.runMs, nowMs);
        if (!reply) {
          settle({ status: 'empty', reason: 'no upcoming event matched', nextRunMs: following(nowMs) });
          return { done: 'skipped' };
        }
        return { reply, deadlineMs: s.runMs + DIGEST_GRACE_MS };
      },
      sent: (nowMs, ts, channelId) => settle({ status: 'sent', ts, channelId, nextRunMs: following(nowMs) }),
      failed: (nowMs, error, deadlineMs) => {
        const decision = afterFailure(error, {
          attempts: claim.attempts + 1,
          maxAttempts,
          nowMs,
          deadlineMs,
        });
        if (decision.status === 'retry') {
          settle(decision);
          return 'retried';
        }
        if (error.kind === 'permanent' && PAUSING.has(error.code)) {
          reminders.notices.add(
            {
              key: `digest-paused:${s.id}:${s.runMs}`,
              userId: s.createdBy,
              tone: 'warning',
              text: pausedNotice(s, error.code),
            },
            nowMs,
          );
          settle({ status: 'paused', reason: error.code });
          logger.warn(`digest ${s.id} in ${s.channelId} paused: ${error.code}`);
          return 'failed';
        }
        settle({ status: decision.status, reason: decision.reason, nextRunMs: following(nowMs) });
        logger.warn(`digest ${s.id} in ${s.channelId}: this run ${decision.status}: ${decision.reason}`);
        return decision.status;
      },
      release: () => settle({ status: 'release' }),
    };
  }

  function settleFailure(
    settle: (s: Settlement) => boolean,
    error: PostError,
    attempts: number,
    nowMs: number,
    deadlineMs: number,
  ): Counter {
    const decision = afterFailure(error, { attempts, maxAttempts, nowMs, deadlineMs });
    settle(decision);
    return decision.status === 'retry' ? 'retried' : decision.status;
  }

  /** Resolves a post in doubt: true when settled (found, or given up), false when it should be posted. */
  async function resolveDoubt(d: Delivery, sinceMs: number, report: TickReport): Promise<boolean> {
    if (!notifier.findPosted) {
      d.failed(now(), { kind: 'permanent', code: 'in_doubt_after_interruption' }, Number.POSITIVE_INFINITY);
      logger.warn(`${d.label}: a post began and its outcome was never recorded; not posting again`);
      report.failed++;
      return true;
    }
    try {
      const found = await slot(() => notifier.findPosted!(d.to, d.key, sinceMs - FIND_SLACK_MS));
      if (!found) return false;
      d.sent(now(), found.ts, found.channelId);
      logger.info(`${d.label}: found in Slack after an interrupted post; recorded as sent`);
      report.recovered++;
      return true;
    } catch (error) {
      const counter = d.failed(now(), { kind: 'uncertain', code: 'lookup_failed' }, Number.POSITIVE_INFINITY);
      logger.warn(`${d.label}: could not check whether an interrupted post arrived (${String(error)})`);
      report[counter]++;
      return true;
    }
  }

  async function deliver(d: Delivery, tickStart: number, report: TickReport): Promise<void> {
    let begun = false;
    if (d.claim.postingSinceMs !== undefined) {
      if (!d.begin(now())) return;
      begun = true;
      if (await resolveDoubt(d, d.claim.postingSinceMs, report)) return;
    }
    const plan = d.plan(now());
    if ('done' in plan) {
      report[plan.done]++;
      return;
    }
    const at = Math.max(now(), nextAllowed.get(d.pace) ?? 0);
    if (at > tickStart + holdMs) {
      d.release(now());
      report.released++;
      return;
    }
    nextAllowed.set(d.pace, at + interval);
    await waitUntil(at);
    // Marked as posting only once it holds a slot, right before the call: an item still waiting for
    // a slot when the process dies is not in doubt, and is simply claimed again.
    const result = await slot(async (): Promise<PostResult | undefined> => {
      if (!begun && !d.begin(now())) return undefined;
      try {
        return await withTimeout(notifier.post({ to: d.to, reply: plan.reply, key: d.key }), postTimeoutMs);
      } catch (error) {
        logger.error(`${d.label}: the notifier threw:`, error);
        return { ok: false, error: { kind: 'uncertain', code: 'notifier_exception' } };
      }
    });
    if (!result) return;
    const after = now();
    // Paced from the answer, not the request: the next post to this channel then reaches Slack at
    // least `interval` after this one did, however the network delayed either.
    nextAllowed.set(d.pace, Math.max(nextAllowed.get(d.pace) ?? 0, after + interval + CLOCK_GRAIN_MS));
    if (result.ok) {
      d.sent(after, result.ts, result.channelId);
      report.sent++;
      return;
    }
    const { error } = result;
    if (error.kind === 'ratelimited') {
      nextAllowed.set(d.pace, Math.max(nextAllowed.get(d.pace) ?? 0, after + error.retryAfterMs));
    }
    const counter = d.failed(after, error, plan.deadlineMs);
    report[counter]++;
    const log = counter === 'retried' ? logger.info : logger.warn;
    log.call(logger, `${d.label}: ${error.kind} ${error.code}; ${counter}`);
  }

  async function runTick(): Promise<TickReport> {
    const report: TickReport = {
      claimed: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      missed: 0,
      cancelled: 0,
      skipped: 0,
      rescheduled: 0,
      recovered: 0,
      released: 0,
      full: false,
    };
    const tickStart = now();
    token += 1;
    const claim = { nowMs: tickStart, limit: batchSize, leaseMs, token: `${instance}-${token}`, perKey };
    const noticeClaims = reminders.notices.claim(claim);
    const reminderClaims = reminders.queue.claim(claim);
    const digestClaims = subscriptions.queue.claim(claim);
    const events = new Map(
      index.events([...new Set(reminderClaims.map((c) => c.item.eventId))]).map((e) => [e.id, e]),
    );
    const deliveries = [
      ...noticeClaims.map(noticeDelivery),
      ...reminderClaims.map((c) => reminderDelivery(c, events)),
      ...digestClaims.map(digestDelivery),
    ];
    report.claimed = deliveries.length;
    report.full = [noticeClaims, reminderClaims, digestClaims].some((c) => c.length >= batchSize);
    const byRecipient = new Map<string, Delivery[]>();
    for (const d of deliveries) {
      const group = byRecipient.get(d.pace);
      if (group) group.push(d);
      else byRecipient.set(d.pace, [d]);
    }
    // Each recipient's items go one after another (paced); recipients proceed side by side, and the
    // semaphore bounds the Slack calls in flight.
    await Promise.all(
      [...byRecipient.values()].map(async (group) => {
        for (const d of group) {
          try {
            await deliver(d, tickStart, report);
          } catch (error) {
            // A storage error mid-delivery: the claim's lease runs out and the item is tried again.
            logger.error(`${d.label}: delivery failed:`, error);
          }
        }
      }),
    );
    return report;
  }

  function tick(): Promise<TickReport> {
    current ??= runTick().finally(() => {
      current = undefined;
    });
    return current;
  }

  const loop = async () => {
    let again = false;
    try {
      const report = await tick();
      again = report.full;
      if (report.claimed) logger.info(`dispatcher: ${summary(report)}`);
    } catch (error) {
      logger.error('dispatcher tick failed:', error);
    }
    if (running) {
      timer = setTimeout(loop, again ? 0 : tickMs);
      timer.unref?.();
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
    tick,
  };
}

/** Timers and clocks are only millisecond-exact; pacing keeps this much on the safe side. */
const CLOCK_GRAIN_MS = 2;

/** Runs at most `n` tasks at once; the rest wait their turn in order. */
function semaphore(n: number) {
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

/** Slack errors that mean the channel cannot be posted to until someone acts: the digest is paused. */
const PAUSING = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

function pausedNotice(s: Subscription, code: string): string {
  const where = s.channelName ? `#${s.channelName}` : 'a channel';
  const what = s.query ? `“${s.query}”` : 'upcoming events';
  const why =
    code === 'not_in_channel'
      ? `I'm not a member of that channel. Invite me there with \`/invite @${BOT_HANDLE}\``
      : code === 'is_archived'
        ? 'the channel was archived. Unarchive it'
        : `I can't see that channel (it is private or was deleted). Invite me there with \`/invite @${BOT_HANDLE}\``;
  return `I couldn't post the digest of ${what} in ${where}: ${why}, then run the same \`/event subscribe\` there again to resume it.`;
}

function summary(report: TickReport): string {
  return Object.entries(report)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
}
