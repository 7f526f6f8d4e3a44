import { extname } from 'node:path';
import type { ArchiveDocument, ImportSummary } from '../import-archive.js';
import { type ArchiveFormat, formatOf } from '../index.js';
import type { Problem } from '../types.js';
import { type FeedUrl, isUrlEntry, parseFeedUrl } from './feed-url.js';
import { DEFAULT_FETCH_LIMITS, type FetchLimits, fetchFeed } from './fetch-feed.js';

/** A feed's last good copy: the bytes that imported, and the validators they were served with. */
export interface FeedCopy {
  name: string;
  body: Buffer;
  etag?: string;
  lastModified?: string;
  fetchedMs: number;
}

/** Where last good copies are kept (the archive database: storage/feed-copies.ts). */
export interface FeedCopies {
  get(name: string): FeedCopy | undefined;
  put(copy: FeedCopy): void;
}

/** What happened to one feed on this import: for the log, and for the refresh job's backoff. */
export interface FeedReport {
  name: string;
  outcome: 'fetched' | 'not-modified' | 'failed' | 'refused';
  /** Bytes received (fetched or refused bodies). */
  bytes?: number;
  /** A failure's reason, and how long the server asked us to wait (Retry-After). */
  reason?: string;
  retryAfterMs?: number;
}

/** One feed read for an import: the document to import (fresh or the last good copy) and what to record. */
export interface FeedRead {
  feed: FeedUrl;
  report: FeedReport;
  document?: ArchiveDocument;
  /** A fresh copy, kept as the last good one once its import is accepted. */
  fresh?: FeedCopy;
  /** The copy already kept, if any. */
  kept?: FeedCopy;
}

/** Archive entries split into local paths and feed URLs; a URL of another scheme is a problem. */
export function splitArchiveEntries(entries: string[]): {
  paths: string[];
  feeds: FeedUrl[];
  problems: Problem[];
} {
  const paths: string[] = [];
  const feeds: FeedUrl[] = [];
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!isUrlEntry(entry)) {
      paths.push(entry);
      continue;
    }
    const parsed = parseFeedUrl(entry);
    if (parsed.ok) feeds.push(parsed.feed);
    else problems.push(parsed.problem);
  }
  return { paths, feeds, problems };
}

/**
 * Fetches each feed (conditionally, from its last good copy's validators) and says what to import: the
 * fresh body, or on a 304 or a failure the last good copy, which the importer skips when unchanged.
 */
export async function readFeeds(
  feeds: FeedUrl[],
  copies: FeedCopies,
  options: { nowMs: number; limits?: FetchLimits },
): Promise<FeedRead[]> {
  return Promise.all(
    feeds.map(async (feed): Promise<FeedRead> => {
      const kept = copies.get(feed.name);
      const outcome = await fetchFeed(feed.url, kept, options.limits ?? DEFAULT_FETCH_LIMITS);
      const format = feedFormat(feed.url);
      const keptDocument = kept && { name: feed.name, bytes: kept.body, format };
      switch (outcome.kind) {
        case 'fresh': {
          const fresh: FeedCopy = {
            name: feed.name,
            body: outcome.bytes,
            fetchedMs: options.nowMs,
            ...(outcome.etag ? { etag: outcome.etag } : {}),
            ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
          };
          return {
            feed,
            kept,
            fresh,
            document: { name: feed.name, bytes: outcome.bytes, format },
            report: { name: feed.name, outcome: 'fetched', bytes: outcome.bytes.length },
          };
        }
        case 'not-modified':
          return { feed, kept, document: keptDocument, report: { name: feed.name, outcome: 'not-modified' } };
        case 'failed':
          return {
            feed,
            kept,
            document: keptDocument,
            report: {
              name: feed.name,
              outcome: 'failed',
              reason: outcome.reason,
              ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
            },
          };
      }
    }),
  );
}

/**
 * After the import: an accepted fresh copy becomes the last good one (with its validators); a refused
 * one or a failed fetch leaves the last good copy serving, and the summary says so.
 */
export function settleFeeds(
  reads: FeedRead[],
  summary: ImportSummary,
  copies: FeedCopies | undefined,
): FeedReport[] {
  const rejected = new Set(summary.rejectedFiles);
  return reads.map((read) => {
    const { feed, report, kept } = read;
    const serving = kept
      ? `the copy fetched ${new Date(kept.fetchedMs).toISOString()} keeps serving`
      : 'nothing imported from it yet';
    if (report.outcome === 'failed') {
      const problem = { file: feed.name, line: 0, message: `${report.reason}; ${serving}` };
      if (kept) summary.warnings.push(problem);
      else {
        summary.problems.push(problem);
        summary.rejected++;
        summary.rejectedFiles.push(feed.name);
      }
      return report;
    }
    if (report.outcome === 'fetched' && rejected.has(feed.name)) {
      summary.warnings.push({
        file: feed.name,
        line: 0,
        message: `the fetched feed was refused; ${serving}`,
      });
      return { ...report, outcome: 'refused' };
    }
    if (read.fresh && copies) copies.put(read.fresh);
    return report;
  });
}

/** A feed named like a file we import (`…/events.jsonl`) is read as that; anything else is a calendar. */
function feedFormat(url: string): ArchiveFormat {
  const path = new URL(url).pathname;
  return (extname(path) && formatOf(path)) || '.ics';
}
