import { pastEventsLine } from '../core/commands/related.js';
import type { Event } from '../core/model.js';
import type { Claim, ClaimOptions, DigestSettlement, Settlement } from '../core/ports/delivery.js';
import type { PostError } from '../core/ports/notifier.js';
import type { ReminderRepository, SubscriptionRepository } from '../core/ports/reminders.js';
import type { SearchIndex } from '../core/ports/search.js';
import { calendarLinks } from '../core/reminders/calendar.js';
import { buildDigest, DIGEST_GRACE_MS, nextRun } from '../core/reminders/digest.js';
import { afterFailure, decideDigest, decideReminder } from '../core/reminders/dispatch.js';
import {
  BOT_HANDLE,
  type Notice,
  type Reminder,
  type Subscription,
  type Workspace,
} from '../core/reminders/model.js';
import { eventDeadlineMs, eventStartMs, startsIn } from '../core/reminders/schedule.js';
import { formatInZone } from '../core/when-text.js';
import type { Counter, Delivery, JobLogger } from './delivery.js';

/** What the claim step reads and writes: the three queues, the archive, and the rules' settings. */
export interface ClaimSources {
  reminders: ReminderRepository;
  subscriptions: SubscriptionRepository;
  index: SearchIndex;
  /** The archive a workspace sees, when workspaces see different ones; `index` otherwise. */
  indexFor?: (workspace: Workspace) => SearchIndex;
  logger: JobLogger;
  /** The configured zone, for events that carry none. */
  zone: string;
  maxAttempts: number;
  now: () => number;
  calendarUrl?: (eventId: string) => string | undefined;
}

/** A notice that could not be delivered for this long is given up. */
const NOTICE_TTL_MS = 3 * 24 * 60 * 60_000;

/**
 * Step one of a tick: claims what is due from the notice, reminder and digest queues (each in one
 * transaction, under the tick's token and lease) and wraps each claim as a {@link Delivery}. `full`
 * when a queue gave a whole batch, so more may be due.
 */
export async function claimDue(
  sources: ClaimSources,
  claim: ClaimOptions,
): Promise<{ deliveries: Delivery[]; full: boolean }> {
  const { reminders, subscriptions } = sources;
  const noticeClaims = await reminders.notices.claim(claim);
  const reminderClaims = await reminders.queue.claim(claim);
  const digestClaims = await subscriptions.queue.claim(claim);
  // Each reminder's event from the archive its workspace sees, one lookup per archive.
  const byIndex = new Map<SearchIndex, Set<string>>();
  for (const c of reminderClaims) {
    const index = indexOf(sources, c.item.workspace);
    byIndex.set(index, (byIndex.get(index) ?? new Set()).add(c.item.eventId));
  }
  const events = new Map<SearchIndex, Map<string, Event>>();
  for (const [index, ids] of byIndex)
    events.set(index, new Map(index.events([...ids]).map((e) => [e.id, e])));
  // Many reminders of one event fall due together: its "Before this" line is worked out once a batch.
  const lines = new Map<string, { related?: string }>();
  const related = (index: SearchIndex) => (event: Event, nowMs: number) => {
    const known = lines.get(event.id);
    if (known) return known;
    const line = relatedLine(event, index, sources.zone, nowMs);
    lines.set(event.id, line);
    return line;
  };
  return {
    deliveries: [
      ...noticeClaims.map((c) => noticeDelivery(sources, c)),
      ...reminderClaims.map((c) =>
        reminderDelivery(
          sources,
          c,
          events.get(indexOf(sources, c.item.workspace)) ?? new Map(),
          related(indexOf(sources, c.item.workspace)),
        ),
      ),
      ...digestClaims.map((c) => digestDelivery(sources, c)),
    ],
    full: [noticeClaims, reminderClaims, digestClaims].some((c) => c.length >= claim.limit),
  };
}

/** The index the workspace's archive is in. */
function indexOf(sources: ClaimSources, workspace: Workspace): SearchIndex {
  return sources.indexFor?.(workspace) ?? sources.index;
}

function reminderDelivery(
  sources: ClaimSources,
  claim: Claim<Reminder>,
  events: Map<string, Event>,
  related: (event: Event, nowMs: number) => { related?: string },
): Delivery {
  const { reminders, logger, zone, now } = sources;
  const r = claim.item;
  const q = reminders.queue;
  const settle = async (s: Settlement) => q.settle(r.id, claim.token, now(), s);
  const name = `reminder ${r.id} (user ${r.userId}, event ${r.eventId})`;
  return {
    label: name,
    claim,
    to: { kind: 'user', userId: r.userId, workspace: r.workspace },
    key: `reminder:${r.id}`,
    pace: `user:${r.workspace.teamId}:${r.userId}`,
    begin: async (nowMs) => q.begin(r.id, claim.token, nowMs),
    plan: async (nowMs) => {
      const event = events.get(r.eventId);
      const decision = decideReminder(r, event, nowMs, zone);
      switch (decision.action) {
        case 'cancel':
          if (decision.notice)
            await reminders.notices.add({ ...decision.notice, workspace: r.workspace }, nowMs);
          await settle({ status: 'cancelled', reason: decision.reason });
          logger.info(`${name} cancelled: ${decision.reason}`);
          return { done: 'cancelled' };
        case 'missed':
          await settle({ status: 'missed', reason: decision.reason });
          logger.warn(`${name} missed: ${decision.reason}`);
          return { done: 'missed' };
        case 'update':
          await settle({ status: 'release' });
          await reminders.update(r.id, decision, nowMs);
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
              calendar: { ...calendarLinks(e, zone), ics: sources.calendarUrl?.(e.id) },
              late: decision.late,
              ...related(e, nowMs),
            },
            deadlineMs: eventDeadlineMs(e, zone),
          };
        }
      }
    },
    ...outcomes(settle, claim.attempts + 1, sources.maxAttempts),
  };
}

