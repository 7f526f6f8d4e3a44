import type { DispatcherLeases } from '../core/ports/delivery.js';
import type { Notifier } from '../core/ports/notifier.js';
import type { ReminderRepository, SubscriptionRepository } from '../core/ports/reminders.js';
import type { SearchIndex } from '../core/ports/search.js';
import type { Workspace } from '../core/reminders/model.js';
import type { Clock } from '../core/time.js';
import { claimDue } from './claim-step.js';
import { type Delivery, emptyReport, type JobLogger, type TickReport } from './delivery.js';
import { ChannelPacer, postDelivery, semaphore } from './post-step.js';
import { recordDoubt, recordOutcome } from './record-step.js';

export type { JobLogger, TickReport } from './delivery.js';

export interface DispatcherOptions {
  reminders: ReminderRepository;
  subscriptions: SubscriptionRepository;
  index: SearchIndex;
  /** The archive a workspace sees (WORKSPACE_ARCHIVES), for its reminders' events and its digests. */
  indexFor?: (workspace: Workspace) => SearchIndex;
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
  /**
   * True for a storage error that means "locked by another writer, try again" (SQLite's SQLITE_BUSY):
   * the tick is skipped, an outcome that could not be written is kept and written next tick.
   */
  isBusy?: (error: unknown) => boolean;
  /** Longest pause between ticks while Slack or the database keeps failing. Default 60 s. */
  maxBackoffMs?: number;
  /** A link to the event's .ics file, when the door serves one. */
  calendarUrl?: (eventId: string) => string | undefined;
  /** Where a stop gives back this dispatcher's claims at once (otherwise they wait out their lease). */
  leases?: DispatcherLeases;
  /** Called with each finished tick's report (metrics count deliveries by outcome). */
  onReport?: (report: TickReport) => void;
}

/** How a dispatcher stops: at once between ticks (the default), or draining for a replica's shutdown. */
export interface StopOptions {
  /**
   * Posts already under way are waited for, at most this long; items claimed but not yet posted are not
   * posted, and every claim of this dispatcher whose post has not begun is given back to the queue.
   */
  drainMs?: number;
}

