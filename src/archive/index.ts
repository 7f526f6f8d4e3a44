import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { readArchiveBytes } from './files.js';
import type { Loader, LoadOptions, LoadResult, Problem } from './types.js';

/**
 * Each format's loader, imported the first time a file of that format has to be parsed: the parsers
 * (ical.js, parse5, csv-parse, gray-matter…) are most of a fresh process's start, and a start whose
 * archive has not changed parses nothing.
 */
const LOADERS: Record<string, () => Promise<Loader>> = {
  '.json': async () => (await import('./json-loader.js')).loadJson,
  '.jsonl': async () => (await import('./json-loader.js')).loadJsonLines,
  '.ndjson': async () => (await import('./json-loader.js')).loadJsonLines,
  '.md': async () => (await import('./markdown-loader.js')).loadMarkdown,
  '.markdown': async () => (await import('./markdown-loader.js')).loadMarkdown,
  '.csv': async () => (await import('./csv-loader.js')).loadCsv,
  '.ics': async () => (await import('./ics/index.js')).loadIcs,
  '.txt': async () => (await import('./scraped-page-loader.js')).loadScrapedPage,
  '.html': async () => (await import('./pages/index.js')).loadHtmlPage,
  '.htm': async () => (await import('./pages/index.js')).loadHtmlPage,
};

/** The extensions that have a loader (files.ts keeps the list folder walks use; a test keeps them equal). */
export const LOADER_EXTENSIONS = Object.keys(LOADERS);

/** A format we import, named by its extension (`.ics`); a feed names the format its body is read as. */
export type ArchiveFormat = string;

/** The format a path is read as, or undefined for an extension we do not import. */
export function formatOf(path: string): ArchiveFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext in LOADERS ? ext : undefined;
}

/** The loader of a format, its module imported on first use. */
export function loaderOf(format: ArchiveFormat): Promise<Loader> {
  const load = LOADERS[format];
  if (!load) return Promise.reject(new Error(`no loader for "${format}"`));
  return load();
}

/** Reads one archive file and names its format; an unknown type, a huge or unreadable file is a problem. */
export function readArchiveFile(
  path: string,
  displayName = path,
): { ok: true; format: ArchiveFormat; bytes: Buffer } | { ok: false; problem: Problem } {
  const read = readArchiveBytes(path, displayName);
  if (!read.ok) return read;
  return { ok: true, format: extname(path).toLowerCase(), bytes: read.bytes };
}

/** Parses file content already in memory (also used by `check` on stdin-like inputs and by tests). */
export function loadBytes(bytes: Buffer, loader: Loader, file: string, options: LoadOptions): LoadResult {
  const direct = loader.fromBytes && plainUtf8(bytes);
  if (direct) {
    try {
      const result = loader.fromBytes?.(direct, file, options);
      if (result) return result;
    } catch (error) {
      return fail(file, `could not be parsed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
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

/** The bytes after any byte order mark, when they are UTF-8 text with no NUL or carriage return; else undefined. */
function plainUtf8(bytes: Buffer): Buffer | undefined {
  if (bytes.indexOf(0) >= 0 || bytes.indexOf(13) >= 0 || !isUtf8(bytes)) return undefined;
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
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
