import type { SearchIndex } from '../ports/search.js';
import { describeRecurrence, nextLabel } from '../search/recurrence.js';
import { listItem, pagerActions, positionOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE } from './deps.js';
import type { CommandResult, ListItem, ReplyAction } from './reply.js';

/** Occurrences read to tell how a series repeats: a few before now (a series near its end) and the next ones. */
const PATTERN_DATES = 16;
const PATTERN_LOOKBACK_MS = 90 * 24 * 60 * 60_000;
/** A series keeps at most this many occurrences (the iCalendar loader's cap), so all its dates fit one read. */
const MOST_DATES = 1000;

/**
 * Listed events that belong to a recurring series get their series line ("every Monday · next 7 Dec",
 * read in `zone`), and the reply gets one "Dates" action per series that lists its next dates.
 */
export function withSeriesLines(
  items: ListItem[],
  index: SearchIndex,
  zone: string,
  nowMs: number,
): { items: ListItem[]; actions: ReplyAction[] } {
  const actions: ReplyAction[] = [];
  const out = items.map((item) => {
    const series = item.event.series;
    if (!series) return item;
    const dates = index.seriesOccurrences(series, nowMs - PATTERN_LOOKBACK_MS, PATTERN_DATES);
    const next = dates.find((d) => Date.parse(d.start) >= nowMs) ?? dates[dates.length - 1];
    const rule = describeRecurrence(
      dates.map((d) => d.start),
      zone,
    );
    if (!next) return item;
    actions.push({
      kind: 'suggest',
      label: `Dates: ${item.event.title.slice(0, 60)}`,
      page: { subcommand: 'series', words: series, offset: 0 },
    });
    return { ...item, repeats: [rule ?? 'repeats', nextLabel(next.start, zone, nowMs)].join(' · ') };
  });
  return { items: out, actions };
}

/** The next dates of a recurring series (a "Dates" button), soonest first, paged; each opens its card. */
export function seriesDatesCommand(input: CommandInput, deps: CommandDeps): CommandResult {
  const series = input.text.trim();
  const now = deps.clock.now().getTime();
  const zone = input.userZone ?? deps.zone;
  const offset = input.offset ?? 0;
  const upcoming = deps.index.seriesOccurrences(series, now, MOST_DATES);
  const page = upcoming.slice(offset, offset + LIST_PAGE);
  const events = deps.index.events(page.map((d) => d.id));
  const pattern = describeRecurrence(
    deps.index.seriesOccurrences(series, now - PATTERN_LOOKBACK_MS, PATTERN_DATES).map((d) => d.start),
    zone,
  );
  const title = upcoming[0]?.title ?? 'This series';
  const n = upcoming.length;
  const range = page.length ? ` · ${offset + 1}–${offset + page.length}` : '';
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: [title, pattern, n ? `${n} upcoming date${n === 1 ? '' : 's'}${range}` : '']
        .filter(Boolean)
        .join(' · '),
      items: events.map((event) => listItem({ event, score: 1, matched: ['series'] }, deps)),
      empty: 'No more dates of this series are scheduled.',
      actions: pagerActions('series', series, offset, LIST_PAGE, upcoming.length > offset + LIST_PAGE),
      position: positionOf(offset, page.length, upcoming.length),
    },
  };
}
