import {
  type ArchiveSink,
  type ImportOptions,
  type ImportSummary,
  importArchive,
} from '../import-archive.js';
import {
  type FeedCopies,
  type FeedReport,
  readFeeds,
  settleFeeds,
  splitArchiveEntries,
} from './feed-sync.js';
import { isUrlEntry, parseFeedUrl } from './feed-url.js';
import type { FetchLimits } from './fetch-feed.js';

export type { FeedCopies, FeedCopy, FeedReport } from './feed-sync.js';
export { isUrlEntry };

/** How a feed entry is named in reports and as its events' source. */
export function feedName(entry: string): string {
  const parsed = parseFeedUrl(entry);
  return parsed.ok ? parsed.feed.name : entry.trim();
}
export { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-feed.js';

export interface FeedImportOptions extends ImportOptions {
  fetchLimits?: FetchLimits;
}

/**
 * Imports archive entries, files and folders as {@link importArchive} does and calendar feed URLs
 * fetched first: each feed is one source, named by its URL, so what left it is pruned and what moved is
 * updated like a file's events. A feed that cannot be fetched, or whose body is refused, keeps its last
 * good copy serving, and a warning says so.
 */
export async function importEntries(
  entries: string[],
  sink: ArchiveSink,
  copies: FeedCopies,
  options: FeedImportOptions,
): Promise<ImportSummary & { feeds: FeedReport[] }> {
  const { paths, feeds, problems } = splitArchiveEntries(entries);
  const reads = await readFeeds(feeds, copies, { nowMs: options.now.getTime(), limits: options.fetchLimits });
  const documents = reads.flatMap((read) => (read.document ? [read.document] : []));
  const summary = await importArchive(paths, sink, { ...options, documents });
  for (const problem of problems) {
    summary.problems.push(problem);
    summary.rejected++;
    summary.rejectedFiles.push(problem.file);
  }
  const reports = settleFeeds(reads, summary, options.dryRun ? undefined : copies);
  return { ...summary, feeds: reports };
}
