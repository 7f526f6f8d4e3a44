import type { Event } from '../core/model.js';
import type { FieldMap } from './field-map.js';

/** One thing wrong with an archive file, located precisely enough for an operator to fix it. */
export interface Problem {
  file: string;
  line: number;
  field?: string;
  message: string;
}

/**
 * What every loader returns: the valid events and the problems found. By default any problem refuses
 * the whole file; with `--partial` the valid events are imported and each problem reported.
 */
export interface LoadResult {
  events: Event[];
  problems: Problem[];
  /** Parts left out or guessed at while the rest of the file imports (a calendar's broken VEVENT, a zone). */
  warnings?: Problem[];
  /** Set when the result depends on the date (an open-ended recurring series): re-parse after this instant. */
  validUntil?: number;
  /** When a field map was applied: the map file and how the first records' fields came about. */
  mapped?: { map: string; records: MappedRecord[] };
}

/** One of our fields on one mapped record: the source it was read from, its value there, and ours. */
export interface MapRow {
  field: string;
  from: string;
  raw: string;
  value: unknown;
}

/** A mapped record's rows, and the source fields the map left unused. */
export interface MappedRecord {
  line: number;
  rows: MapRow[];
  unused: string[];
}

/** Options shared by loaders; `now` matters only to formats whose meaning depends on the date. */
export interface LoadOptions {
  now: Date;
  /** Zone for floating and date-only times that carry no zone of their own. */
  defaultZone: string;
  /** All-or-nothing: a part a lenient loader would skip refuses the whole file instead. */
  strict?: boolean;
  /** A field map for exports with their own names (JSON, JSON Lines, CSV, Markdown front matter). */
  map?: FieldMap;
}

/**
 * A loader turns one file's text into events. It never throws for bad input; it reports problems.
 * One may also read the bytes themselves (`fromBytes`, given valid UTF-8 without NUL, CR or byte order
 * mark), returning undefined when the text path should decide.
 */
export type Loader = ((text: string, file: string, options: LoadOptions) => LoadResult) & {
  fromBytes?: (bytes: Buffer, file: string, options: LoadOptions) => LoadResult | undefined;
};

/** `file:line: field: message`, the one shape every archive message takes. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}
