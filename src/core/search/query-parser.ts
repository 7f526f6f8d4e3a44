import { DateTime } from 'luxon';
import { normalizeText } from '../text.js';
import { type DateRange, extractDateRange } from './date-phrases.js';
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
  range?: DateRange;
  /** True when the query was cut to MAX_QUERY_CHARS or MAX_QUERY_WORDS. */
  truncated: boolean;
  /** Problems with filters, worded for the user (e.g. an unreadable `before:` date). */
  problems: string[];
}

const FILTER = /\b(type|speaker|host|theme|before|after):\s*("([^"]*)"|\S+)/gi;

/**
 * Parses what someone typed after `/event`. Filters are `type:`, `speaker:`, `host:`, `theme:`,
 * `before:` and `after:` (quote multi-word values); "quoted phrases" must appear as typed; one date
 * phrase anywhere ("september 2013", "last month") becomes a range.
 */
export function parseQuery(input: string, now: Date, zone: string): ParsedQuery {
  const normalized = normalizeText(input).replace(/\s+/g, ' ').trim();
  let text = normalized.slice(0, MAX_QUERY_CHARS);
  let truncated = normalized.length > MAX_QUERY_CHARS;
  const parsed: ParsedQuery = { words: [], phrases: [], truncated: false, problems: [] };
  let from: number | undefined;
  let to: number | undefined;

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
    else parsed[name as 'speaker' | 'host' | 'theme'] = contentWords(tokenize(value));
    return ' ';
  });

  text = text.replace(/"([^"]*)"/g, (_whole, phrase: string) => {
    const words = tokenize(phrase);
    if (words.length) parsed.phrases.push(words.slice(0, MAX_QUERY_WORDS));
    return ' ';
  });

  const dated = extractDateRange(text, now, zone);
  if (dated.range) parsed.range = dated.range;
  if (from !== undefined || to !== undefined) {
    parsed.range = {
      fromMs: Math.max(from ?? Number.NEGATIVE_INFINITY, parsed.range?.fromMs ?? Number.NEGATIVE_INFINITY),
      toMs: Math.min(to ?? Number.POSITIVE_INFINITY, parsed.range?.toMs ?? Number.POSITIVE_INFINITY),
      label: [from !== undefined && `after ${fmt(from, zone)}`, to !== undefined && `before ${fmt(to, zone)}`]
        .filter(Boolean)
        .join(' and '),
    };
  }

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
