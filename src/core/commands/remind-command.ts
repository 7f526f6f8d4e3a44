import type { Event } from '../model.js';
import {
  MAX_ACTIVE_REMINDERS,
  type Reminder,
  type ReminderSpec,
  type RemindPreset,
  SNOOZE_PRESETS,
  type SnoozePreset,
} from '../reminders/model.js';
import { refuseTime } from '../reminders/rules.js';
import { computeDue, describeSpec, eventDeadlineMs, eventStartMs } from '../reminders/schedule.js';
import { DEFAULT_SPEC, presetSpec, splitWhen } from '../reminders/when.js';
import { isEmptyQuery, parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { isValidTimeZone } from '../time.js';
import { formatInZone } from '../when-text.js';
import { pagerActions, suggestionActions, whenOf } from './actions.js';
import { type CommandDeps, type CommandInput, REMINDERS_PAGE } from './deps.js';
import { notice } from './notice.js';
import type { CommandResult, Reply, ReplyAction } from './reply.js';

const USAGE =
  'Tell me which event, and optionally when: `/event remind review of peace operations` (1 day before), or add `2h before`, `at 9am on the day`, `tomorrow 9am` or `dec 3 14:00`.';
/** Search looks this far back for "upcoming" events, so an all-day event of today is still found. */
const UPCOMING_SLACK_MS = 2 * 24 * 60 * 60_000;

/**
 * `/event remind <query or id> [when]`, `/event remind cancel <n|all>`: sets a reminder of the best
 * upcoming match, at the time asked (1 day before by default), computed in the asker's own zone.
 */
export async function remindCommand(input: CommandInput, deps: CommandDeps): Promise<CommandResult> {
  const text = input.text.replace(/\s+/g, ' ').trim();
  if (!input.userId) return notice('warning', 'I need to know who you are to set a reminder.');
  const cancel = /^(?:cancel|delete|remove|stop)\b\s*(.*)$/i.exec(text);
  if (cancel) return cancelByPosition(cancel[1], input, deps);
  if (/^(?:list|mine)$/i.test(text)) return remindersCommand(input, deps);
  if (!text) return notice('info', USAGE);
  const zone = userZone(input, deps);
  const now = deps.clock.now();
  const split = splitWhen(text, now, zone);
  if (split.problem) return notice('warning', split.problem);
  if (!split.query) return notice('warning', USAGE);
  const found = findUpcomingEvent(split.query, deps, now, zone);
  if ('reply' in found) return { visibility: 'ephemeral', reply: found.reply };
  return setReminder(found.event, split.spec ?? DEFAULT_SPEC, input.userId, zone, deps);
}

/** The card's "Remind me" (with its choice of when), for the event the card shows. */
export async function remindAction(
  eventId: string,
  when: RemindPreset | undefined,
  input: Pick<CommandInput, 'userId' | 'userZone'>,
  deps: CommandDeps,
): Promise<CommandResult> {
  if (!input.userId) return notice('warning', 'I need to know who you are to set a reminder.');
  const event = deps.index.events([eventId.trim()])[0];
  if (!event)
    return notice(
      'warning',
      'That event is no longer in the archive; it may have been removed by a re-import.',
    );
  const spec = when ? presetSpec(when) : DEFAULT_SPEC;
  return setReminder(event, spec, input.userId, userZone(input, deps), deps);
}

const SNOOZE_MS: Record<SnoozePreset, number> = { hour: 60 * 60_000, day: 24 * 60 * 60_000 };
const SNOOZE_WORDS: Record<SnoozePreset, string> = { hour: 'an hour', day: 'a day' };

/**
 * "Snooze" on a listed reminder: it comes an hour or a day later than it was due, as a fixed time (so
 * it stays put if the event moves), and never at or after the event's start.
 */
export async function snoozeReminderAction(
  reminderId: string,
  by: SnoozePreset | undefined,
  input: Pick<CommandInput, 'userId' | 'userZone'>,
  deps: CommandDeps,
): Promise<CommandResult> {
  if (!input.userId) return notice('warning', 'I need to know who you are to snooze a reminder.');
  const zone = userZone(input, deps);
  const nowMs = deps.clock.now().getTime();
  const reminder = (await deps.reminders.active(input.userId)).find((r) => r.id === reminderId);
  if (!reminder) return notice('info', 'That reminder was already sent or cancelled.');
  const step = by ?? snoozeChoices(reminder, nowMs)[0];
  const dueMs = step ? Math.max(reminder.dueMs, nowMs) + SNOOZE_MS[step] : undefined;
  if (!step || dueMs === undefined || dueMs >= reminder.eventStartMs)
    return notice(
      'warning',
      `“${reminder.eventTitle}” starts ${formatInZone(reminder.eventStartMs, zone)}; snoozing would pass its start. Cancel it instead, or keep it.`,
    );
  const result = await deps.reminders.reschedule(
    reminder.id,
    input.userId,
    { dueMs, spec: { kind: 'at', atMs: dueMs } },
    nowMs,
  );
  if (result === 'sending')
    return notice('info', 'That reminder is being sent right now, so it can no longer be snoozed.');
  if (!result) return notice('info', 'That reminder was already sent or cancelled.');
  return {
    visibility: 'ephemeral',
    reply: await remindersReply(
      input.userId,
      zone,
      deps,
      result.status === 'cancelled'
        ? `You already had a reminder for “${result.eventTitle}” at ${formatInZone(dueMs, zone)}, so this one was dropped.`
        : `Snoozed your reminder for “${result.eventTitle}” by ${SNOOZE_WORDS[step]}: it comes ${formatInZone(dueMs, zone)}.`,
    ),
  };
}

/** The snoozes that keep a reminder before its event's start. */
function snoozeChoices(reminder: Reminder, nowMs: number): SnoozePreset[] {
  const from = Math.max(reminder.dueMs, nowMs);
  return SNOOZE_PRESETS.filter((p) => from + SNOOZE_MS[p] < reminder.eventStartMs);
}

/** `/event reminders`: the asker's active reminders, soonest first, each with a Cancel button. */
export async function remindersCommand(
  input: CommandInput,
  deps: CommandDeps,
  note?: string,
): Promise<CommandResult> {
  if (!input.userId) return notice('warning', 'I need to know who you are to list your reminders.');
  return {
    visibility: 'ephemeral',
    reply: await remindersReply(input.userId, userZone(input, deps), deps, note, input.offset),
  };
}

/** "Cancel" on a listed reminder: only the owner's own pending reminder can be cancelled. */
export async function cancelReminderAction(
  reminderId: string,
  input: Pick<CommandInput, 'userId' | 'userZone'>,
  deps: CommandDeps,
): Promise<CommandResult> {
  if (!input.userId) return notice('warning', 'I need to know who you are to cancel a reminder.');
  return cancelOne(reminderId, input.userId, userZone(input, deps), deps);
}

async function setReminder(
  event: Event,
  spec: ReminderSpec,
  userId: string,
  zone: string,
  deps: CommandDeps,
): Promise<CommandResult> {
  const nowMs = deps.clock.now().getTime();
  const due = computeDue(spec, event, zone, deps.zone);
  if ('problem' in due) return notice('warning', due.problem);
  const refusal = refuseTime(due.dueMs, event, nowMs, zone, deps.zone);
  if (refusal) return notice('warning', refusal);
  const result = await deps.reminders.add(
    {
      userId,
      eventId: event.id,
      eventTitle: event.title,
      eventStartMs: eventStartMs(event, deps.zone),
      zone,
      spec,
      dueMs: due.dueMs,
    },
    { nowMs, cap: MAX_ACTIVE_REMINDERS },
  );
  if (!result.ok && result.reason === 'cap') {
    return notice(
      'warning',
      `You already have ${result.active} active reminders, the most I keep for one person. Cancel some with \`/event reminders\` first.`,
    );
  }
  const reminder = result.ok ? result.reminder : result.existing;
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'reminder-set',
      reminderId: reminder.id,
      event,
      when: whenOf(event, deps),
      dueMs: reminder.dueMs,
      dueText: formatInZone(reminder.dueMs, zone),
      label: spec.kind === 'at' ? undefined : describeSpec(spec),
      note: result.ok ? undefined : 'You already had this reminder.',
      actions: [{ kind: 'cancel-reminder', reminderId: reminder.id }],
    },
  };
}

