import type { Source } from '../model.js';

/** The fields a record should have and the gaps report counts when it lacks them. */
export const AUDITED_FIELDS = ['summary', 'themes', 'speakers', 'url', 'timezone'] as const;
export type AuditedField = (typeof AUDITED_FIELDS)[number];

/** An event as the gaps report lists it: enough to find and fix it at its source. */
export interface AuditRecord {
  id: string;
  title: string;
  start: string;
  source?: Source;
}

/** Events that look like one event recorded twice, and why. */
export interface DuplicateGroup {
  reason: 'same-title-and-day' | 'same-link';
  events: AuditRecord[];
}

/** What the keepers' gaps report reads from the archive's store (read-only, whole-archive queries). */
export interface ArchiveAudit {
  /** How many events lack `field`, and the first `limit` of them (newest first). */
  missing(field: AuditedField, limit: number): { count: number; examples: AuditRecord[] };
  /** Up to `limit` groups of likely duplicates: the same title (case-folded) on the same day, or the same link. */
  duplicates(limit: number): DuplicateGroup[];
}
