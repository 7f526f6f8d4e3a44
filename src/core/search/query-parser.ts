import { DateTime } from 'luxon';
import { normalizeText } from '../text.js';
import { type DateRange, extractDateRange } from './date-phrases.js';
import { readQuestion } from './question.js';
import { contentWords, tokenize } from './tokens.js';

/** Longest query we read; the rest is ignored (and said so), so a pasted essay still answers fast. */
export const MAX_QUERY_CHARS = 300;
/** Most words we search for at once. */
export const MAX_QUERY_WORDS = 12;

/** A query taken apart: free words, quoted phrases, filters and a date range. */
export interface ParsedQuery {
  /** Meaningful free words, lower-case and diacritic-free, in the order typed. */
  words: string[];
  /** Quoted phrases, each as its words. */
  phrases: string[][];
  type?: string;
  speaker?: string[];
  host?: string[];
  theme?: string[];
  /** `where:` words, matched against the event's location (and tags). */
  place?: string[];
  range?: DateRange;
  /** The words read as a date phrase in free text (not `before:`/`after:`), to search as words when the date finds nothing. */
  dateWords?: string[];
  /** A question asking for a total and a list: "how many …", "which …", "everything on …". */
  count: boolean;
  /** True when `host`/`speaker` came from a question's wording ("hosted by …"), not a typed filter. */
  loose: boolean;
  /** Links pasted into the query ("https://…/events/…"): the event they point to is the answer. */
  links: string[];
  /** The whole query when it is one token that may be an event's id, as pasted from a card or export. */
  id?: string;
  /** True when the query was cut to MAX_QUERY_CHARS or MAX_QUERY_WORDS. */
  truncated: boolean;
  /** Problems with filters, worded for the user (e.g. an unreadable `before:` date). */
  problems: string[];
}

const FILTER = /\b(type|speaker|host|theme|before|after|where|place|location):\s*("([^"]*)"|\S+)/gi;

/** A pasted link, bare or as Slack wraps it (<https://…|label>). */
const LINK = /<?\b((?:https?:\/\/|www\.)[^\s<>|]+)(?:\|[^>]*)?>?/gi;

/** Quotes people type for phrases, beyond the straight and curly ones normalizeText already folds. */
const OTHER_QUOTES = /[«»„‟〝〞＂]/g;

/** `text` cut to at most `max` characters at a word boundary, so no fragment of a word is searched. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).trim();
}

/**
 * Words written as one with digits ("C-34", "G-20", "covid-19", "A/RES/2250") are searched as a
 * phrase of their parts, so the parts must stand together, as typed.
 */
function joinedNumbers(text: string): string[][] {
  const out: string[][] = [];
  for (const chunk of text.split(' ')) {
    if (!/\d/.test(chunk)) continue;
    const parts = tokenize(chunk);
    if (parts.length > 1) out.push(parts);
  }
  return out;
}

/**
 * Parses what someone typed after `/event`. Filters are `type:`, `speaker:`, `host:`, `theme:`,
 * `before:` and `after:` (quote multi-word values); "quoted phrases" must appear as typed; one date
 * phrase anywhere ("september 2013", "last month") becomes a range.
 */
export function parseQuery(
  input: string,
  now: Date,
  zone: string,
  options: { dates?: boolean } = {},
): ParsedQuery {
  const normalized = normalizeText(input).replace(OTHER_QUOTES, '"').replace(/\s+/g, ' ').trim();
  let text = cutAtWord(normalized, MAX_QUERY_CHARS);
  let truncated = normalized.length > text.length;
  const parsed: ParsedQuery = {
    words: [],
    phrases: [],
    count: false,
    loose: false,
    links: [],
    truncated: false,
    problems: [],
  };
  let from: number | undefined;
  let to: number | undefined;

  if (/^\S{6,}$/.test(text) && !/^https?:/i.test(text)) parsed.id = text;
  text = text.replace(LINK, (_whole, link: string) => {
    parsed.links.push(link.replace(/[),.;!?]+$/, ''));
    return ' ';
  });

  text = text.replace(FILTER, (_whole, key: string, raw: string, quoted?: string) => {
    const value = (quoted ?? raw).trim();
    const name = key.toLowerCase();
    if (name === 'before' || name === 'after') {
      const bound = boundary(value, now, zone, name);
      if (bound === undefined)
        parsed.problems.push(
          `I couldn't read the date in ${name}:${value} — try ${name}:2014-10-09 or ${name}:"march 2019"`,
        );
      else if (name === 'before') to = bound;
      else from = bound;
    } else if (name === 'type') parsed.type = value;
    else if (name === 'where' || name === 'place' || name === 'location') parsed.place = tokenize(value);
    else parsed[name as 'speaker' | 'host' | 'theme'] = contentWords(tokenize(value));
    return ' ';
  });

  // An unclosed quote runs to the end, as Slack users who forget the closing one mean.
  if ((text.match(/"/g) ?? []).length % 2 === 1) text = `${text}"`;
  text = text.replace(/"([^"]*)"/g, (_whole, phrase: string) => {
    const words = tokenize(phrase);
    if (words.length === 1) return ` ${phrase} `;
    if (words.length) parsed.phrases.push(words.slice(0, MAX_QUERY_WORDS));
    return ' ';
  });

  const question = readQuestion(text);
  text = question.text;
  parsed.count = question.count;
  if (question.host && !parsed.host) {
    parsed.host = contentWords(tokenize(question.host));
    parsed.loose = true;
  }
  if (question.speaker && !parsed.speaker) {
    parsed.speaker = contentWords(tokenize(question.speaker));
    parsed.loose = true;
  }

  const dated = options.dates === false ? { rest: text } : extractDateRange(text, now, zone);
  if (dated.range) {
    parsed.range = dated.range;
    const left = new Set(tokenize(dated.rest));
    if (from === undefined && to === undefined)
      parsed.dateWords = contentWords(tokenize(text)).filter((w) => !left.has(w));
  }
  if (from !== undefined || to !== undefined) {
    parsed.range = {
      fromMs: Math.max(from ?? Number.NEGATIVE_INFINITY, parsed.range?.fromMs ?? Number.NEGATIVE_INFINITY),
      toMs: Math.min(to ?? Number.POSITIVE_INFINITY, parsed.range?.toMs ?? Number.POSITIVE_INFINITY),
      label: [from !== undefined && `after ${fmt(from, zone)}`, to !== undefined && `before ${fmt(to, zone)}`]
        .filter(Boolean)
        .join(' and '),
    };
  }

  for (const phrase of joinedNumbers(dated.rest)) parsed.phrases.push(phrase);
  const words = contentWords(tokenize(dated.rest));
  if (words.length > MAX_QUERY_WORDS) truncated = true;
  parsed.words = [...new Set(words)].slice(0, MAX_QUERY_WORDS);
  parsed.truncated = truncated;
  return parsed;
}

/** True when nothing searchable is left: no words, phrases, filters or dates. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return (
    !q.words.length &&
    !q.phrases.length &&
    !q.type &&
    !q.speaker?.length &&
    !q.host?.length &&
    !q.theme?.length &&
    !q.place?.length &&
    !q.links.length &&
    !q.range
  );
}

function boundary(value: string, now: Date, zone: string, kind: 'before' | 'after'): number | undefined {
  const { range } = extractDateRange(value, now, zone);
  if (!range) return undefined;
  return kind === 'before' ? range.fromMs : range.toMs;
}

function fmt(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('d LLL yyyy');
}