/** The best upcoming event for `query` (an exact id works too), or the reply explaining why there is none. */
function findUpcomingEvent(
  query: string,
  deps: CommandDeps,
  now: Date,
  zone: string,
): { event: Event } | { reply: Reply } {
  const nowMs = now.getTime();
  // Ids are kept as written (UUIDs, URLs); older slug ids were lower-case, so try that second.
  const byId = deps.index.events([query])[0] ?? deps.index.events([query.toLowerCase()])[0];
  if (byId)
    return eventDeadlineMs(byId, deps.zone) > nowMs
      ? { event: byId }
      : { reply: pastEvent(byId, zone, deps) };
  const parsed = parseQuery(query, now, zone);
  if (parsed.problems.length)
    return { reply: { kind: 'notice', tone: 'warning', text: parsed.problems.join('\n') } };
  if (isEmptyQuery(parsed)) return { reply: { kind: 'notice', tone: 'warning', text: USAGE } };
  const floor = nowMs - UPCOMING_SLACK_MS;
  const range = parsed.range
    ? { ...parsed.range, fromMs: Math.max(parsed.range.fromMs, floor) }
    : { fromMs: floor, toMs: Number.MAX_SAFE_INTEGER, label: 'upcoming' };
  if (range.fromMs < range.toMs) {
    const upcoming = searchEvents({ ...parsed, range }, deps.index, { limit: 5, nowMs });
    const hit = upcoming.hits.find((h) => eventDeadlineMs(h.event, deps.zone) > nowMs);
    if (hit) return { event: hit.event };
  }
  const any = searchEvents(parsed, deps.index, { limit: 1, nowMs });
  const past = any.hits[0]?.event;
  if (past) return { reply: pastEvent(past, zone, deps) };
  return {
    reply: {
      kind: 'no-match',
      query,
      actions: suggestionActions(any.suggestions),
      hint: 'Reminders are for upcoming events: `/event upcoming` lists them.',
    },
  };
}

