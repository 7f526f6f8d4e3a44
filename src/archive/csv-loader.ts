import { CsvError, parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { isValidDateTime, isValidTimeZone } from '../core/time.js';
import { collectMapped, type FieldMap } from './field-map.js';
import { collect } from './json-loader.js';
import { RECORD_FIELDS, splitList } from './record-fields.js';
import type { Loader, Problem } from './types.js';

/** The CSV columns, in order: the model's fields. `export --format csv` writes these. */
export const CSV_FIELDS = RECORD_FIELDS;
type Field = (typeof CSV_FIELDS)[number];
const FIELDS = CSV_FIELDS;

/** Header spellings seen in spreadsheet and CMS exports, after lower-casing and collapsing `_`/`-`/spaces. */
const ALIASES: Record<string, Field> = {
  date: 'start',
  'start date': 'start',
  'end date': 'end',
  name: 'title',
  event: 'title',
  'event name': 'title',
  category: 'type',
  tz: 'timezone',
  venue: 'location',
  link: 'url',
  host: 'hosts',
  speaker: 'speakers',
  description: 'summary',
  theme: 'themes',
  tag: 'tags',
};

const LIST_FIELDS = new Set<Field>(['hosts', 'speakers', 'themes', 'tags']);
const DATE_FIELDS = ['start', 'end'] as const;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/;
const SPACED_OFFSET_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))$/;

type Row = { cells: string[]; line: number };

/**
 * A spreadsheet or CMS export: a header row naming the model's fields (case-insensitive, with aliases
 * such as "date" and "speaker"), one event per row. Lists are `;`-separated.
 */
export const loadCsv: Loader = (input, file, options) => {
  const parsed = readRows(input.replace(/\r\n?/g, '\n'), file);
  if ('problem' in parsed) return { events: [], problems: [parsed.problem] };
  const [header, ...rows] = parsed.rows;
  if (!header) return { events: [], problems: [{ file, line: 1, message: 'no header row' }] };
  if (options.map) return loadMappedCsv(header, rows, file, options.map, options.defaultZone);

  const { columns, problems } = readHeader(header, file);
  const headerBroken = problems.length > 0;
  const items: { record: unknown; line: number }[] = [];
  const badDates = new Map<number, Map<string, string>>();
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.cells.length !== header.cells.length) {
      problems.push(raggedRow(row, header, file));
      continue;
    }
    const record = toRecord(row.cells, columns);
    const refused = placeDates(record, options.defaultZone);
    if (refused.size) badDates.set(row.line, refused);
    items.push({ record, line: row.line });
  }

  const result = collect(items, file);
  const all = [...problems, ...result.problems.map((p) => explainDate(p, badDates))].sort(
    (a, b) => a.line - b.line,
  );
  // A header problem leaves every row's meaning in doubt, so no row counts as valid then.
  return { events: headerBroken ? [] : result.events, problems: all };
};

/** An export with its own column names, read through its field map: every column is a source field. */
function loadMappedCsv(header: Row, rows: Row[], file: string, map: FieldMap, defaultZone: string) {
  const problems: Problem[] = [];
  const items: { record: unknown; line: number }[] = [];
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.cells.length !== header.cells.length) problems.push(raggedRow(row, header, file));
    else
      items.push({
        record: Object.fromEntries(header.cells.map((h, i) => [h.trim(), row.cells[i]])),
        line: row.line,
      });
  }
  const result = collectMapped(items, file, map, defaultZone, (record) => placeDates(record, defaultZone));
  return { ...result, problems: [...problems, ...result.problems].sort((a, b) => a.line - b.line) };
}

function raggedRow(row: Row, header: Row, file: string): Problem {
  return {
    file,
    line: row.line,
    message: `row has ${row.cells.length} columns, the header has ${header.cells.length}`,
  };
}

/**
 * csv-parse gives each record's last line; a record starts one line after the previous one ended, plus
 * any blank lines it skipped. Ragged rows are let through so their line can be reported here.
 */
