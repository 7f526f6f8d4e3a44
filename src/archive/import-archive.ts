import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { Event } from '../core/model.js';
import { SLACK_SOURCE } from '../core/ports/added-events.js';
import { isUrlEntry } from './feeds/feed-url.js';
import type { readFieldMap } from './field-map.js';
import { displayPath, expandArchivePaths, fieldMapPathFor, hashArchiveFile } from './files.js';
import { type ArchiveFormat, loadBytes, loaderOf, readArchiveFile } from './index.js';
import type { Loader, LoadOptions, MappedRecord, Problem } from './types.js';

/** What the importer needs from storage; EventStore provides it. */
export interface ArchiveSink {
  archiveFile(path: string): { hash: string; events: number; validUntil?: number } | undefined;
  replaceFileEvents(
    file: string,
    hash: string,
    events: Event[],
    options: {
      validUntil?: number;
      keepMissing?: boolean;
      onProgress?: (done: number, total: number) => void;
    },
  ): { added: string[]; updated: string[]; unchanged: string[]; removed: string[] };
  /** Files imported before, as named then; with {@link removeArchiveFile}, for pruning removed files. */
  archiveFilePaths?(): string[];
  /** Forgets a file and its events; returns the removed event ids. */
  removeArchiveFile?(file: string): string[];
  /**
   * Runs all of an import's writes as one transaction, so the search index and what is derived from
   * it commit together with the events (a crash leaves the previous archive, never a stale index).
   */
  batch?<T>(work: () => T): T;
  /** Checks the search index against the events and rebuilds what disagrees; `import --force` calls it. */
  repairIndex?(): unknown;
}

/** Totals over all files, plus each rejected file's problems. */
export interface ImportSummary {
  files: number;
  skippedFiles: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Files refused whole: nothing of theirs was written. */
  rejected: number;
  /** Their names (a feed's is its URL). */
  rejectedFiles: string[];
  /** With `partial`: records skipped in files whose valid records were imported. */
  skippedRecords: number;
  problems: Problem[];
  /** Parts of imported files that were skipped or guessed at (a calendar's broken VEVENT, a zone). */
  warnings: Problem[];
  /** Files that left an archive folder since they were imported, with the events they took along. */
  removedFiles: { file: string; events: number }[];
  /** Files read through a field map, with how their first records' fields came about (`check --map`). */
  mapped: { file: string; map: string; records: MappedRecord[] }[];
  /** Ids whose time or content changed, or that disappeared: reminders follow these. */
  changedIds: string[];
  removedIds: string[];
}

/** A source already in memory, imported like a file under its name: a fetched calendar feed. */
export interface ArchiveDocument {
  name: string;
  bytes: Buffer;
  format: ArchiveFormat;
}

export interface ImportOptions extends LoadOptions {
  /** Imported after the files, each as its own source. */
  documents?: ArchiveDocument[];
  /** Re-parse even files whose hash is unchanged. */
  force?: boolean;
  /** Validate only: nothing is written. */
  dryRun?: boolean;
  /**
   * Import each file's valid records and report the rest, instead of refusing a file with any problem.
   * Such a file keeps its stored events that no valid record names, and is parsed again next time.
   */
  partial?: boolean;
  /** The field map for exports without one beside them (`EVENT_ARCHIVE_MAP`). */
  mapFile?: string;
  onFile?: (done: number, total: number, file: string) => void;
  /** Events written so far in the current file, for a progress bar on large files. */
  onEvents?: (done: number, total: number, file: string) => void;
}

/**
 * Imports files and folders in one transaction: a file with any problem is rejected whole and the
 * database keeps what it had, unless `partial` asks for its valid records. A file whose bytes hash as
 * before is not parsed again.
 *
 * Two phases: first, outside any transaction, every file is read and hashed and compared with what was
 * imported; then only the formats of what changed have their loader imported (and the field-map reader
 * only when a changed file has a map), and the changed files are read again and written. A start whose
 * archive has not changed loads no parser at all.
 */
