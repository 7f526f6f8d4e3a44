import { normalizeText } from '../core/text.js';
import { collect } from './json-loader.js';
import type { Loader } from './types.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;
const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const DAY_YEAR = '(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})';

/** "Panel Discussions - Wednesday, September 25, 2013": the page's own event. */
const CATEGORY_LINE = new RegExp(`^(\\S.{0,80}?)\\s+[-–—]\\s+${WEEKDAY},?\\s+${MONTH}\\s+${DAY_YEAR}$`, 'i');
/** "October 09, 2014": an entry in a "Recent Events" list. */
const DATE_LINE = new RegExp(`^${MONTH}\\s+${DAY_YEAR}$`, 'i');
/** "3. UN peacekeeping's legitimacy: Ensuring …"; the title part is bounded so a long line stays linear. */
const THEME_LINE = /^\d{1,3}[.)]\s+(?:([^:]{1,300}):\s+)?(.*)$/;
const LIST_HEADING = /^(?:recent|upcoming|past|more) events$/i;
/** Sidebar and footer blocks whose teasers are not events. */
const NOISE_HEADINGS = new Set([
  'the global observatory',
  'view more',
  'related',
  'related events',
  'related content',
]);
/** Dated lines are short; anything longer is prose or garbage and is not worth a regex. */
const MAX_HEADER_LENGTH = 200;
const NOT_FOUND =
  "no dated event found: expected a line like 'Panel Discussions - Wednesday, September 25, 2013'";

type Line = { text: string; line: number };
type Draft = { record: Record<string, unknown>; line: number };
type Section = 'ignore' | 'list';

/**
 * A saved event page as text: the headline event (category and date line, title, paragraphs, numbered
 * key themes) and each dated entry of its "Recent Events" list. Breadcrumbs, share links and sidebar
 * teasers are skipped.
 */
export const loadScrapedPage: Loader = (input, file) => {
  const lines = input.split(/\r\n?|\n/).map((raw, i) => ({ text: clean(raw), line: i + 1 }));
  const drafts: Draft[] = [];
  let section: Section = 'ignore';
  for (let i = 0; i < lines.length; i++) {
    const { text } = lines[i];
    if (text === '') continue;
    const category = text.length <= MAX_HEADER_LENGTH ? CATEGORY_LINE.exec(text) : null;
    if (category) {
      const end = sectionEnd(lines, i + 1);
      drafts.push(mainEvent(lines.slice(i, end), category));
      i = end - 1;
      section = 'ignore';
    } else if (LIST_HEADING.test(text)) section = 'list';
    else if (NOISE_HEADINGS.has(text.toLowerCase())) section = 'ignore';
    else if (section === 'list' && text.length <= MAX_HEADER_LENGTH && DATE_LINE.test(text)) {
      const end = entryEnd(lines, i + 1);
      drafts.push(listedEvent(lines.slice(i, end)));
      i = end - 1;
    }
  }
  if (drafts.length === 0) return { events: [], problems: [{ file, line: 1, message: NOT_FOUND }] };
  return collect(drafts, file);
};

/** One line of page text: scraped spaces and quotes made plain, runs of spaces collapsed. Dashes are kept. */
function clean(raw: string): string {
  return normalizeText(raw).replace(/\s+/g, ' ').trim();
}

function isHeading(text: string): boolean {
  const short = text.length <= MAX_HEADER_LENGTH;
  return (
    LIST_HEADING.test(text) ||
    NOISE_HEADINGS.has(text.toLowerCase()) ||
    (short && (CATEGORY_LINE.test(text) || DATE_LINE.test(text)))
  );
}

/** The headline event runs until the next heading of any kind; its dated list entries are not its own. */
function sectionEnd(lines: Line[], from: number): number {
  let i = from;
  while (i < lines.length && (lines[i].text === '' || !isHeading(lines[i].text))) i++;
  return i;
}

