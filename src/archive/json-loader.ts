import { type Event, parseEvent } from '../core/model.js';
import { collectMapped } from './field-map.js';
import { lineOfOffset } from './lines.js';
import type { LoadOptions, LoadResult, Problem } from './types.js';

/**
 * The interchange format: a `.json` file holding an array of events or `{ "events": [...] }`,
 * with the model's own field names.
 */
export function loadJson(text: string, file: string, options?: LoadOptions): LoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { events: [], problems: [jsonSyntaxProblem(error, text, file, 0)] };
  }
  const records = Array.isArray(data) ? data : (data as { events?: unknown })?.events;
  if (!Array.isArray(records)) {
    return {
      events: [],
      problems: [
        { file, line: 1, message: 'expected an array of events or an object with an "events" array' },
      ],
    };
  }
  const lines = elementStartLines(text);
  return collectWith(
    records.map((record, i) => ({ record, line: lines[i] ?? 1 })),
    file,
    options,
  );
}

/** Validates records as they are, or through the file's field map when it has one. */
function collectWith(items: { record: unknown; line: number }[], file: string, options?: LoadOptions) {
  return options?.map ? collectMapped(items, file, options.map, options.defaultZone) : collect(items, file);
}

/** JSON Lines: one event object per line; blank lines are allowed. */
export function loadJsonLines(text: string, file: string, options?: LoadOptions): LoadResult {
  return collectLines(textLines(text), file, options);
}

/**
 * {@link loadJsonLines} straight from a file's bytes (valid UTF-8 without NUL, CR or byte order
 * mark), each line decoded on its own: decoding a 300 MB file whole and slicing the text took a
 * tenth of a JSON Lines import. Undefined when the file gave nothing at all (no line held anything),
 * so that the text path says why.
 */
loadJsonLines.fromBytes = (bytes: Buffer, file: string, options?: LoadOptions): LoadResult | undefined => {
  const result = collectLines(byteLines(bytes), file, options);
  return result.events.length || result.problems.length ? result : undefined;
};

/** Each line of a text, trimmed, with its 1-based number. */
function* textLines(text: string): Generator<[string, number]> {
  let index = 0;
  for (let start = 0; start <= text.length; index++) {
    const end = text.indexOf('\n', start);
    yield [text.slice(start, end < 0 ? text.length : end).trim(), index + 1];
    start = end < 0 ? text.length + 1 : end + 1;
  }
}

/** Each line of UTF-8 bytes, decoded and trimmed, with its 1-based number (a line feed byte is never part of a character). */
function* byteLines(bytes: Buffer): Generator<[string, number]> {
  let index = 0;
  for (let start = 0; start <= bytes.length; index++) {
    const end = bytes.indexOf(10, start);
    yield [bytes.toString('utf8', start, end < 0 ? bytes.length : end).trim(), index + 1];
    start = end < 0 ? bytes.length + 1 : end + 1;
  }
}

function collectLines(lines: Iterable<[string, number]>, file: string, options?: LoadOptions): LoadResult {
  const items: { record: unknown; line: number }[] = [];
  const problems: Problem[] = [];
  // Without a field map each record is validated as soon as it is parsed, so a large file's raw
  // records never all sit in memory beside its events (the garbage collector's work grows with both).
  const collector = options?.map ? undefined : new Collector(file);
  for (const [line, number] of lines) {
    if (line === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      problems.push({ file, line: number, message: `not valid JSON (${shortJsonError(error)})` });
      continue;
    }
    if (collector) collector.add(record, number);
    else items.push({ record, line: number });
  }
  const result = collector ? collector.result() : collectWith(items, file, options);
  if (!problems.length) return result;
  return { ...result, problems: [...problems, ...result.problems].sort((a, b) => a.line - b.line) };
}

/**
 * Validates each record at its line; the same id twice in one file is an error, not a silent overwrite.
 * Returns the valid events even beside problems: the importer refuses the file whole unless asked to
 * import what is valid (`--partial`).
 */
export function collect(items: { record: unknown; line: number }[], file: string): LoadResult {
  const collector = new Collector(file);
  for (const { record, line } of items) collector.add(record, line);
  return collector.result();
}

/** {@link collect} one record at a time. */
class Collector {
  private readonly events: Event[] = [];
  private readonly problems: Problem[] = [];
  private readonly seen = new Map<string, number>();

  constructor(private readonly file: string) {}

  add(record: unknown, line: number): void {
    const { file, problems } = this;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      problems.push({ file, line, message: 'expected an event object' });
      return;
    }
    const result = parseEvent(record, { file, line });
    if (!result.ok) {
      for (const p of result.problems) problems.push({ file, line, field: p.field, message: p.message });
      return;
    }
    const earlier = this.seen.get(result.event.id);
    if (earlier !== undefined) {
      problems.push({
        file,
        line,
        field: 'id',
        message: `"${result.event.id}" is already used on line ${earlier}`,
      });
      return;
    }
    this.seen.set(result.event.id, line);
    this.events.push(result.event);
  }

  result(): LoadResult {
    return { events: this.events, problems: this.problems };
  }
}

function jsonSyntaxProblem(error: unknown, text: string, file: string, lineBase: number): Problem {
  const message = shortJsonError(error);
  const position = /position (\d+)/.exec(message);
  const line = position ? lineOfOffset(text, Number(position[1])) : 1;
  return { file, line: lineBase + line, message: `not valid JSON (${message})` };
}

function shortJsonError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

/**
 * The line on which each element of the events array starts. JSON.parse gives no positions, so this
 * walks the text once, tracking strings and nesting, and records where depth-1 (or `events`) elements begin.
 */
function elementStartLines(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let targetDepth = -1;
  let expectingValue = false;
  let lastKey = '';
  let keyStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (keyStart >= 0) lastKey = text.slice(keyStart, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      keyStart = depth === 1 && targetDepth === -1 ? i + 1 : -1;
      if (depth === targetDepth && expectingValue) {
        starts.push(line);
        expectingValue = false;
      }
      continue;
    }
    if (c === '[') {
      if (depth === 0) targetDepth = 1;
      else if (depth === 1 && targetDepth === -1 && lastKey === 'events') targetDepth = 2;
      else if (depth === targetDepth && expectingValue) {
        starts.push(line);
        expectingValue = false;
      }
      depth++;
      if (depth === targetDepth) expectingValue = true;
      continue;
    }
    if (c === '{') {
      if (depth === targetDepth && expectingValue) {
        starts.push(line);
        expectingValue = false;
      }
      depth++;
      continue;
    }
    if (c === ']' || c === '}') {
      depth--;
      continue;
    }
    if (c === ',' && depth === targetDepth) expectingValue = true;
    else if (depth === targetDepth && expectingValue && /[^\s]/.test(c)) {
      starts.push(line);
      expectingValue = false;
    }
  }
  return starts;
}