export async function importArchive(
  paths: string[],
  sink: ArchiveSink,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    files: 0,
    skippedFiles: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    rejected: 0,
    rejectedFiles: [],
    skippedRecords: 0,
    removedFiles: [],
    mapped: [],
    problems: [],
    warnings: [],
    changedIds: [],
    removedIds: [],
  };
  const { files, problems, folders } = expandArchivePaths(paths);
  for (const problem of problems) reject(summary, [problem]);
  const steps = [
    ...files.map((path) => planFile(path, sink, options)),
    ...(options.documents ?? []).map((document) => planDocument(document, sink, options)),
  ];
  const changed = steps.filter((step) => step.kind === 'changed');
  const formats = [...new Set(changed.map((step) => step.format))];
  const loaders = new Map(await Promise.all(formats.map(async (f) => [f, await loaderOf(f)] as const)));
  const mapReader = changed.some((step) => step.mapPath)
    ? (await import('./field-map.js')).readFieldMap
    : undefined;
  // Every file is written in one transaction, each as soon as it is read and checked, so only one
  // file's events are in memory at a time; the search index's derived tables commit with them.
  const run = () => {
    steps.forEach((step, index) => {
      summary.files++;
      if (step.kind === 'unreadable') reject(summary, [step.problem]);
      else if (step.kind === 'unchanged') {
        summary.skippedFiles++;
        summary.unchanged += step.events;
      } else {
        const bytes = step.document?.bytes ?? reread(step, summary);
        const loader = loaders.get(step.format) as Loader;
        if (bytes) importOne(step.name, { bytes, loader }, sink, options, summary, step.mapPath, mapReader);
      }
      options.onFile?.(index + 1, steps.length, step.source);
    });
    if (!options.dryRun) pruneRemovedFiles(folders, files, sink, summary);
  };
  if (options.dryRun || !sink.batch) run();
  else sink.batch(run);
  if (options.force && !options.dryRun) sink.repairIndex?.();
  return summary;
}

/** What the first phase found for one file or document: unreadable, as imported before, or to be parsed. */
type Step = { name: string; source: string } & (
  | { kind: 'unreadable'; problem: Problem }
  | { kind: 'unchanged'; events: number }
  | { kind: 'changed'; format: ArchiveFormat; document?: ArchiveDocument; mapPath?: string }
);

function planFile(path: string, sink: ArchiveSink, options: ImportOptions): Step {
  const name = displayPath(path);
  const mapPath = fieldMapPathFor(path, options.mapFile);
  let mapText: string | undefined;
  let mapUnreadable = false;
  try {
    mapText = mapPath ? readFileSync(mapPath, 'utf8') : undefined;
  } catch {
    mapUnreadable = true;
  }
  // Hashed as it is read, in chunks: an unchanged file is never held in memory whole.
  const hashed = hashArchiveFile(path, name, mapSuffix(mapText));
  if (!hashed.ok) return { kind: 'unreadable', name, source: path, problem: hashed.problem };
  const format = extname(path).toLowerCase();
  const changed: Step = { kind: 'changed', name, source: path, format, mapPath };
  // The second phase reads the map again and reports why it cannot.
  if (mapUnreadable) return changed;
  return unchangedSince(name, path, hashed.hash, sink, options) ?? changed;
}

function planDocument(document: ArchiveDocument, sink: ArchiveSink, options: ImportOptions): Step {
  const { name, format } = document;
  return (
    unchangedSince(name, name, fileHash(document.bytes), sink, options) ?? {
      kind: 'changed',
      name,
      source: name,
      format,
      document,
    }
  );
}

/** The unchanged step when `name` was imported from these very bytes and is still valid, else undefined. */
function unchangedSince(
  name: string,
  source: string,
  hash: string,
  sink: ArchiveSink,
  options: ImportOptions,
): Step | undefined {
  if (options.force || options.dryRun) return undefined;
  const known = sink.archiveFile(name);
  const fresh = known?.validUntil === undefined || known.validUntil > options.now.getTime();
  return known?.hash === hash && fresh
    ? { kind: 'unchanged', name, source, events: known.events }
    : undefined;
}

/** A changed file read again for its second phase (only one file's bytes are held at a time). */
function reread(step: { name: string; source: string }, summary: ImportSummary): Buffer | undefined {
  const read = readArchiveFile(step.source, step.name);
  if (read.ok) return read.bytes;
  reject(summary, [read.problem]);
  return undefined;
}

/** What a file's stored hash is made of: its bytes and, since a changed map changes what it means, its map's text. */
function fileHash(bytes: Buffer, mapText?: string): string {
  return createHash('sha256').update(bytes).update(mapSuffix(mapText)).digest('hex');
}

function mapSuffix(mapText?: string): string {
  return mapText !== undefined ? `\u0000${mapText}` : '';
}

