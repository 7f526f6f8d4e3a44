import type { Event } from '../model.js';
import { eventDeadlineMs } from '../reminders/schedule.js';
import { contentWords, tokenize } from '../search/tokens.js';
import type { CommandDeps } from './deps.js';
import type { HelpExample, HelpSection, PagedSubcommand, Reply } from './reply.js';
import { mergeThemes } from './theme-names.js';

/**
 * Help in sections (find, upcoming, reminders, digests, share), each example made from what this
 * archive holds: a real title, speaker, theme, type and year, and the next event on the calendar, so
 * the first thing a newcomer tries finds something. Examples that only read get a "Try it" action;
 * those that set something up (a reminder, a digest) are left for the reader to type.
 */
export function helpReply(deps: CommandDeps, problem?: string): Reply {
  const latest = latestRealEvent(deps);
  const next = nextEvent(deps);
  const titleWords = searchWords(latest);
  const year = latest ? latest.start.slice(0, 4) : undefined;
  const person = latest?.speakers[0]?.name;
  const host = latest?.hosts[0];
  const theme = mergeThemes(deps.index.themeCounts(50).themes)[0]?.title;
  // "Event" is what a loader calls an event with no type: no example of a filter.
  const type = latest?.type && latest.type.toLowerCase() !== 'event' ? latest.type : undefined;
  const nextWords = next ? keyWords(next, 2) : undefined;
  const nextWord = next ? keyWords(next, 1) : undefined;
  const remindable = next && Date.parse(next.start) - deps.clock.now().getTime() > 36 * 60 * 60_000;

  const find: HelpExample[] = [
    example('search', titleWords, 'search titles, themes, people and summaries (typos are fine)'),
    person
      ? example('speaker', surname(person), 'events with a speaker (the surname is enough)')
      : host
        ? example('host', host.toLowerCase(), 'events a host organised')
        : undefined,
    year
      ? example('search', `${titleWords} ${year}`, 'add a year, a month or `last month` to narrow by date')
      : undefined,
    type && year
      ? example(
          'search',
          `type:"${type}" after:${Number(year) - 1}`,
          'filters: type: speaker: host: theme: where: before: after:',
        )
      : undefined,
    example('themes', '', 'the key themes, most discussed first, each a click from its events'),
    theme ? example('theme', theme.toLowerCase(), 'events that dealt with a theme') : undefined,
  ].filter(isExample);
  const upcoming: HelpExample[] = [
    example('upcoming', '', 'what is coming up, soonest first'),
    nextWord
      ? example('upcoming', nextWord, 'what is coming up on a topic; add `next week` or a month')
      : undefined,
  ].filter(isExample);
  const reminders: HelpExample[] = [
    remindable && nextWords
      ? {
          command: `/event remind ${nextWords}`,
          description: 'a DM the day before; or add `2h before`, `at 9am on the day`, `dec 3 14:00`',
        }
      : undefined,
    example('reminders', '', 'your reminders, each with Snooze and Cancel'),
  ].filter(isExample);
  const digests: HelpExample[] = [
    {
      command: `/event subscribe ${nextWord ?? ''} weekly monday at 9am`.replace(/\s+/g, ' '),
      description:
        'a digest of matching upcoming events in this channel; `daily`, `weekly <day>` or `monthly`',
    },
    example('subscriptions', '', "this channel's digests, each with Pause and Stop"),
  ];
  const share: HelpExample[] = [
    example('share', titleWords, 'a preview of the best match to post here, with a note if you like'),
  ];
  const sections: HelpSection[] = [
    { title: 'Find events', examples: find },
    { title: 'Upcoming', examples: upcoming },
    { title: 'Reminders', examples: reminders },
    { title: 'Digests', examples: digests },
    { title: 'Share', examples: share },
  ];
  return { kind: 'help', sections, ...(problem ? { problem } : {}) };
}

/**
 * The command help's first example runs (a search for the latest real event's key words), alone: the
 * console's banner offers it at start, and the whole help (themes merged by a collator, whose first one
 * costs ICU about 7 ms) would be work no first answer needs.
 */
export function firstExample(deps: CommandDeps): string {
  return example('search', searchWords(latestRealEvent(deps)), '').command;
}

function searchWords(latest: Event | undefined): string {
  return latest ? keyWords(latest, 2) : 'peacekeeping';
}

/** An example a click can run: the command as typed, and the same request as typed data. */
function example(subcommand: PagedSubcommand, words: string, description: string): HelpExample {
  const command = `/event ${subcommand === 'search' ? '' : `${subcommand} `}${words}`.trim();
  return { command, description, try: { kind: 'try', command, page: { subcommand, words, offset: 0 } } };
}

function isExample(e: HelpExample | undefined): e is HelpExample {
  return e !== undefined;
}

/**
 * The first `n` content words of an event's title longer than four letters, lower-case, leaving out
 * its tags ("[Sample] Weekly …" gives "weekly …"): what people type.
 */
function keyWords(event: Event, n: number): string {
  const tags = new Set(event.tags.map((t) => t.toLowerCase()));
  const words = contentWords(tokenize(event.title)).filter(
    (w) => w.length > 4 && !/^\d+$/.test(w) && !tags.has(w) && !SCHEDULE_WORDS.test(w),
  );
  return words.slice(0, n).join(' ') || event.title.toLowerCase().slice(0, 40);
}

/** Words `upcoming` and `subscribe` read as a range or a schedule, so an example never uses them as a topic. */
const SCHEDULE_WORDS =
  /^(?:daily|weekly|monthly|always|today|tomorrow|tonight|upcoming|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?|weeks?|months?|january|february|march|april|june|july|august|september|october|november|december)$/;

function surname(name: string): string {
  return (name.trim().split(/\s+/).at(-1) ?? name).toLowerCase();
}

/** The latest event that has happened and is not one of the shipped samples: a real example. */
function latestRealEvent(deps: CommandDeps): Event | undefined {
  const toMs = deps.clock.now().getTime();
  let first: string | undefined;
  let found: string | undefined;
  // Pages of digests (the tags are in them), then one full event: the console's banner shows help's first
  // example at start, and the shipped archive has hundreds of past sample occurrences to page through.
  for (let offset = 0; offset < 400 && !found; offset += 50) {
    const ids = deps.index.browse({ toMs }, 'desc', 50, offset);
    first ??= ids[0];
    found = deps.index.digests(ids).find((e) => !e.tags.some((t) => t.toLowerCase() === 'sample'))?.id;
    if (ids.length < 50) break;
  }
  const id = found ?? first;
  return id === undefined ? undefined : deps.index.events([id])[0];
}

/** The next event that has not ended, for the upcoming, reminder and digest examples. */
function nextEvent(deps: CommandDeps): Event | undefined {
  const nowMs = deps.clock.now().getTime();
  const [id] = deps.index.browse({ fromMs: nowMs }, 'asc', 1, 0, true);
  const event = id ? deps.index.events([id])[0] : undefined;
  return event && eventDeadlineMs(event, deps.zone) > nowMs ? event : undefined;
}
