import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Problem } from '../types.js';

/** A problem before the file name is known. */
export type LineProblem = Omit<Problem, 'file'>;

type JCal = ConstructorParameters<typeof ICAL.Component>[0] & unknown[];

/** The line a component or property is on (1 when unknown). */
export type LineOf = (item: ICAL.Component | ICAL.Property | null | undefined) => number;

/** The parsed calendars, the line of each component and property, and what had to be left out. */
export interface ReadCalendar {
  roots: ICAL.Component[];
  lineOf: LineOf;
  /** VEVENTs that cannot be placed (no DTSTART, or one that was left out), left out of `roots`. */
  unplaced: LineProblem[];
  /** Every TZID written on a property, and the first line it is on. */
  tzids: Map<string, number>;
  dropped: LineProblem[];
}

/** NAME;PARAM=…:value, where quoted parameter values may hold colons ("(UTC-05:00) Eastern…"). */
const CONTENT_LINE = /^([A-Za-z0-9-]+)((?:;(?:"[^"]*"|[^";:])*)*):(.*)$/s;
const DATE_PROPERTIES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE', 'RDATE']);
const MAX_DURATION_S = 10 * 366 * 86_400;

/**
 * Unfolds the text and hands ical.js one content line at a time (`ICAL.parse.property`), building the
 * components itself, since ical.js reports no line numbers and throws on the whole file for one bad line.
 * Unmatched BEGIN/END refuse the file; a line that cannot be read is left out and reported.
 */
export function readCalendar(text: string): ReadCalendar | { problems: LineProblem[] } {
  const lines: { text: string; line: number }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const last = lines.at(-1);
    if (/^[ \t]/.test(raw) && last) last.text += raw.slice(1);
    // dst-transition-rules.ics has spaces before BEGIN:VCALENDAR.
    else if (raw.trim()) lines.push({ text: last ? raw : raw.trimStart(), line: i + 1 });
  });
  if (!lines.some((l) => /^BEGIN:VCALENDAR\s*$/i.test(l.text))) {
    return { problems: [{ line: 1, message: 'not an iCalendar file (no BEGIN:VCALENDAR)' }] };
  }
  const at = new WeakMap<object, number>();
  const broken = new Map<JCal, LineProblem>();
  const dropped: { problem: LineProblem; vevent?: JCal }[] = [];
  const problems: LineProblem[] = [];
  const tzids = new Map<string, number>();
  const roots: JCal[] = [];
  const stack: JCal[] = [];
  for (const { text: l, line } of lines) {
    const [, name = '', params = '', value = ''] = CONTENT_LINE.exec(l) ?? [];
    const field = (name || /^[A-Za-z0-9-]+/.exec(l)?.[0] || '').toUpperCase();
    const vevent = stack.length === 2 && stack[1][0] === 'vevent' ? stack[1] : undefined;
    const drop = (message: string) => {
      const problem = { line, field: field || undefined, message };
      if (field === 'DTSTART' && vevent) broken.set(vevent, { ...problem, field: 'start' });
      else dropped.push({ problem, vevent });
    };
    const component = value.trim().toLowerCase();
    if (field === 'BEGIN') {
      if (!stack.length && component !== 'vcalendar') {
        problems.push({ line, message: `BEGIN:${component.toUpperCase()} outside a VCALENDAR` });
      }
      const jcal = [component, [], []] as unknown as JCal;
      ((stack.at(-1)?.[2] as JCal[] | undefined) ?? roots).push(jcal);
      at.set(jcal, line);
      stack.push(jcal);
    } else if (field === 'END') {
      const open = stack.pop();
      if (open?.[0] !== component) {
        const detail = open
          ? `does not close BEGIN:${String(open[0]).toUpperCase()} on line ${at.get(open)}`
          : 'has no matching BEGIN';
        return { problems: [...problems, { line, message: `END:${component.toUpperCase()} ${detail}` }] };
      }
      if (open === vevent && !broken.has(open) && !(open[1] as unknown[][]).some((p) => p[0] === 'dtstart')) {
        broken.set(open, { line: at.get(open) ?? 1, field: 'start', message: 'VEVENT has no DTSTART' });
      }
    } else if (!name) {
      drop(`not an iCalendar content line (expected NAME:value): "${clip(l)}"`);
    } else if (!stack.length) {
      drop('content outside BEGIN:VCALENDAR … END:VCALENDAR');
    } else {
      try {
        const property = ICAL.parse.property(repaired(field, params, value)) as unknown as unknown[];
        const values = DATE_PROPERTIES.has(field) ? property.slice(3).flat() : [];
        const unreal = values.find((v): v is string => typeof v === 'string' && !DateTime.fromISO(v).isValid);
        if (unreal && /^\d{4}-\d\d-\d\d/.test(unreal)) drop(`"${unreal}" is not a real date or time`);
        else if (unreal) drop(`"${clip(value.trim())}" is not a date or time`);
        // invalid_duration.ics (collective/icalendar): P999999999999999999W, which ical.js adds up day by day.
        else if (field === 'DURATION' && tooLong(String(property[3]))) drop('lasts more than ten years');
        else {
          (stack[stack.length - 1][1] as unknown[]).push(property);
          at.set(property, line);
          const tzid = (property[1] as { tzid?: string }).tzid;
          if (tzid && !tzids.has(tzid)) tzids.set(tzid, line);
        }
      } catch (error) {
        drop(`cannot be read (${messageOf(error)})`);
      }
    }
  }
  for (const open of stack) {
    const name = String(open[0]).toUpperCase();
    problems.push({ line: at.get(open) ?? 1, message: `BEGIN:${name} is never closed (no END:${name})` });
  }
  if (problems.length) return { problems };
  for (const root of roots) root[2] = (root[2] as JCal[]).filter((c) => !broken.has(c));
  return {
    roots: roots.map((jcal) => new ICAL.Component(jcal)),
    lineOf: (item) => (item && at.get(item.jCal)) || 1,
    unplaced: [...broken.values()],
    tzids,
    // Within a VEVENT that is skipped anyway, what else was left out of it is not worth a line.
    dropped: dropped.filter((d) => !d.vevent || !broken.has(d.vevent)).map((d) => d.problem),
  };
}

/** A content line with the date typing two real exporters get wrong put right. */
function repaired(name: string, params: string, value: string): string {
  const date = DATE_PROPERTIES.has(name);
  // festival-multiday-rrule.ics writes `DTSTART;VALUE=DATE:20110805T150000`; ical.js drops the time.
  if (date && /^\d{8}T\d{6}Z?$/.test(value.trim()) && /;VALUE=DATE(?=;|$)/i.test(params)) {
    return `${name}${params.replace(/;VALUE=DATE(?=;|$)/i, '')}:${value}`;
  }
  // apple-ical-mixed-timezones.ics writes `DTSTART:20021028`; ical.js wants VALUE=DATE for a date.
  if (date && /^\d{8}(,\d{8})*$/.test(value.trim()) && !/;VALUE=/i.test(params)) {
    return `${name}${params};VALUE=DATE:${value.trim()}`;
  }
  return `${name}${params}:${value}`;
}

const tooLong = (duration: string) =>
  Math.abs(ICAL.Duration.fromString(duration).toSeconds()) > MAX_DURATION_S;

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** What an error says, at most 300 characters of it. */
export const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 300);
