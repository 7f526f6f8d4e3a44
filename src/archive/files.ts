import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Problem } from './types.js';

/**
 * Finding and reading archive files, without any loader: enough to tell whether an archive changed
 * since it was imported, so a start with nothing new never loads the parsers (archive/index.ts).
 */

/** Largest archive file we read; anything bigger is almost certainly not an event archive. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** The extensions we import, for messages and folder walks (each has a loader in archive/index.ts). */
export const SUPPORTED_EXTENSIONS = [
  '.json',
  '.jsonl',
  '.ndjson',
  '.md',
  '.markdown',
  '.csv',
  '.ics',
  '.txt',
  '.html',
  '.htm',
];

/** True for a path with an extension we import. */
function isArchiveFile(path: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** Reads one archive file's bytes; an unknown type, a huge or unreadable file is a problem. */
export function readArchiveBytes(
  path: string,
  displayName = path,
): { ok: true; bytes: Buffer } | { ok: false; problem: Problem } {
  const read = withArchiveFile(path, displayName, () => readFileSync(path));
  return read.ok ? { ok: true, bytes: read.value } : read;
}

/** How much of a file {@link hashArchiveFile} reads at a time. */
const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The SHA-256 of an archive file's bytes followed by `suffix`, read in chunks: telling whether a large
 * archive changed then needs no buffer of its size (allocating and filling a fresh 300 MB buffer was
 * most of an unchanged re-import). Refuses what {@link readArchiveBytes} refuses, with the same problems.
 */
export function hashArchiveFile(
  path: string,
  displayName = path,
  suffix = '',
): { ok: true; hash: string } | { ok: false; problem: Problem } {
  const read = withArchiveFile(path, displayName, () => {
    const digest = createHash('sha256');
    const chunk = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) digest.update(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    return digest.update(suffix).digest('hex');
  });
  return read.ok ? { ok: true, hash: read.value } : read;
}

/** Runs `read` on a file of a type we import and a size we accept, or names why not. */
function withArchiveFile<T>(
  path: string,
  displayName: string,
  read: () => T,
): { ok: true; value: T } | { ok: false; problem: Problem } {
  const problem = (message: string) => ({
    ok: false as const,
    problem: { file: displayName, line: 1, message },
  });
  if (!isArchiveFile(path)) {
    return problem(
      `unknown file type "${extname(path) || '(none)'}"; use one of ${SUPPORTED_EXTENSIONS.join(', ')}`,
    );
  }
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      return problem(
        `file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`,
      );
    }
    return { ok: true, value: read() };
  } catch (error) {
    return problem(`cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * Expands files and folders into archive files, sorted. Folders are walked recursively; hidden files,
 * names starting with "_" and README files are skipped, so a folder can carry its own notes.
 */
export function expandArchivePaths(paths: string[]): {
  files: string[];
  problems: Problem[];
  /** The paths that were folders, walked whole: the ones whose removed files may be pruned. */
  folders: string[];
} {
  const files: string[] = [];
  const problems: Problem[] = [];
  const folders: string[] = [];
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      problems.push({ file: path, line: 0, message: 'no such file or folder' });
      continue;
    }
    if (stat.isDirectory()) {
      folders.push(path);
      walk(path, files);
    } else files.push(path);
  }
  return { files: [...new Set(files)].sort(), problems, folders };
}

function walk(dir: string, out: string[]): void {
  // In no order: expandArchivePaths sorts what the walk found (a localeCompare here cost a start ICU's collator).
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_') || /^readme(\.|$)/i.test(entry.name))
      continue;
    const full = join(dir, entry.name);
    // A browser's "save page, complete" puts the page's assets (and ad frames) in `<page>_files/`.
    if (entry.isDirectory() && entry.name.endsWith('_files')) continue;
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && isArchiveFile(full) && !isFieldMapFile(full)) out.push(full);
  }
}

/** A short path for messages: relative to the working folder when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

const MAP_NAMES = ['.map.yml', '.map.yaml', '.map.json'];
/** The formats whose records a map renames; calendars and scraped pages have names of their own. */
const MAPPED_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson', '.csv', '.md', '.markdown']);

/** Whether a file is a field map (so a folder walk does not read `events.map.json` as events). */
export function isFieldMapFile(path: string): boolean {
  return MAP_NAMES.some((suffix) => path.toLowerCase().endsWith(suffix));
}

/**
 * The map for an export: `<name>.map.yml` (or `.yaml`, `.json`) beside it, e.g. `events.map.yml` for
 * `events.csv`; else the configured `EVENT_ARCHIVE_MAP`; else none.
 */
export function fieldMapPathFor(file: string, configured?: string): string | undefined {
  if (!MAPPED_EXTENSIONS.has(extname(file).toLowerCase())) return undefined;
  const stem = join(dirname(file), basename(file, extname(file)));
  return MAP_NAMES.map((suffix) => stem + suffix).find((path) => existsSync(path)) ?? configured;
}
