import { writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, type ExportFormat, exportEvents } from '../archive/export.js';
import type { AppContext } from '../context.js';
import type { Event } from '../core/model.js';
import { parseQuery } from '../core/search/query-parser.js';
import { searchEvents } from '../core/search/search-events.js';
import type { CliIo } from './io.js';

/** Most results one query exports; the whole archive (no query) has no limit. */
const QUERY_LIMIT = 500;
const PAGE = 1000;

/**
 * `event-bot export ["<query>"] [--format jsonl|csv|ics] [--out file]`: the query's results (best
 * first) or the whole archive (by start), in a format the importer reads back to the same events.
 */
export async function runExport(
  context: AppContext,
  words: string[],
  io: CliIo,
  options: { format?: string; out?: string; source?: string },
): Promise<number> {
  const format = (options.format ?? 'jsonl').toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    io.err(`--format takes one of ${EXPORT_FORMATS.join(', ')}`);
    return 2;
  }
  const nowMs = context.clock.now().getTime();
  const text = words.join(' ').trim();
  if (options.source !== undefined && options.source !== 'slack') {
    io.err('--source takes slack (the events added in Slack, from the state store)');
    return 2;
  }
  // The events added in Slack, as kept in the state store, to commit to git as an archive file.
  const events = options.source
    ? (await context.added.store.all()).map((a) => a.event)
    : text
      ? queried(context, text, io)
      : everything(context);
  const output = exportEvents(events, format as ExportFormat, nowMs);
  if (options.out) {
    writeFileSync(options.out, output);
    io.err(`${events.length} event(s) written to ${options.out}`);
  } else if (output) io.out(output.replace(/\r?\n$/, ''));
  return 0;
}

function queried(context: AppContext, text: string, io: CliIo): Event[] {
  const now = context.clock.now();
  const query = parseQuery(text, now, context.config.timezone);
  for (const problem of query.problems) io.err(problem);
  return searchEvents(query, context.commands.index, { limit: QUERY_LIMIT, nowMs: now.getTime() }).hits.map(
    (h) => h.event,
  );
}

function everything(context: AppContext): Event[] {
  const index = context.commands.index;
  const events: Event[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const ids = index.browse({}, 'asc', PAGE, offset);
    events.push(...index.events(ids));
    if (ids.length < PAGE) return events;
  }
}
