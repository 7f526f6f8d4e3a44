import ICAL from 'ical.js';
import type { Problem } from '../types.js';

/** A problem before the file name is known. */
export type LineProblem = Omit<Problem, 'file'>;

/** Where a component starts and where each of its direct properties first appears. */
export interface Block {
  line: number;
  props: Map<string, number>;
  /** Why the VEVENT's DTSTART was left out, when it was: the event cannot be placed. */
  broken?: LineProblem;
}

/** The parsed calendars, the line of every VEVENT in file order, and what had to be left out. */
export interface ReadCalendar {
  roots: ICAL.Component[];
  calendars: Block[];
  vevents: Block[];
  /** Every TZID written on a property, and the first line it is on. */
  tzids: Map<string, number>;
  dropped: LineProblem[];
}

interface ContentLine {
  text: string;
  line: number;
  name: string;
  vevent?: Block;
  dropped?: boolean;
}

/** NAME;PARAM=…:value, where quoted parameter values may hold colons ("(UTC-05:00) Eastern…"). */
const CONTENT_LINE = /^([A-Za-z0-9-]+)((?:;(?:"[^"]*"|[^";:])*)*):(.*)$/s;
const DATE_PROPERTIES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE', 'RDATE']);

/**
 * Unfolds and checks the text line by line, since ical.js reports no line numbers, then parses it with
 * ical.js. Unmatched BEGIN/END refuse the file; a line that cannot be read is left out and reported.
 */
export function readCalendar(text: string): ReadCalendar | { problems: LineProblem[] } {
  const lines: ContentLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const last = lines.at(-1);
    if (/^[ \t]/.test(raw) && last) last.text += raw.slice(1);
    // dst-transition-rules.ics has spaces before BEGIN:VCALENDAR.
    else if (raw.trim()) lines.push({ text: last ? raw : raw.trimStart(), line: i + 1, name: '' });
  });
  if (!lines.some((l) => /^BEGIN:VCALENDAR\s*$/i.test(l.text))) {
    return { problems: [{ line: 1, message: 'not an iCalendar file (no BEGIN:VCALENDAR)' }] };
  }
  const problems: LineProblem[] = [];
  const read: ReadCalendar = { roots: [], calendars: [], vevents: [], tzids: new Map(), dropped: [] };
  const calendars = read.calendars;
  const drop = (l: ContentLine, message: string) => {
    l.dropped = true;
    const problem = { line: l.line, field: l.name || undefined, message };
    if (l.name === 'DTSTART' && l.vevent) l.vevent.broken = { ...problem, field: 'start' };
    else dropped.push({ problem, vevent: l.vevent });
  };
  const dropped: { problem: LineProblem; vevent?: Block }[] = [];
  const stack: { name: string; line: number }[] = [];
  for (const l of lines) {
    const [, name = '', params = '', value = ''] = CONTENT_LINE.exec(l.text) ?? [];
    l.name = (name || /^[A-Za-z0-9-]+/.exec(l.text)?.[0] || '').toUpperCase();
    if (stack.length === 2 && stack[1].name === 'VEVENT') l.vevent = read.vevents.at(-1);
    if (l.name === 'BEGIN') {
      const component = value.trim().toUpperCase();
      if (!stack.length && component !== 'VCALENDAR') {
        problems.push({ line: l.line, message: `BEGIN:${component} outside a VCALENDAR` });
      }
      stack.push({ name: component, line: l.line });
      if (stack.length === 1) calendars.push({ line: l.line, props: new Map() });
      if (stack.length === 2 && component === 'VEVENT') read.vevents.push({ line: l.line, props: new Map() });
    } else if (l.name === 'END') {
      const component = value.trim().toUpperCase();
      const open = stack.pop();
      if (open?.name !== component) {
        const detail = open
          ? `does not close BEGIN:${open.name} on line ${open.line}`
          : 'has no matching BEGIN';
        return { problems: [...problems, { line: l.line, message: `END:${component} ${detail}` }] };
      }
    } else if (!name) {
      drop(l, `not an iCalendar content line (expected NAME:value): "${clip(l.text)}"`);
    } else if (!stack.length) {
      drop(l, 'content outside BEGIN:VCALENDAR … END:VCALENDAR');
    } else {
      const block = stack.length === 1 ? calendars.at(-1) : l.vevent;
      if (block && !block.props.has(l.name.toLowerCase())) block.props.set(l.name.toLowerCase(), l.line);
      const tzid = /;TZID=("[^"]*"|[^;]*)/i.exec(params)?.[1].replace(/^"|"$/g, '');
      if (tzid && !read.tzids.has(tzid)) read.tzids.set(tzid, l.line);
      const unreal = DATE_PROPERTIES.has(l.name) ? unrealDate(value) : undefined;
      if (unreal) drop(l, `"${unreal}" is not a real date or time`);
      // festival-multiday-rrule.ics writes `DTSTART;VALUE=DATE:20110805T150000`; ical.js drops the time.
      else if (
        DATE_PROPERTIES.has(l.name) &&
        /^\d{8}T\d{6}Z?$/.test(value.trim()) &&
        /;VALUE=DATE(?=;|$)/i.test(params)
      ) {
        l.text = `${name}${params.replace(/;VALUE=DATE(?=;|$)/i, '')}:${value}`;
      }
      // apple-ical-mixed-timezones.ics writes `DTSTART:20021028`; ical.js wants VALUE=DATE for a date.
      else if (
        DATE_PROPERTIES.has(l.name) &&
        /^\d{8}(,\d{8})*$/.test(value.trim()) &&
        !/;VALUE=/i.test(params)
      ) {
        l.text = `${name}${params};VALUE=DATE:${value.trim()}`;
      }
    }
  }
  for (const open of stack) {
    problems.push({ line: open.line, message: `BEGIN:${open.name} is never closed (no END:${open.name})` });
  }
  if (problems.length) return { problems };
  const roots = parseLeavingOut(lines, drop);
  if (!Array.isArray(roots)) return roots;
  // Within a VEVENT that is skipped anyway, what else was left out of it is not worth a line.
  return { ...read, roots, dropped: dropped.filter((d) => !d.vevent?.broken).map((d) => d.problem) };
}