function noticeDelivery(sources: ClaimSources, claim: Claim<Notice>): Delivery {
  const n = claim.item;
  const q = sources.reminders.notices;
  const settle = async (s: Settlement) => q.settle(n.id, claim.token, sources.now(), s);
  return {
    label: `notice ${n.id} (${n.key})`,
    claim,
    to: { kind: 'user', userId: n.userId, workspace: n.workspace },
    key: `notice:${n.id}`,
    pace: `user:${n.workspace.teamId}:${n.userId}`,
    begin: async (nowMs) => q.begin(n.id, claim.token, nowMs),
    plan: async (nowMs) => {
      const deadlineMs = n.createdMs + NOTICE_TTL_MS;
      if (nowMs >= deadlineMs) {
        await settle({ status: 'missed', reason: 'undeliverable for too long' });
        return { done: 'missed' };
      }
      return { reply: { kind: 'notice', tone: n.tone, text: n.text }, deadlineMs };
    },
    ...outcomes(settle, claim.attempts + 1, sources.maxAttempts),
  };
}

function digestDelivery(sources: ClaimSources, claim: Claim<Subscription>): Delivery {
  const { subscriptions, reminders, logger, now, maxAttempts } = sources;
  const s = claim.item;
  const index = indexOf(sources, s.workspace);
  const q = subscriptions.queue;
  const settle = async (d: DigestSettlement) => q.settle(s.id, claim.token, now(), d);
  const following = (nowMs: number) => nextRun(s.schedule, s.zone, Math.max(s.runMs, nowMs));
  return {
    label: `digest ${s.id} (channel ${s.channelId}, run ${new Date(s.runMs).toISOString()})`,
    claim,
    to: { kind: 'channel', channelId: s.channelId, workspace: s.workspace },
    key: `digest:${s.id}:${s.runMs}`,
    pace: `channel:${s.workspace.teamId}:${s.channelId}`,
    begin: async (nowMs) => q.begin(s.id, claim.token, nowMs),
    plan: async (nowMs) => {
      const decision = decideDigest(s, nowMs);
      if (decision.action === 'missed') {
        await settle({ status: 'missed', reason: decision.reason, nextRunMs: decision.nextRunMs });
        logger.warn(`digest ${s.id} in ${s.channelId} skipped: ${decision.reason}`);
        return { done: 'missed' };
      }
      const reply = buildDigest(s, index, s.runMs, nowMs);
      if (!reply) {
        await settle({ status: 'empty', reason: 'no upcoming event matched', nextRunMs: following(nowMs) });
        return { done: 'skipped' };
      }
      return { reply, deadlineMs: s.runMs + DIGEST_GRACE_MS };
    },
    sent: async (nowMs, ts, channelId) => {
      await settle({ status: 'sent', ts, channelId, nextRunMs: following(nowMs) });
    },
    failed: async (nowMs, error, deadlineMs) => {
      const decision = afterFailure(error, { attempts: claim.attempts + 1, maxAttempts, nowMs, deadlineMs });
      if (decision.status === 'retry') {
        await settle(decision);
        return 'retried';
      }
      if (error.kind === 'permanent' && PAUSING.has(error.code)) {
        await reminders.notices.add(
          {
            key: `digest-paused:${s.id}:${s.runMs}`,
            workspace: s.workspace,
            userId: s.createdBy,
            tone: 'warning',
            text: pausedNotice(s, error.code),
          },
          nowMs,
        );
        await settle({ status: 'paused', reason: error.code });
        logger.warn(`digest ${s.id} in ${s.channelId} paused: ${error.code}`);
        return 'failed';
      }
      await settle({ status: decision.status, reason: decision.reason, nextRunMs: following(nowMs) });
      logger.warn(`digest ${s.id} in ${s.channelId}: this run ${decision.status}: ${decision.reason}`);
      return decision.status;
    },
    release: async () => {
      await settle({ status: 'release' });
    },
  };
}

/** How a reminder or a notice records a post's outcome: sent, failed (retry or give up) or released. */
function outcomes(
  settle: (s: Settlement) => Promise<boolean>,
  attempt: number,
  maxAttempts: number,
): Pick<Delivery, 'sent' | 'failed' | 'release'> {
  return {
    sent: async (_nowMs, ts, channelId) => {
      await settle({ status: 'sent', ts, channelId });
    },
    failed: (nowMs, error, deadlineMs) =>
      settleFailure(settle, error, attempt, maxAttempts, nowMs, deadlineMs),
    release: async () => {
      await settle({ status: 'release' });
    },
  };
}

async function settleFailure(
  settle: (s: Settlement) => Promise<boolean>,
  error: PostError,
  attempts: number,
  maxAttempts: number,
  nowMs: number,
  deadlineMs: number,
): Promise<Counter> {
  const decision = afterFailure(error, { attempts, maxAttempts, nowMs, deadlineMs });
  await settle(decision);
  return decision.status === 'retry' ? 'retried' : decision.status;
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

/** The reminder's "Before this: …" line, from the same core rule as the cards. */
function relatedLine(event: Event, index: SearchIndex, zone: string, nowMs: number): { related?: string } {
  const related = pastEventsLine(event, { index, zone, clock: { now: () => new Date(nowMs) } });
  return related ? { related } : {};
}
