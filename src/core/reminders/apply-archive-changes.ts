import type { ReminderRepository } from '../ports/reminders.js';
import type { SearchIndex } from '../ports/search.js';
import type { Clock } from '../time.js';
import type { Reminder } from './model.js';
import { followEvent } from './rules.js';

/** What a re-import did to reminders. */
export interface ArchiveChangeReport {
  /** Re-timed to follow their event (or just given its new title). */
  updated: number;
  /** Cancelled because their event left the archive or moved before them. */
  cancelled: number;
  /** Their event moved and has already begun. */
  missed: number;
  /** Notices queued to tell users (one per user and event). */
  notified: number;
}

/**
 * Run after each archive import with its `changedIds` and `removedIds`: reminders of changed events
 * follow the new time, and reminders of events that are gone are cancelled, their owners told once. An
 * id reported removed by one file and added by another in the same import (an event that moved between
 * files) still exists, so its reminders are kept. The notice is queued before the reminder is closed, so
 * a crash in between still tells the user exactly once (the notice key is unique).
 */
export async function applyArchiveChanges(
  summary: { changedIds: string[]; removedIds: string[] },
  deps: {
    reminders: ReminderRepository;
    index: SearchIndex;
    clock: Clock;
    zone: string;
    /** Whose reminders follow this archive: the workspaces that see it (all, when absent). */
    sees?: (workspace: Reminder['workspace']) => boolean;
  },
): Promise<ArchiveChangeReport> {
  const report: ArchiveChangeReport = { updated: 0, cancelled: 0, missed: 0, notified: 0 };
  const ids = [...new Set([...summary.changedIds, ...summary.removedIds])];
  if (!ids.length) return report;
  const nowMs = deps.clock.now().getTime();
  const events = new Map(deps.index.events(ids).map((e) => [e.id, e]));
  for (const reminder of await deps.reminders.pendingForEvents(ids)) {
    if (deps.sees && !deps.sees(reminder.workspace)) continue;
    const decision = followEvent(reminder, events.get(reminder.eventId), nowMs, deps.zone);
    switch (decision.action) {
      case 'keep':
        break;
      case 'update':
        if (await deps.reminders.update(reminder.id, decision, nowMs)) report.updated++;
        break;
      case 'missed':
        if (await deps.reminders.close(reminder.id, 'missed', decision.reason, nowMs)) report.missed++;
        break;
      case 'cancel':
        if (
          decision.notice &&
          (await deps.reminders.notices.add({ ...decision.notice, workspace: reminder.workspace }, nowMs))
        )
          report.notified++;
        if (await deps.reminders.close(reminder.id, 'cancelled', decision.reason, nowMs)) report.cancelled++;
        break;
    }
  }
  return report;
}
