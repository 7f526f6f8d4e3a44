import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { loadCsv } from './csv-loader.js';
import { isFieldMapFile } from './field-map.js';
import { loadIcs } from './ics/index.js';
import { loadJson, loadJsonLines } from './json-loader.js';
import { loadMarkdown } from './markdown-loader.js';
import { loadHtmlPage } from './pages/index.js';
import { loadScrapedPage } from './scraped-page-loader.js';
import type { Loader, LoadOptions, LoadResult, Problem } from './types.js';

/** Largest archive file we read; anything bigger is almost certainly not an event archive. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

const LOADERS: Record<string, Loader> = {
  '.json': loadJson,
  '.jsonl': loadJsonLines,
  '.ndjson': loadJsonLines,
  '.md': loadMarkdown,
  '.markdown': loadMarkdown,
  '.csv': loadCsv,
  '.ics': loadIcs,
  '.txt': loadScrapedPage,
  '.html': loadHtmlPage,
  '.htm': loadHtmlPage,
};

/** The extensions we import, for messages and folder walks. */
export const SUPPORTED_EXTENSIONS = Object.keys(LOADERS);

/** Reads one archive file and finds its loader; an unknown type, a huge or unreadable file is a problem. */
export function readArchiveFile(
  path: string,
  displayName = path,
): { ok: true; loader: Loader; bytes: Buffer } | { ok: false; problem: Problem } {
  const loader = LOADERS[extname(path).toLowerCase()];
  const problem = (message: string) => ({
    ok: false as const,
    problem: { file: displayName, line: 1, message },
  });
  if (!loader) {
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
    return { ok: true, loader, bytes: readFileSync(path) };
  } catch (error) {
    return problem(`cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Parses file content already in memory (also used by `check` on stdin-like inputs and by tests). */
export function loadBytes(bytes: Buffer, loader: Loader, file: string, options: LoadOptions): LoadResult {
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return fail(file, 'file is empty');
  const binaryAt = binaryOffset(bytes);
  if (binaryAt >= 0) {
    const line = bytes.subarray(0, binaryAt).toString('latin1').split('\n').length;
    return {
      events: [],
      problems: [{ file, line, message: 'file is binary, not text (found a NUL or invalid UTF-8 byte)' }],
    };
  }
  const text = bytes
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n');
  try {
    return loader(text, file, options);
  } catch (error) {
    return fail(file, `could not be parsed (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The loader for a path, or undefined for an extension we do not import. */
export function loaderFor(path: string): Loader | undefined {
  return LOADERS[extname(path).toLowerCase()];
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
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_') || /^readme(\.|$)/i.test(entry.name))
      continue;
    const full = join(dir, entry.name);
    // A browser's "save page, complete" puts the page's assets (and ad frames) in `<page>_files/`.
    if (entry.isDirectory() && entry.name.endsWith('_files')) continue;
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && loaderFor(full) && !isFieldMapFile(full)) out.push(full);
  }
}

/** A short path for messages: relative to the working folder when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

function fail(file: string, message: string): LoadResult {
  return { events: [], problems: [{ file, line: 1, message }] };
}

/** Offset of the first byte that shows the file is not UTF-8 text, or -1. */
function binaryOffset(bytes: Buffer): number {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return nul;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    const decoded = new TextDecoder('utf-8').decode(bytes);
    return Buffer.byteLength(decoded.slice(0, Math.max(0, decoded.indexOf('\ufffd'))), 'utf8');
  }
}
