import { parseQuery } from '../search/query-parser.js';
import { searchEvents, TOTAL_CAP } from '../search/search-events.js';
import { extractUpcomingRange } from '../search/upcoming-range.js';
import { listItem, pagerActions, positionOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE } from './deps.js';
import { notice } from './notice.js';
import type { CommandResult, Hit } from './reply.js';
import { totalLine } from './search-command.js';
import { withSeriesLines } from './series.js';

/**
 * `/event upcoming [range] [words]`: what is coming up, soonest first, a recurring series once. The
 * range ("next 2 weeks", "this weekend", "next tuesday", "december") is read in the asker's zone;
 * other words (a topic, a type, a place) narrow it as a search would.
 */
export function upcomingCommand(input: CommandInput, deps: CommandDeps): CommandResult {
  const now = deps.clock.now();
  const zone = input.userZone ?? deps.zone;
  const text = input.text.trim();
  const offset = input.offset ?? 0;
  const { range, rest } = text ? extractUpcomingRange(text, now, zone) : { range: undefined, rest: '' };
  const fromMs = Math.max(now.getTime(), range?.fromMs ?? 0);
  const window = { fromMs, toMs: range?.toMs };
  let hits: Hit[];
  let more: boolean;
  let total: number;
  const topic = rest.trim() ? parseQuery(rest, now, zone, { dates: false }) : undefined;
  if (topic) {
    // Every match in the window, then soonest first: a short list, so ranking all of it is cheap.
    const found = searchEvents(
      {
        ...topic,
        range: { ...window, toMs: window.toMs ?? Number.POSITIVE_INFINITY, label: range?.label ?? '' },
      },
      deps.index,
      { limit: TOTAL_CAP, nowMs: now.getTime() },
    );
    const sorted = found.hits.sort((a, b) => Date.parse(a.event.start) - Date.parse(b.event.start));
    hits = sorted.slice(offset, offset + LIST_PAGE);
    more = sorted.length > offset + LIST_PAGE;
    total = sorted.length;
  } else {
    const ids = deps.index.browse(window, 'asc', LIST_PAGE + 1, offset, true);
    hits = deps.index
      .events(ids.slice(0, LIST_PAGE))
      .map((event) => ({ event, score: 1, matched: ['start'] }));
    more = ids.length > LIST_PAGE;
    total = deps.index.countBrowse(window, TOTAL_CAP);
  }
  if (topic && !range && !hits.length && !offset)
    return notice(
      'warning',
      `Nothing upcoming matches "${text.slice(0, 80)}". Try \`/event upcoming\`, \`/event upcoming next week\`, \`/event upcoming next 2 weeks\`, \`/event upcoming this weekend\`, \`/event upcoming december\` or \`/event upcoming mediation\`.`,
    );
  const what = [topic ? `"${rest.trim().slice(0, 60)}"` : '', range?.label ?? ''].filter(Boolean).join(', ');
  const count = hits.length
    ? ` · ${totalLine({ total, totalIsFloor: total >= TOTAL_CAP }, offset, hits.length)}`
    : '';
  // A recurring series is listed once, with how it repeats and a button for its other dates.
  const series = withSeriesLines(
    hits.map((hit) => listItem(hit, deps)),
    deps.index,
    zone,
    now.getTime(),
  );
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: `Upcoming events${what ? `, ${what}` : ''}${count}`,
      items: series.items,
      empty: topic
        ? `No upcoming events match ${what}.`
        : range
          ? `No events are scheduled for ${range.label}.`
          : 'No upcoming events are in the archive yet.',
      actions: [...pagerActions('upcoming', text, offset, LIST_PAGE, more), ...series.actions],
      position: positionOf(offset, hits.length, total),
    },
  };
}

/** True when the words after `next` read as an upcoming range ("next week", "next 2 weeks", "next tuesday"). */
export function readsAsUpcoming(words: string, now: Date, zone: string): boolean {
  if (!words.trim()) return true;
  const { range, rest } = extractUpcomingRange(`next ${words}`, now, zone);
  return range !== undefined && !rest.trim();
}
