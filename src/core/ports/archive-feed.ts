/** What the archive's own front page needs from storage: what changed lately. */
export interface ArchiveFeed {
  /** Ids of the events most recently added to (or changed in) the archive, newest first. */
  recentlyChanged(limit: number): string[];
}