export interface ReminderDispatcher {
  /** Ticks now (sending whatever fell due while the bot was down), then every `tickMs`. */
  start(): void;
  /**
   * Stops ticking and waits for the tick in progress; with `drainMs`, posts nothing more, waits at most
   * that long for posts under way, and gives this dispatcher's other claims back (see {@link StopOptions}).
   */
  stop(options?: StopOptions): Promise<void>;
  /** One round: claim what is due, post it with per-channel pacing, record each outcome. */
  tick(): Promise<TickReport>;
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
 *
 * A tick is three named steps: {@link claimDue} (claim-step.ts), {@link postDelivery} (post-step.ts) and
 * {@link recordOutcome} (record-step.ts); this file only paces them and runs the timer.
 */
export function createReminderDispatcher(options: DispatcherOptions): ReminderDispatcher {
  const { notifier, clock, logger } = options;
  const tickMs = options.tickMs ?? 5000;
  const batchSize = options.batchSize ?? 500;
  const leaseMs = options.leaseMs ?? 120_000;
  const interval = options.channelIntervalMs ?? 1000;
  const horizon = Math.max(tickMs, interval);
  const perKey = Math.floor(horizon / interval) + 1;
  /** A claimed item whose channel is not free again within this long is put back for a later tick. */
  const holdMs = Math.min(leaseMs / 2, horizon + interval);
  const now = () => clock.now().getTime();
  const waitUntil =
    options.waitUntil ??
    ((atMs: number) => {
      const ms = atMs - now();
      return ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
    });
  const sources = {
    reminders: options.reminders,
    subscriptions: options.subscriptions,
    index: options.index,
    indexFor: options.indexFor,
    logger,
    zone: options.zone,
    maxAttempts: options.maxAttempts ?? 5,
    now,
    calendarUrl: options.calendarUrl,
  };
  const slot = semaphore(options.concurrency ?? 20);
  /** Set by a draining stop: nothing more is posted, and waits for a channel's turn end at once. */
  let draining = false;
  let wakeDrain: () => void = () => {};
  const drained = new Promise<void>((resolve) => {
    wakeDrain = resolve;
  });
  const posting = {
    notifier,
    pacer: new ChannelPacer(interval),
    slot,
    waitUntil: (atMs: number) => Promise.race([waitUntil(atMs), drained]),
    now,
    logger,
    postTimeoutMs: options.postTimeoutMs ?? 30_000,
    stopping: () => draining,
  };
  const isBusy = options.isBusy ?? (() => false);
  const maxBackoffMs = Math.max(tickMs, options.maxBackoffMs ?? 60_000);
  /** Outcomes Slack gave that could not be written yet (the database was busy): written first next tick. */
  let unrecorded: { label: string; write: () => Promise<void> }[] = [];
  /** Ticks in a row that failed (storage busy or broken, or every post failing). */
  let failing = 0;
  let token = 0;
  const instance = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let current: Promise<TickReport> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  /** One claimed item through the steps: settle a post in doubt, plan, post, record. */
  async function deliver(d: Delivery, tickStart: number, report: TickReport): Promise<void> {
    if (draining) {
      await d.release(now());
      report.released++;
      return;
    }
    let begun = false;
    if (d.claim.postingSinceMs !== undefined) {
      if (!(await d.begin(now()))) return;
      begun = true;
      const doubt = await recordDoubt(d, d.claim.postingSinceMs, { notifier, slot, now, logger });
      if (doubt !== 'post') {
        report[doubt]++;
        return;
      }
    }
    const plan = await d.plan(now());
    if ('done' in plan) {
      report[plan.done]++;
      return;
    }
    const outcome = await postDelivery(posting, d, plan, tickStart + holdMs, begun);
    if (outcome.kind === 'lost') return;
    if (outcome.kind === 'released') {
      await d.release(now());
      report.released++;
      return;
    }
    let counter: Awaited<ReturnType<typeof recordOutcome>> | undefined;
    const write = async () => {
      counter = await recordOutcome(d, outcome.result, outcome.afterMs, plan.deadlineMs, logger);
    };
    try {
      await write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      // Slack has answered; the claim's lease keeps the row ours while the outcome waits to be written.
      unrecorded.push({ label: d.label, write });
      logger.warn(`${d.label}: database busy; its outcome will be written next tick`);
    }
    if (counter) report[counter]++;
  }

  /** Writes the outcomes a busy database refused last time; keeps those it still refuses. */
  async function writeUnrecorded(): Promise<void> {
    const left: typeof unrecorded = [];
    for (const u of unrecorded) {
      try {
        await u.write();
      } catch (error) {
        if (isBusy(error)) left.push(u);
        else logger.error(`${u.label}: could not record its outcome:`, error);
      }
    }
    unrecorded = left;
  }

  async function runTick(): Promise<TickReport> {
    const report = emptyReport();
    await writeUnrecorded();
    const tickStart = now();
    token += 1;
    const { deliveries, full } = await claimDue(sources, {
      nowMs: tickStart,
      limit: batchSize,
      leaseMs,
      token: `${instance}-${token}`,
      perKey,
    });
    report.claimed = deliveries.length;
    report.full = full;
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
    options.onReport?.(report);
    return report;
  }

  function tick(): Promise<TickReport> {
    current ??= runTick().finally(() => {
      current = undefined;
    });
    return current;
  }

  /** Backs off while ticks keep failing (logged once per step), and says so when they work again. */
  const nextDelay = (ok: boolean, why: string): number => {
    if (ok) {
      if (failing > 0) logger.info(`dispatcher: working again after ${failing} failing tick(s)`);
      failing = 0;
      return tickMs;
    }
    failing += 1;
    const delay = Math.min(maxBackoffMs, tickMs * 2 ** failing);
    const previous = Math.min(maxBackoffMs, tickMs * 2 ** (failing - 1));
    if (failing === 1 || previous < maxBackoffMs) {
      logger.warn(`dispatcher: ${why}; next tick in ${delay} ms`);
    }
    return delay;
  };

  const loop = async () => {
    let delay = tickMs;
    try {
      const report = await tick();
      if (report.claimed) logger.info(`dispatcher: ${summary(report)}`);
      // Every post this tick failed without a permanent answer: Slack is likely down.
      const slackDown = report.sent === 0 && report.recovered === 0 && report.retried > 0;
      delay = nextDelay(!slackDown, 'every post failed (Slack unreachable or failing?)');
      if (!slackDown && report.full) delay = 0;
    } catch (error) {
      if (isBusy(error)) delay = nextDelay(false, 'database busy (an import is writing)');
      else {
        logger.error('dispatcher tick failed:', error);
        delay = nextDelay(false, 'the tick failed');
      }
    }
    if (running) {
      timer = setTimeout(loop, delay);
      timer.unref?.();
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    async stop(stopOptions = {}) {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (stopOptions.drainMs === undefined) {
        await current?.catch(() => undefined);
        return;
      }
      draining = true;
      wakeDrain();
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, stopOptions.drainMs);
      });
      await Promise.race([current?.catch(() => undefined), grace]);
      clearTimeout(graceTimer);
      if (!options.leases) return;
      try {
        const released = await options.leases.releaseClaims(`${instance}-`, now());
        if (released > 0) logger.info(`dispatcher: gave back ${released} claim(s) for another replica`);
      } catch (error) {
        logger.error('dispatcher: could not give back its claims (they wait out their lease):', error);
      }
    },
    tick,
  };
}

function summary(report: TickReport): string {
  return Object.entries(report)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
}
