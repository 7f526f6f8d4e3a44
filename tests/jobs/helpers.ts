import { importArchive } from '../../src/archive/import-archive.js';
import type { AppContext } from '../../src/context.js';
import type { OutgoingMessage, PostResult } from '../../src/core/ports/notifier.js';
import type { NewReminder } from '../../src/core/reminders/model.js';
import { eventStartMs } from '../../src/core/reminders/schedule.js';
import { createReminderDispatcher, type DispatcherOptions } from '../../src/jobs/reminder-dispatcher.js';
import type { SqliteReminderRepository } from '../../src/storage/reminder-repository.js';
import { fixedClock, memoryContext } from '../helpers/context.js';
import { RELEVANCE_ARCHIVE, RELEVANCE_NOW } from '../helpers/search.js';

export const NY = 'America/New_York';
export const REVIEW = '2026-12-03-the-review-of-peace-operations-findings-and-next-steps'; // 18:15Z
export const HUMANITARIAN = '2026-12-09-protecting-humanitarian-workers-in-armed-conflict'; // 11:30Z
export const TEN_ISSUES = '2026-12-15-2027-ten-issues-to-watch-in-peace-and-security'; // 15:00Z

/** The relevance archive in memory with a clock the test moves. */
export async function jobContext(): Promise<{ context: AppContext; clock: ReturnType<typeof fixedClock> }> {
  const clock = fixedClock(RELEVANCE_NOW);
  const context = memoryContext({ EVENT_TIMEZONE: NY }, clock);
  await importArchive([RELEVANCE_ARCHIVE], context.store, { now: clock.now(), defaultZone: NY });
  return { context, clock };
}

/** Adds a reminder of an archive event straight to the repository, due at `due` (ISO). */
export function addReminder(
  context: AppContext,
  userId: string,
  eventId: string,
  due: string,
  overrides: Partial<NewReminder> = {},
) {
  const event = context.commands.index.events([eventId])[0];
  // The embedded store answers at once, so the dispatcher tests can set up without awaiting.
  const result = (context.commands.reminders as SqliteReminderRepository).add(
    {
      userId,
      eventId,
      eventTitle: event?.title ?? 'A removed event',
      eventStartMs: event ? eventStartMs(event, NY) : Date.parse(due) + 86_400_000,
      zone: NY,
      spec: { kind: 'at', atMs: Date.parse(due) },
      dueMs: Date.parse(due),
      ...overrides,
    },
    { nowMs: context.clock.now().getTime(), cap: 1000 },
  );
  if (!result.ok) throw new Error(`reminder not added: ${result.reason}`);
  return result.reminder;
}

/** What the fake notifier does with one post: deliver it, fail, or never answer (the process died). */
export type Script = PostResult | 'ok' | 'deliver-then-hang' | 'hang' | 'deliver-then-fail';

/**
 * A stand-in for Slack behind the Notifier port. `delivered` is what Slack holds; `calls` every post
 * attempt. A script decides each call's fate by its 1-based number.
 */
export function fakeNotifier(options: { findable?: boolean; clock: { now(): Date } }) {
  const delivered: {
    key: string;
    to: OutgoingMessage['to'];
    reply: OutgoingMessage['reply'];
    atMs: number;
    ts: string;
  }[] = [];
  const calls: { key: string; atMs: number }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let script: (n: number, message: OutgoingMessage) => Script = () => 'ok';
  const deliver = (message: OutgoingMessage) => {
    const ts = `${delivered.length + 1}.0001`;
    delivered.push({
      key: message.key,
      to: message.to,
      reply: message.reply,
      atMs: options.clock.now().getTime(),
      ts,
    });
    return { ok: true as const, ts, channelId: channelOf(message.to) };
  };
  const notifier: DispatcherOptions['notifier'] = {
    async post(message) {
      calls.push({ key: message.key, atMs: options.clock.now().getTime() });
      for (const w of waiters.filter((w) => calls.length >= w.n)) w.resolve();
      const fate = script(calls.length, message);
      if (fate === 'ok') return deliver(message);
      if (fate === 'hang') return new Promise<PostResult>(() => {});
      if (fate === 'deliver-then-hang') {
        deliver(message);
        return new Promise<PostResult>(() => {});
      }
      if (fate === 'deliver-then-fail') {
        deliver(message);
        return { ok: false, error: { kind: 'uncertain', code: 'request_timeout' } };
      }
      return fate;
    },
    ...(options.findable
      ? {
          async findPosted(to, key, sinceMs) {
            const found = delivered.find((d) => d.key === key && d.atMs >= sinceMs);
            return found && { ts: found.ts, channelId: channelOf(to) };
          },
        }
      : {}),
  };
  return {
    notifier,
    delivered,
    calls,
    script: (next: (n: number, message: OutgoingMessage) => Script) => {
      script = next;
    },
    /**
     * Resolves once `n` posts have been attempted and the answers already given have been recorded (the
     * pending promise jobs have run), so a test does not depend on how many steps a delivery awaits.
     */
    callsReached: (n: number) =>
      new Promise<void>((resolve) => {
        const settled = () => setImmediate(resolve);
        if (calls.length >= n) settled();
        else waiters.push({ n, resolve: settled });
      }),
  };
}

const channelOf = (to: OutgoingMessage['to']) => (to.kind === 'user' ? `D-${to.userId}` : to.channelId);

/** A logger that keeps its lines. */
export function memoryLog() {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (...message: unknown[]) =>
      lines.push(`${level} ${message.map(String).join(' ')}`);
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A dispatcher over the context, waiting by moving the fake clock instead of sleeping. */
export function dispatcher(
  context: AppContext,
  clock: ReturnType<typeof fixedClock>,
  notifier: DispatcherOptions['notifier'],
  overrides: Partial<DispatcherOptions> = {},
) {
  const log = memoryLog();
  const instance = createReminderDispatcher({
    reminders: context.commands.reminders,
    subscriptions: context.commands.subscriptions,
    index: context.commands.index,
    notifier,
    clock,
    logger: log.logger,
    zone: NY,
    tickMs: 5000,
    leaseMs: 60_000,
    waitUntil: async (atMs) => {
      if (atMs > clock.now().getTime()) clock.set(new Date(atMs).toISOString());
    },
    ...overrides,
  });
  return { dispatcher: instance, log };
}

/** Each reminder's status, by id. */
export function statuses(context: AppContext): Record<string, string> {
  const rows = context.db.prepare('SELECT id, status FROM reminders ORDER BY id').all() as {
    id: number;
    status: string;
  }[];
  return Object.fromEntries(rows.map((r) => [String(r.id), r.status]));
}