function importOne(
  name: string,
  read: { bytes: Buffer; loader: Loader },
  sink: ArchiveSink,
  options: ImportOptions,
  summary: ImportSummary,
  mapPath?: string,
  readMap?: typeof readFieldMap,
): void {
  const mapRead = mapPath && readMap ? readMap(mapPath) : undefined;
  if (mapRead && 'problems' in mapRead) {
    reject(summary, mapRead.problems);
    return;
  }
  const map = mapRead?.map;
  // The first phase already found this file changed (unchangedSince); the hash is taken again from
  // the bytes being written, so what is stored names exactly what was parsed.
  const hash = fileHash(read.bytes, map?.text);
  const result = loadBytes(read.bytes, read.loader, name, { ...options, map });
  if (result.mapped) summary.mapped.push({ file: name, ...result.mapped });
  const partial = result.problems.length > 0;
  if (partial && (!options.partial || result.events.length === 0)) {
    reject(summary, result.problems);
    return;
  }
  summary.warnings.push(...capped(result.warnings ?? [], 'warnings'));
  if (partial) {
    summary.skippedRecords += new Set(result.problems.map((p) => p.line)).size;
    report(summary, result.problems);
  }
  if (options.dryRun) {
    summary.added += result.events.length;
    return;
  }
  // A partly imported file is stored under a hash no file has, so the next import reads it again and
  // reports what is still wrong instead of skipping it as unchanged.
  const outcome = sink.replaceFileEvents(name, partial ? `partial:${hash}` : hash, result.events, {
    validUntil: result.validUntil,
    keepMissing: partial,
    onProgress: options.onEvents && ((done, total) => options.onEvents?.(done, total, name)),
  });
  summary.added += outcome.added.length;
  summary.updated += outcome.updated.length;
  summary.unchanged += outcome.unchanged.length;
  summary.removed += outcome.removed.length;
  summary.changedIds.push(...outcome.updated);
  summary.removedIds.push(...outcome.removed);
}

/**
 * A file imported from one of these folders that the walk no longer finds (deleted, moved, renamed)
 * takes its events with it. Files named one by one are never pruned by omission, and a folder that is
 * missing altogether prunes nothing: that is a problem to report, not an empty archive.
 */
function pruneRemovedFiles(
  folders: string[],
  found: string[],
  sink: ArchiveSink,
  summary: ImportSummary,
): void {
  if (!folders.length || !sink.archiveFilePaths || !sink.removeArchiveFile) return;
  const present = new Set(found.map((f) => resolve(f)));
  const roots = folders.map((f) => resolve(f) + sep);
  for (const stored of sink.archiveFilePaths()) {
    // A feed's events are named by its URL, which no folder holds (resolve would read it as a path).
    if (isUrlEntry(stored)) continue;
    // Events added in Slack are no file: no archive folder's walk ever prunes them.
    if (stored === SLACK_SOURCE) continue;
    const full = resolve(stored);
    if (present.has(full) || !roots.some((root) => full.startsWith(root))) continue;
    const ids = sink.removeArchiveFile(stored);
    summary.removedFiles.push({ file: stored, events: ids.length });
    summary.removed += ids.length;
    summary.removedIds.push(...ids);
  }
}

/** Problems reported per file; past this, one line says how many more there were. */
export const MAX_PROBLEMS_PER_FILE = 50;

function reject(summary: ImportSummary, problems: Problem[]): void {
  summary.rejected++;
  if (problems[0]) summary.rejectedFiles.push(problems[0].file);
  report(summary, problems);
}

function report(summary: ImportSummary, problems: Problem[]): void {
  summary.problems.push(...capped(problems, 'problems'));
}

function capped(problems: Problem[], kind: 'problems' | 'warnings'): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const last = problems[MAX_PROBLEMS_PER_FILE];
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  const message = `… and ${more} more ${kind} in this file${kind === 'problems' ? '; fix the ones above first' : ''}`;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), { file: last.file, line: last.line, message }];
}

const NO_SINK: ArchiveSink = {
  archiveFile: () => undefined,
  replaceFileEvents: () => {
    throw new Error('a dry run never writes');
  },
};

/** Validates files and folders without a database: `added` counts the valid events. */
export function checkArchive(
  paths: string[],
  options: LoadOptions & Pick<ImportOptions, 'mapFile'>,
): Promise<ImportSummary> {
  return importArchive(paths, NO_SINK, { ...options, dryRun: true });
}