/** When ical.js throws on the whole text, the lines it cannot read on their own are left out. */
function parseLeavingOut(
  lines: ContentLine[],
  drop: (l: ContentLine, message: string) => void,
): ICAL.Component[] | { problems: LineProblem[] } {
  const parse = () => {
    const jcal = ICAL.parse(
      lines
        .filter((l) => !l.dropped)
        .map((l) => l.text)
        .join('\r\n'),
    );
    const list = (typeof jcal[0] === 'string' ? [jcal] : jcal) as ConstructorParameters<
      typeof ICAL.Component
    >[0][];
    return list.map((j) => new ICAL.Component(j));
  };
  try {
    return parse();
  } catch (error) {
    for (const l of lines) {
      if (l.dropped || l.name === 'BEGIN' || l.name === 'END') continue;
      try {
        ICAL.parse(`BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${l.text}\r\nEND:VEVENT\r\nEND:VCALENDAR`);
      } catch (lineError) {
        drop(l, `cannot be read (${messageOf(lineError)})`);
      }
    }
    try {
      return parse();
    } catch {
      return { problems: [{ line: 1, message: `not valid iCalendar (${messageOf(error)})` }] };
    }
  }
}

/**
 * ical.js quietly rolls 2024-02-30 over into 1 March (large-file-with-late-error.ics has several), so
 * raw values are checked first. Returns the first impossible one, ISO-formatted.
 */
function unrealDate(value: string): string | undefined {
  for (const part of value.split(/[,/]/)) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(part.trim());
    if (!m) continue;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map((n) => Number(n ?? 0));
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 60) {
      return `${m[1]}-${m[2]}-${m[3]}${m[4] ? `T${m[4]}:${m[5]}:${m[6]}${m[7]}` : ''}`;
    }
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