function pastEvent(event: Event, zone: string, deps: CommandDeps): Reply {
  return {
    kind: 'notice',
    tone: 'warning',
    text: `“${event.title}” began ${formatInZone(eventStartMs(event, deps.zone), zone)}, so there is nothing to remind you of. \`/event upcoming\` lists what is coming up.`,
  };
}

async function remindersReply(
  userId: string,
  zone: string,
  deps: CommandDeps,
  note?: string,
  offset = 0,
): Promise<Reply> {
  const active = await deps.reminders.active(userId);
  const start = offset < active.length ? offset : 0;
  const page = active.slice(start, start + REMINDERS_PAGE);
  const nowMs = deps.clock.now().getTime();
  const events = new Map(deps.index.events(page.map((r) => r.eventId)).map((e) => [e.id, e]));
  return {
    kind: 'reminders',
    heading: active.length ? `Your reminders (${active.length})` : 'Your reminders',
    items: page.map((r, i) => ({
      reminderId: r.id,
      position: start + i + 1,
      eventId: r.eventId,
      title: r.eventTitle,
      dueMs: r.dueMs,
      dueText: formatInZone(r.dueMs, zone),
      label: r.spec.kind === 'at' ? undefined : describeSpec(r.spec),
      sending: r.status === 'sending',
      ...(events.has(r.eventId) ? { eventWhen: whenOf(events.get(r.eventId)!, deps) } : {}),
      actions: r.status === 'sending' ? [] : reminderActions(r, nowMs),
    })),
    empty:
      'You have no reminders. Set one with `/event remind <event> [when]`, or with the Remind me menu on any event card.',
    note,
    actions: pagerActions('reminders', '', start, REMINDERS_PAGE, start + REMINDERS_PAGE < active.length),
  };
}

/** Snooze (the times that stay before the event), then Cancel. */
function reminderActions(reminder: Reminder, nowMs: number): ReplyAction[] {
  const choices = snoozeChoices(reminder, nowMs);
  return [
    ...(choices.length ? [{ kind: 'snooze-reminder' as const, reminderId: reminder.id, choices }] : []),
    { kind: 'cancel-reminder', reminderId: reminder.id },
  ];
}

async function cancelByPosition(arg: string, input: CommandInput, deps: CommandDeps): Promise<CommandResult> {
  const userId = input.userId!;
  const zone = userZone(input, deps);
  const active = await deps.reminders.active(userId);
  const what = arg.trim().toLowerCase();
  if (what === 'all') {
    const nowMs = deps.clock.now().getTime();
    let cancelled = 0;
    for (const r of active)
      if (typeof (await deps.reminders.cancel(r.id, userId, nowMs)) === 'object') cancelled++;
    return remindersCommand(
      input,
      deps,
      `Cancelled ${cancelled} ${cancelled === 1 ? 'reminder' : 'reminders'}.`,
    );
  }
  const n = /^#?(\d{1,4})$/.exec(what);
  if (!n)
    return notice(
      'warning',
      'Say which reminder to cancel by its number: `/event remind cancel 2`. `/event reminders` lists them.',
    );
  const reminder = active[Number(n[1]) - 1];
  if (!reminder) {
    return notice(
      'warning',
      active.length
        ? `You have ${active.length} ${active.length === 1 ? 'reminder' : 'reminders'}; pick a number from 1 to ${active.length} (\`/event reminders\` lists them).`
        : 'You have no reminders to cancel.',
    );
  }
  return cancelOne(reminder.id, userId, zone, deps);
}

async function cancelOne(
  reminderId: string,
  userId: string,
  zone: string,
  deps: CommandDeps,
): Promise<CommandResult> {
  const result = await deps.reminders.cancel(reminderId, userId, deps.clock.now().getTime());
  if (result === 'sending')
    return notice('info', 'That reminder is being sent right now, so it can no longer be cancelled.');
  if (!result) return notice('info', 'That reminder was already sent or cancelled.');
  return {
    visibility: 'ephemeral',
    reply: await remindersReply(
      userId,
      zone,
      deps,
      `Cancelled your reminder for “${result.eventTitle}” (it was due ${formatInZone(result.dueMs, zone)}).`,
    ),
  };
}

/** The asker's own zone when their profile gave a valid one, else the configured zone. */
export function userZone(input: Pick<CommandInput, 'userZone'>, deps: Pick<CommandDeps, 'zone'>): string {
  return input.userZone && isValidTimeZone(input.userZone) ? input.userZone : deps.zone;
}
