import type { Event } from '../model.js';
import type { Workspace } from '../reminders/model.js';
import type { Awaitable } from './delivery.js';

/** Events added in Slack carry this source; files never do, so imports never touch them. */
export const SLACK_SOURCE = 'slack:added';

/** True for an event added (or last edited) in Slack rather than read from an archive file. */
export function isSlackAdded(event: Pick<Event, 'source'>): boolean {
  return event.source?.file === SLACK_SOURCE;
}

/** An event added in Slack, with who added it, in which workspace, and who changed it last. */
export interface AddedEvent {
  event: Event;
  workspace: Workspace;
  addedBy: string;
  addedMs: number;
  updatedBy: string;
  updatedMs: number;
}

/**
 * Events added in Slack, kept apart from the archive files: user state, in the state store (SQLite,
 * or PostgreSQL shared by every replica).
 */
export interface AddedEventStore {
  get(id: string): Awaitable<AddedEvent | undefined>;
  /** Adds or replaces by the event's id. */
  save(added: AddedEvent): Awaitable<void>;
  all(): Awaitable<AddedEvent[]>;
  /** Changes whenever an event is added or edited, so a replica knows when to refresh its index. */
  version(): Awaitable<string>;
}

/** This replica's search index side of the Slack-added events: what it mirrors, and who added each. */
export interface AddedEventMirror {
  /** Makes the index hold exactly these Slack-added events, as their own source, searchable at once. */
  mirror(added: AddedEvent[]): void;
  /** Who added an event in Slack, when it was; undefined for file events. */
  addedBy(eventId: string): string | undefined;
}
