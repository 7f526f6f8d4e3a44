import type { Event } from '../model.js';
import { formatInZone } from '../when-text.js';
import type { NewNotice, Reminder } from './model.js';
import { computeDue, describeSpec, eventDeadlineMs, eventStartMs } from './schedule.js';

/**
 * Why a reminder at `dueMs` is refused, or undefined when it is fine: it must be in the future and before
 * the event starts (for a date-only event, before its day is over).
 */
export function refuseTime(
  dueMs: number,
  event: Event,
  nowMs: number,
  zone: string,
  fallbackZone = 'UTC',
): string | undefined {
  if (dueMs <= nowMs) {
    return `${formatInZone(dueMs, zone)} has already passed, so I can't remind you then. Pick a later time, such as \`1 hour before\`.`;
  }
  const deadline = eventDeadlineMs(event, fallbackZone);
  if (dueMs >= deadline) {
    return `“${event.title}” starts ${formatInZone(eventStartMs(event, fallbackZone), zone)}; a reminder at ${formatInZone(dueMs, zone)} would come after that. Pick a time before it starts.`;
  }
  return undefined;
}

/** What becomes of a reminder when its event changed or went away. */
export type FollowDecision =
  | { action: 'keep' }
  | { action: 'update'; dueMs: number; eventStartMs: number; eventTitle: string }
  | { action: 'cancel'; reason: string; notice?: NewNotice }
  | { action: 'missed'; reason: string };

/**
 * Reminders follow their event. Relative ones ("1 day before") are recomputed from the new start; one
 * whose new time has already passed fires at once, as long as the event has not begun. Fixed-time ones
 * stay put unless the event now begins before them, in which case they are cancelled and the user told.
 * A reminder whose event left the archive is cancelled, with one notice per user and event.
 */
export function followEvent(
  reminder: Reminder,
  event: Event | undefined,
  nowMs: number,
  fallbackZone = 'UTC',
): FollowDecision {
  if (!event) {
    return {
      action: 'cancel',
      reason: 'event removed from the archive',
      notice: {
        key: `event-removed:${reminder.userId}:${reminder.eventId}`,
        userId: reminder.userId,
        tone: 'warning',
        text: `“${reminder.eventTitle}” (${formatInZone(reminder.eventStartMs, reminder.zone)}) is no longer in the event archive, so I cancelled your reminder for it. If it was renamed or moved, find it with \`/event upcoming\` and set a new one.`,
      },
    };
  }
  const startMs = eventStartMs(event, fallbackZone);
  const deadline = eventDeadlineMs(event, fallbackZone);
  if (startMs === reminder.eventStartMs) {
    return event.title === reminder.eventTitle
      ? { action: 'keep' }
      : { action: 'update', dueMs: reminder.dueMs, eventStartMs: startMs, eventTitle: event.title };
  }
  if (nowMs >= deadline) return { action: 'missed', reason: 'the event moved and has already begun' };
  if (reminder.spec.kind === 'at') {
    if (reminder.dueMs < deadline)
      return { action: 'update', dueMs: reminder.dueMs, eventStartMs: startMs, eventTitle: event.title };
    return {
      action: 'cancel',
      reason: 'the event moved before the reminder time',
      notice: {
        key: `event-moved:${reminder.id}`,
        userId: reminder.userId,
        tone: 'warning',
        text: `“${event.title}” moved to ${formatInZone(startMs, reminder.zone)}, before your reminder at ${formatInZone(reminder.dueMs, reminder.zone)}, so I cancelled that reminder. Set a new one with \`/event remind ${event.id}\`.`,
      },
    };
  }
  const due = computeDue(reminder.spec, event, reminder.zone, fallbackZone);
  if ('problem' in due || due.dueMs >= deadline) {
    const why =
      'problem' in due
        ? due.problem
        : `It starts ${formatInZone(startMs, reminder.zone)}, before “${describeSpec(reminder.spec)}”.`;
    return {
      action: 'cancel',
      reason: 'the reminder no longer fits the event',
      notice: {
        key: `event-changed:${reminder.id}`,
        userId: reminder.userId,
        tone: 'warning',
        text: `“${event.title}” changed, and your reminder no longer fits it, so I cancelled it. ${why}`,
      },
    };
  }
  // Moved earlier, so the reminder time has passed: it fires at the next tick instead.
  return {
    action: 'update',
    dueMs: Math.max(due.dueMs, nowMs),
    eventStartMs: startMs,
    eventTitle: event.title,
  };
}