function readRows(text: string, file: string): { rows: Row[] } | { problem: Problem } {
  const starts: number[] = [];
  let lastEnd = 0;
  let lastEmpty = 0;
  try {
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells, info) => {
        starts.push(lastEnd + 1 + (info.empty_lines - lastEmpty));
        lastEnd = info.lines;
        lastEmpty = info.empty_lines;
        return cells;
      },
    });
    return { rows: records.map((cells, i) => ({ cells, line: starts[i] })) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (!(error instanceof CsvError))
      return { problem: { file, line: 1, message: `not valid CSV (${reason})` } };
    const context = error as CsvError & { lines?: number; empty_lines?: number };
    const line =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? lastEnd + 1 + ((context.empty_lines ?? lastEmpty) - lastEmpty)
        : (context.lines ?? 1);
    const message =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell starting in this row is never closed (add the closing ")'
        : `not valid CSV (${reason})`;
    return { problem: { file, line, message } };
  }
}

function readHeader(header: Row, file: string): { columns: (Field | undefined)[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const seen = new Map<Field, string>();
  const columns = header.cells.map((cell) => {
    const key = cell
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ');
    const field = (FIELDS as readonly string[]).includes(key.replace(/ /g, ''))
      ? (key.replace(/ /g, '') as Field)
      : ALIASES[key];
    if (!field) {
      problems.push({
        file,
        line: header.line,
        message: `unknown column "${cell.trim()}"; known columns are ${FIELDS.join(', ')} (or ${Object.keys(ALIASES).join(', ')})`,
      });
      return undefined;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      problems.push({
        file,
        line: header.line,
        message: `columns "${earlier}" and "${cell.trim()}" both mean ${field}`,
      });
      return undefined;
    }
    seen.set(field, cell.trim());
    return field;
  });
  return { columns, problems };
}

function toRecord(cells: string[], columns: (Field | undefined)[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  cells.forEach((raw, i) => {
    const field = columns[i];
    const value = raw.trim();
    if (!field || value === '') return;
    record[field] = LIST_FIELDS.has(field) ? splitList(value, field) : value;
  });
  return record;
}

/** Rewrites `start` and `end` into the model's forms in place; returns the values it could not read. */
function placeDates(record: Record<string, unknown>, defaultZone: string): Map<string, string> {
  const refused = new Map<string, string>();
  const zone =
    typeof record.timezone === 'string' && isValidTimeZone(record.timezone) ? record.timezone : defaultZone;
  for (const field of DATE_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string') continue;
    const converted = toEventTime(value, zone);
    if (converted === undefined) refused.set(field, value);
    else record[field] = converted;
  }
  return refused;
}

/**
 * Dates as the model stores them. A wall-clock `YYYY-MM-DD HH:MM` is what spreadsheets hold, so it is
 * placed in the row's zone; day-first or month-first forms are refused because 03/04 is ambiguous.
 */
function toEventTime(value: string, zone: string): string | undefined {
  if (isValidDateTime(value)) return value;
  const spaced = SPACED_OFFSET_DATE_TIME.exec(value);
  if (spaced) return isValidDateTime(`${spaced[1]}T${spaced[2]}`) ? `${spaced[1]}T${spaced[2]}` : undefined;
  const local = LOCAL_DATE_TIME.exec(value);
  if (!local) return undefined;
  const time = DateTime.fromISO(`${local[1]}T${local[2]}`, { zone });
  return time.isValid ? (time.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** The model's date message does not know CSV's extra form, nor which value was refused; say both. */
function explainDate(problem: Problem, badDates: Map<number, Map<string, string>>): Problem {
  const value = problem.field ? badDates.get(problem.line)?.get(problem.field) : undefined;
  if (value === undefined) return problem;
  return {
    ...problem,
    message: `"${value}" is not a date this loader reads; write 2013-09-25, 2013-09-25 19:00 (in the row's timezone column), or 2013-09-25T19:00:00-04:00`,
  };
}