/** A list entry is the date, a title and the paragraph after it, ending at a blank line once text began. */
function entryEnd(lines: Line[], from: number): number {
  let i = from;
  let seenText = 0;
  while (i < lines.length) {
    const { text } = lines[i];
    if (text !== '' && isHeading(text)) break;
    if (text === '' && seenText >= 2) break;
    if (text !== '') seenText++;
    i++;
  }
  return i;
}

function mainEvent(section: Line[], match: RegExpExecArray): Draft {
  const [first, ...rest] = section;
  const paragraphs = rest.map((l) => l.text).filter(Boolean);
  const [title = '', ...text] = paragraphs;
  const themeAt = text.findIndex((p, i) => isTheme(p) || (p.endsWith(':') && isTheme(text[i + 1] ?? '')));
  const lead = themeAt < 0 ? text : text.slice(0, themeAt);
  const themes = text.filter(isTheme).map(toTheme);
  return {
    line: first.line,
    record: {
      title,
      type: singular(match[1]),
      start: isoDate(match[2], match[3], match[4]),
      summary: lead.join('\n\n'),
      body: text.join('\n\n'),
      hosts: hostsIn(lead.length ? lead : text),
      themes,
    },
  };
}

function listedEvent(entry: Line[]): Draft {
  const match = DATE_LINE.exec(entry[0].text)!;
  const [title = '', ...text] = entry
    .slice(1)
    .map((l) => l.text)
    .filter(Boolean);
  const summary = text.join(' ');
  return {
    line: entry[0].line,
    record: {
      title,
      start: isoDate(match[1], match[2], match[3]),
      summary,
      body: summary,
      hosts: hostsIn(text),
    },
  };
}

function isTheme(text: string): boolean {
  return THEME_LINE.test(text);
}

function toTheme(text: string): { title: string; summary: string } {
  const match = THEME_LINE.exec(text)!;
  return match[1]
    ? { title: match[1].trim(), summary: match[2].trim() }
    : { title: match[2].trim(), summary: '' };
}

/**
 * `YYYY-MM-DD` from the page's words. An impossible day (February 30) is passed on as written so the
 * model reports it against the event's line instead of the page silently losing an event.
 */
function isoDate(month: string, day: string, year: string): string {
  const index = MONTHS.findIndex((m) => m.startsWith(month.toLowerCase().replace('.', '').slice(0, 3)));
  return `${year}-${String(index + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * Listing categories are plural ("Panel Discussions"); an event is one of them. Only the last word
 * changes: words ending in -ss, -us, -is and "Series"/"News" stay; -ches/-shes/-xes/-sses lose "es";
 * -ies becomes -y; any other final "s" is dropped.
 */
export function singular(category: string): string {
  const words = category.trim().split(' ');
  const last = words.pop() ?? '';
  const lower = last.toLowerCase();
  let one = last;
  if (/(ss|us|is)$/.test(lower) || lower === 'series' || lower === 'news') one = last;
  else if (/(ch|sh|x|ss)es$/.test(lower)) one = last.slice(0, -2);
  else if (lower.endsWith('ies')) one = `${last.slice(0, -3)}y`;
  else if (lower.endsWith('s')) one = last.slice(0, -1);
  return [...words, one].join(' ');
}

/**
 * Organisations named in "hosted by A and B, along with C." Splitting on "and" also splits a name like
 * "Peace and Security Council"; such pages need a hand-written Markdown record instead.
 */
export function hostsIn(paragraphs: string[]): string[] {
  for (const paragraph of paragraphs) {
    const match = /\bhosted by\s+([^.;]+)/i.exec(paragraph);
    if (!match) continue;
    const names = match[1]
      .split(/,|\balong with\b|\band\b/i)
      .map((part) =>
        part
          .trim()
          .replace(/^the\s+/i, '')
          .trim(),
      )
      .filter(Boolean)
      .map((name) => name[0].toUpperCase() + name.slice(1));
    return [...new Set(names)];
  }
  return [];
}
