import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { loadCsv } from './csv-loader.js';
import { readArchiveBytes } from './files.js';
import { loadIcs } from './ics/index.js';
import { loadJson, loadJsonLines } from './json-loader.js';
import { loadMarkdown } from './markdown-loader.js';
import { loadHtmlPage } from './pages/index.js';
import { loadScrapedPage } from './scraped-page-loader.js';
import type { Loader, LoadOptions, LoadResult, Problem } from './types.js';

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

/** The extensions that have a loader (files.ts keeps the list folder walks use; a test keeps them equal). */
export const LOADER_EXTENSIONS = Object.keys(LOADERS);

/** Reads one archive file and finds its loader; an unknown type, a huge or unreadable file is a problem. */
export function readArchiveFile(
  path: string,
  displayName = path,
): { ok: true; loader: Loader; bytes: Buffer } | { ok: false; problem: Problem } {
  const read = readArchiveBytes(path, displayName);
  if (!read.ok) return read;
  return { ok: true, loader: LOADERS[extname(path).toLowerCase()], bytes: read.bytes };
}

/** Parses file content already in memory (also used by `check` on stdin-like inputs and by tests). */
export function loadBytes(bytes: Buffer, loader: Loader, file: string, options: LoadOptions): LoadResult {
  // Decoded once: an archive file may be hundreds of megabytes.
  const decoded = bytes.indexOf(0) < 0 ? strictUtf8(bytes) : undefined;
  if ((decoded ?? bytes.toString('utf8')).trim() === '') return fail(file, 'file is empty');
  if (decoded === undefined) {
    const line = bytes.subarray(0, binaryOffset(bytes)).toString('latin1').split('\n').length;
    return {
      events: [],
      problems: [{ file, line, message: 'file is binary, not text (found a NUL or invalid UTF-8 byte)' }],
    };
  }
  const text = decoded.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
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

function fail(file: string, message: string): LoadResult {
  return { events: [], problems: [{ file, line: 1, message }] };
}

/** The text of valid UTF-8 bytes, or undefined (isUtf8 checks in a fraction of TextDecoder's time). */
function strictUtf8(bytes: Buffer): string | undefined {
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

/** Offset of the first byte that shows the file is not UTF-8 text: a NUL, or the first invalid sequence. */
function binaryOffset(bytes: Buffer): number {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return nul;
  const decoded = new TextDecoder('utf-8').decode(bytes);
  return Buffer.byteLength(decoded.slice(0, Math.max(0, decoded.indexOf('\ufffd'))), 'utf8');
}
