import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import { findIana, IANA_ALIAS_MAP, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { deriveEventId } from '../core/model.js';
import { slugify } from '../core/text.js';
import { collect } from './json-loader.js';
import type { Loader, LoadOptions, LoadResult, Problem } from './types.js';

const DAY_MS = 86_400_000;
/** Recurring series are expanded this far past `now`. */
const HORIZON_DAYS = 365;
/** An open-ended series is expanded again after this long, so the horizon keeps moving. */
const RECHECK_DAYS = 180;
/** Occurrences kept per series; the latest ones win. */
const MAX_OCCURRENCES = 1000;
/** Guards against rules like FREQ=SECONDLY that would take forever to walk up to the horizon. */
const MAX_RECURRENCE_STEPS = 50_000;
const MAX_SUMMARY = 50_000;
const MAX_REPORTED_LINES = 20;

/** Properties that are DATE-TIME unless VALUE=DATE says otherwise; some tools write bare dates anyway. */
const DATE_TIME_PROPERTIES = new Set([
  'DTSTART',
  'DTEND',
  'DUE',
  'RECURRENCE-ID',
  'EXDATE',
  'RDATE',
  'DTSTAMP',
  'CREATED',
  'LAST-MODIFIED',
]);

/**
 * iCalendar (.ics) exports from calendar software. ical.js parses and iterates recurrence rules; this
 * loader covers what ical.js leaves open: bare date values, time zones without VTIMEZONE data (IANA and
 * Windows names), floating times, line numbers, and a bounded expansion of recurring series.
 */
export const loadIcs: Loader = (text, file, options) => {
  try {
    return loadCalendar(text, file, options);
  } catch (error) {
    const line = error instanceof IcsError && error.line ? error.line : 1;
    return {
      events: [],
      problems: [{ file, line, message: `could not be read as iCalendar (${messageOf(error)})` }],
    };
  }
};

/** A problem that knows where it happened; file is added at the end. */
class IcsError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

type LineProblem = Omit<Problem, 'file'>;

function loadCalendar(text: string, file: string, options: LoadOptions): LoadResult {
  const scanned = scan(text);
  if (scanned.problems.length) return failure(file, scanned.problems);
  let roots: ICAL.Component[];
  try {
    roots = toRoots(ICAL.parse(scanned.lines.map((l) => l.text).join('\r\n')));
  } catch (error) {
    return failure(file, locateParseError(scanned.lines, error));
  }

  const defaultZone = canonicalZone(options.defaultZone) ?? 'UTC';
  const problems: LineProblem[] = [];
  const vevents: Vevent[] = [];
  let index = 0;
  roots.forEach((root, i) => {
    const ctx = calendarContext(root, scanned.calendars[i] ?? newBlock(1), defaultZone);
    for (const component of root.getAllSubcomponents('vevent')) {
      const block = scanned.vevents[index++] ?? newBlock(1);
      try {
        vevents.push(readVevent(component, block, ctx));
      } catch (error) {
        problems.push(toLineProblem(error, block.line));
      }
    }
  });
  if (index === 0) {
    return failure(file, [
      { line: scanned.calendars[0]?.line ?? 1, message: 'no events (VEVENT) in this calendar' },
    ]);
  }

  const horizonMs = options.now.getTime() + HORIZON_DAYS * DAY_MS;
  const items: { record: unknown; line: number }[] = [];
  let dateDependent = false;
  for (const series of groupSeries(vevents)) {
    try {
      const expanded = expandSeries(series, horizonMs);
      items.push(...expanded.items);
      dateDependent ||= expanded.dateDependent;
    } catch (error) {
      problems.push(toLineProblem(error, series.line));
    }
  }
  if (problems.length) return failure(file, problems);

  const result = collect(items, file);
  if (dateDependent && result.problems.length === 0) {
    result.validUntil = options.now.getTime() + RECHECK_DAYS * DAY_MS;
  }
  return result;
}

function failure(file: string, problems: LineProblem[]): LoadResult {
  return { events: [], problems: [...problems].sort((a, b) => a.line - b.line).map((p) => ({ file, ...p })) };
}

function toLineProblem(error: unknown, line: number): LineProblem {
  if (error instanceof IcsError)
    return { line: error.line ?? line, field: error.field, message: error.message };
  return { line, message: messageOf(error) };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

// Pre-scan: ical.js reports no line numbers, so the text is unfolded here first, checked line by line,
// and the line of every VEVENT (and of each of its properties) is remembered in file order.

interface ContentLine {
  text: string;
  /** Physical line, in the folded file, where this logical line starts. */
  line: number;
}

interface Block {
  line: number;
  /** First line of each direct property, by lower-case name. */
  props: Map<string, number>;
}

interface Scan {
  lines: ContentLine[];
  calendars: Block[];
  vevents: Block[];
  problems: LineProblem[];
}

function newBlock(line: number): Block {
  return { line, props: new Map() };
}

function scan(text: string): Scan {
  const lines: ContentLine[] = [];
  text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const last = lines[lines.length - 1];
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
      else if (raw.trim() !== '') lines.push({ text: raw, line: i + 1 });
    });
  const calendars: Block[] = [];
  const vevents: Block[] = [];
  const problems: LineProblem[] = [];
  const result = { lines, calendars, vevents, problems };
  if (!lines.some((l) => /^BEGIN:VCALENDAR\s*$/i.test(l.text))) {
    problems.push({ line: 1, message: 'not an iCalendar file (no BEGIN:VCALENDAR)' });
    return result;
  }

  const stack: { name: string; line: number }[] = [];
  for (const l of lines) {
    const parts = splitContentLine(l.text);
    if (!parts) {
      problems.push({
        line: l.line,
        message: `not an iCalendar content line (expected NAME:value): "${clip(l.text)}"`,
      });
      continue;
    }
    const name = parts.name.toUpperCase();
    if (name === 'BEGIN' || name === 'END') {
      const component = parts.value.trim().toUpperCase();
      if (name === 'BEGIN') {
        if (stack.length === 0 && component !== 'VCALENDAR') {
          problems.push({ line: l.line, message: `BEGIN:${component} outside a VCALENDAR` });
        }
        stack.push({ name: component, line: l.line });
        if (stack.length === 1 && component === 'VCALENDAR') calendars.push(newBlock(l.line));
        if (stack.length === 2 && component === 'VEVENT' && stack[0].name === 'VCALENDAR') {
          vevents.push(newBlock(l.line));
        }
        continue;
      }
      const open = stack.pop();
      if (!open || open.name !== component) {
        const detail = open
          ? `does not close BEGIN:${open.name} on line ${open.line}`
          : 'has no matching BEGIN';
        problems.push({ line: l.line, message: `END:${component} ${detail}` });
        return result;
      }
      continue;
    }
    if (stack.length === 0) {
      problems.push({ line: l.line, message: 'content outside BEGIN:VCALENDAR … END:VCALENDAR' });
      continue;
    }
    const inCalendar = stack[0].name === 'VCALENDAR';
    const target =
      inCalendar && stack.length === 1
        ? calendars.at(-1)
        : inCalendar && stack.length === 2 && stack[1].name === 'VEVENT'
          ? vevents.at(-1)
          : undefined;
    const key = name.toLowerCase();
    if (target && !target.props.has(key)) target.props.set(key, l.line);
    l.text = withExplicitDate(parts, l.text);
  }
  for (const open of stack) {
    problems.push({ line: open.line, message: `BEGIN:${open.name} is never closed (no END:${open.name})` });
  }
  return result;
}

interface ContentParts {
  name: string;
  params: string;
  value: string;
}

/** NAME;PARAM=...:value, with the value starting at the first colon outside double quotes. */
function splitContentLine(text: string): ContentParts | undefined {
  const name = /^[A-Za-z0-9-]+/.exec(text)?.[0];
  if (!name || (text[name.length] !== ';' && text[name.length] !== ':')) return undefined;
  let quoted = false;
  for (let i = name.length; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted)
      return { name, params: text.slice(name.length, i), value: text.slice(i + 1) };
  }
  return undefined;
}

/** `DTSTART:20021028` is a date, but ical.js throws on it unless VALUE=DATE says so. */
function withExplicitDate(parts: ContentParts, text: string): string {
  const value = parts.value.trim();
  if (!DATE_TIME_PROPERTIES.has(parts.name.toUpperCase())) return text;
  if (!/^\d{8}(,\d{8})*$/.test(value) || /;VALUE=/i.test(parts.params)) return text;
  return `${parts.name}${parts.params};VALUE=DATE:${value}`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** ical.js threw on the whole text; parse each line alone to find the ones it cannot read. */
function locateParseError(lines: ContentLine[], error: unknown): LineProblem[] {
  const found: LineProblem[] = [];
  for (const l of lines) {
    if (/^(BEGIN|END):/i.test(l.text)) continue;
    try {
      ICAL.parse(`BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${l.text}\r\nEND:VEVENT\r\nEND:VCALENDAR`);
    } catch (lineError) {
      const field = splitContentLine(l.text)?.name.toUpperCase();
      found.push({ line: l.line, field, message: `cannot be read (${messageOf(lineError)})` });
      if (found.length >= MAX_REPORTED_LINES) break;
    }
  }
  return found.length ? found : [{ line: 1, message: `not valid iCalendar (${messageOf(error)})` }];
}

function toRoots(jcal: unknown): ICAL.Component[] {
  const list = Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : (jcal as unknown[]);
  return list
    .map((j) => new ICAL.Component(j as ConstructorParameters<typeof ICAL.Component>[0]))
    .filter((c) => c.name === 'vcalendar');
}

// Time zones. Every wall-clock time is kept floating and placed in a zone resolved here, because ical.js
// treats any TZID it has no VTIMEZONE for as floating.

type EventZone = { kind: 'iana'; name: string } | { kind: 'vtimezone'; tz: ICAL.Timezone };

const UTC_ZONE: EventZone = { kind: 'iana', name: 'UTC' };

/** A floating wall-clock time (or date) and the zone it is read in. */
interface When {
  wall: ICAL.Time;
  zone: EventZone;
  /** IANA zone the time is written in and recorded as the event's `timezone`, when there is one. */
  display?: string;
}

interface Placement {
  zone: EventZone;
  display?: string;
}

interface CalendarContext {
  vtimezones: Map<string, ICAL.Component>;
  zones: Map<string, EventZone | null>;
  defaultZone: string;
  /** The calendar's own IANA zone (X-WR-TIMEZONE), used to show UTC times and all-day dates. */
  calendarZone?: string;
  /** Where floating times go: X-WR-TIMEZONE, else the configured default. */
  floating: Placement | IcsError;
}

function calendarContext(root: ICAL.Component, block: Block, defaultZone: string): CalendarContext {
  const vtimezones = new Map<string, ICAL.Component>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtz.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') vtimezones.set(tzid, vtz);
  }
  const ctx: CalendarContext = {
    vtimezones,
    zones: new Map(),
    defaultZone,
    floating: { zone: { kind: 'iana', name: defaultZone }, display: defaultZone },
  };
  const declared = String(root.getFirstPropertyValue('x-wr-timezone') ?? '').trim();
  if (declared) {
    const zone = resolveZone(declared, ctx);
    if (!zone) {
      const line = block.props.get('x-wr-timezone') ?? block.line;
      ctx.floating = new IcsError(`unknown time zone "${declared}"`, 'X-WR-TIMEZONE', line);
    } else {
      ctx.calendarZone = zone.kind === 'iana' ? zone.name : undefined;
      ctx.floating = { zone, display: ctx.calendarZone };
    }
  }
  return ctx;
}

function floatingPlacement(ctx: CalendarContext): Placement {
  if (ctx.floating instanceof IcsError) throw ctx.floating;
  return ctx.floating;
}

/** IANA names directly, Windows names and display names via windows-iana, else the file's VTIMEZONE. */
function resolveZone(tzid: string, ctx: CalendarContext): EventZone | undefined {
  const cached = ctx.zones.get(tzid);
  if (cached !== undefined) return cached ?? undefined;
  let zone: EventZone | undefined;
  const iana = ianaZoneFor(tzid);
  if (iana) zone = { kind: 'iana', name: iana };
  else {
    const vtz = ctx.vtimezones.get(tzid);
    const location = vtz?.getFirstPropertyValue('x-lic-location');
    const located = typeof location === 'string' ? canonicalZone(location) : undefined;
    if (located) zone = { kind: 'iana', name: located };
    else if (vtz) zone = { kind: 'vtimezone', tz: new ICAL.Timezone(vtz) };
  }
  ctx.zones.set(tzid, zone ?? null);
  return zone;
}

function canonicalZone(name: string): string | undefined {
  if (!name || !IANAZone.isValidZone(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return name;
  }
}

function ianaZoneFor(tzid: string): string | undefined {
  const name = tzid
    .trim()
    .replace(/^"+|"+$/g, '')
    .trim();
  if (!name) return undefined;
  const direct = canonicalZone(name);
  if (direct) return direct;
  // Vendor prefixes such as "/mozilla.org/20050126_1/America/New_York".
  const segments = name.split('/').filter(Boolean);
  for (let n = Math.min(3, segments.length - 1); n >= 1; n--) {
    const suffix = canonicalZone(segments.slice(-n).join('/'));
    if (suffix) return suffix;
  }
  // Windows: "W. Europe Standard Time", or a display name such as "(UTC-05:00) Eastern Time (US & Canada)".
  const prefix = /^\((?:UTC|GMT)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\)\s*/i.exec(name);
  const display = prefix ? name.slice(prefix[0].length) : name;
  const offset = prefix
    ? (prefix[1] === '-' ? -1 : 1) * (Number(prefix[2] ?? 0) * 60 + Number(prefix[3] ?? 0))
    : undefined;
  const candidates = [display, display.split(';')[0], display.split(/\s:\s?/).pop() ?? ''];
  for (const candidate of candidates) {
    const windowsName = windowsZoneNames().get(zoneKey(candidate));
    const iana = windowsName ? findIana(windowsName).map(canonicalZone).find(Boolean) : undefined;
    if (iana) return iana;
  }
  return zoneForCities(display, offset);
}

/** Compares names loosely: case, "&" versus "and", spaces and punctuation do not matter. */
function zoneKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9+-]/g, '');
}

let windowsNames: Map<string, string> | undefined;

/** Windows zone ids and their display names (as Outlook and Exchange write them), by {@link zoneKey}. */
function windowsZoneNames(): Map<string, string> {
  if (windowsNames) return windowsNames;
  windowsNames = new Map();
  for (const entry of WINDOWS_TO_IANA_MAP) windowsNames.set(zoneKey(entry.windowsName), entry.windowsName);
  for (const row of WINDOWS_DISPLAY_NAMES.trim().split('\n')) {
    const [displayName, windowsName] = row.split('|');
    windowsNames.set(zoneKey(displayName), windowsName.trim());
  }
  return windowsNames;
}

let cityZones: Map<string, string> | undefined;

/** Last resort for display names not in the table: a city the name mentions, if its offset agrees. */
function zoneForCities(display: string, offsetMinutes: number | undefined): string | undefined {
  if (!cityZones) {
    cityZones = new Map();
    const names = [...Intl.supportedValuesOf('timeZone'), ...IANA_ALIAS_MAP.flatMap((e) => [...e.alias])];
    for (const zone of names) {
      const city = zone.split('/').pop()?.replace(/_/g, ' ').toLowerCase();
      if (zone.includes('/') && city && !cityZones.has(city)) cityZones.set(city, zone);
    }
  }
  for (const part of display.split(/[,;:()&]|\band\b/)) {
    const zone = cityZones.get(part.trim().toLowerCase());
    const canonical = zone ? canonicalZone(zone) : undefined;
    if (canonical && (offsetMinutes === undefined || standardOffset(canonical) === offsetMinutes))
      return canonical;
  }
  return undefined;
}

function standardOffset(zone: string): number {
  const january = DateTime.fromObject({ year: 2024, month: 1, day: 15 }, { zone }).offset;
  const july = DateTime.fromObject({ year: 2024, month: 7, day: 15 }, { zone }).offset;
  return Math.min(january, july);
}

function whenOf(
  time: ICAL.Time,
  tzid: string | undefined,
  ctx: CalendarContext,
  floating: () => Placement,
): When {
  const wall = ICAL.Time.fromData(
    {
      year: time.year,
      month: time.month,
      day: time.day,
      hour: time.isDate ? 0 : time.hour,
      minute: time.isDate ? 0 : time.minute,
      second: time.isDate ? 0 : time.second,
      isDate: time.isDate,
    },
    ICAL.Timezone.localTimezone,
  );
  if (!time.isDate && time.zone?.tzid === 'UTC') return { wall, zone: UTC_ZONE, display: ctx.calendarZone };
  if (tzid) {
    const zone = resolveZone(tzid, ctx);
    if (!zone) throw new IcsError(`unknown time zone "${tzid}"`);
    return { wall, zone, display: zone.kind === 'iana' ? zone.name : undefined };
  }
  if (time.isDate) {
    return {
      wall,
      zone: { kind: 'iana', name: ctx.calendarZone ?? ctx.defaultZone },
      display: ctx.calendarZone,
    };
  }
  return { wall, ...floating() };
}

/** The instant a When stands for; a date means the start of that day. */
function toDateTime(when: When): DateTime {
  const { wall, zone } = when;
  const fields = {
    year: wall.year,
    month: wall.month,
    day: wall.day,
    hour: wall.hour,
    minute: wall.minute,
    second: wall.second,
  };
  const luxonZone = zone.kind === 'iana' ? zone.name : FixedOffsetZone.instance(zone.tz.utcOffset(wall) / 60);
  const dt = DateTime.fromObject(fields, { zone: luxonZone });
  if (!dt.isValid) throw new IcsError(`"${wall.toString()}" is not a real date or time`);
  return dt;
}

function isoDate(wall: ICAL.Time): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

function formatWhen(when: When, dt: DateTime): string {
  return when.wall.isDate ? isoDate(when.wall) : formatInstant(dt, when.display);
}

function formatInstant(dt: DateTime, display: string | undefined): string {
  const shown = display && dt.zoneName !== display ? dt.setZone(display) : dt;
  return shown.toISO({ suppressMilliseconds: true }) ?? '';
}

// VEVENTs.

interface Fields {
  title?: string;
  description?: string;
  location?: string;
  url?: string;
  type?: string;
  tags?: string[];
  hosts?: string[];
}

/** How long an occurrence lasts: whole days (nominal, so DST-safe) plus exact milliseconds. */
interface Span {
  days: number;
  ms: number;
}

interface Vevent {
  component: ICAL.Component;
  block: Block;
  ctx: CalendarContext;
  uid?: string;
  recurrenceId?: When;
  sequence: number;
  cancelled: boolean;
  start: When;
  span?: Span;
  fields: Fields;
}

function readVevent(component: ICAL.Component, block: Block, ctx: CalendarContext): Vevent {
  const read = <T>(prop: string, field: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw relocate(error, field, block.props.get(prop) ?? block.line);
    }
  };
  const startProp = component.getFirstProperty('dtstart');
  if (!startProp) throw new IcsError('VEVENT has no DTSTART', 'start', block.line);
  const start = read('dtstart', 'start', () => readWhen(startProp, ctx, () => floatingPlacement(ctx)));
  const series = () => ({ zone: start.zone, display: start.display });
  const ridProp = component.getFirstProperty('recurrence-id');
  const recurrenceId = ridProp
    ? read('recurrence-id', 'RECURRENCE-ID', () => readWhen(ridProp, ctx, series))
    : undefined;
  const span = read(component.hasProperty('dtend') ? 'dtend' : 'duration', 'end', () =>
    readSpan(component, start, ctx, series),
  );
  const sequence = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return {
    component,
    block,
    ctx,
    uid: textOf(component, 'uid')?.trim() || undefined,
    recurrenceId,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    cancelled: textOf(component, 'status')?.trim().toUpperCase() === 'CANCELLED',
    start,
    span,
    fields: readFields(component),
  };
}

function relocate(error: unknown, field: string, line: number): IcsError {
  if (error instanceof IcsError) return new IcsError(error.message, error.field ?? field, error.line ?? line);
  return new IcsError(`cannot be read (${messageOf(error)})`, field, line);
}

function readWhen(prop: ICAL.Property, ctx: CalendarContext, floating: () => Placement): When {
  assertRealDates(prop);
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Time)) throw new IcsError('expected a date or date-time');
  return whenOf(value, tzidOf(prop), ctx, floating);
}

/** ical.js quietly rolls 2020-13-45 over into 2021-02-14; the raw text is checked first. */
function assertRealDates(prop: ICAL.Property): void {
  const raw = prop
    .toJSON()
    .slice(3)
    .flatMap((v: unknown) => (typeof v === 'string' ? v.split('/') : []));
  for (const value of raw) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(value);
    if (!m) continue;
    const [year, month, day, hour, minute, second] = m.slice(1).map((n) => Number(n ?? 0));
    const real =
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= new Date(Date.UTC(year, month, 0)).getUTCDate() &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 60;
    if (!real) throw new IcsError(`"${value}" is not a real date or time`);
  }
}

function tzidOf(prop: ICAL.Property): string | undefined {
  const tzid = prop.getFirstParameter('tzid');
  return typeof tzid === 'string' && tzid.trim() ? tzid.trim() : undefined;
}

function readSpan(
  component: ICAL.Component,
  start: When,
  ctx: CalendarContext,
  series: () => Placement,
): Span | undefined {
  const endProp = component.getFirstProperty('dtend');
  if (endProp) {
    const end = readWhen(endProp, ctx, series);
    if (start.wall.isDate) return { days: daysBetween(start.wall, end.wall), ms: 0 };
    return { days: 0, ms: toDateTime(end).toMillis() - toDateTime(start).toMillis() };
  }
  const duration = component.getFirstPropertyValue('duration');
  if (duration === null) return undefined;
  if (!(duration instanceof ICAL.Duration)) throw new IcsError('DURATION is not a duration');
  const sign = duration.isNegative ? -1 : 1;
  const ms = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return { days: sign * (duration.weeks * 7 + duration.days), ms: sign * ms };
}

function daysBetween(a: ICAL.Time, b: ICAL.Time): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

function textOf(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? undefined : String(value);
}

function readFields(component: ICAL.Component): Fields {
  const categories = component.getAllProperties('categories');
  const organizers = component.getAllProperties('organizer');
  const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    title: textOf(component, 'summary')?.trim(),
    description: textOf(component, 'description'),
    location: textOf(component, 'location'),
    url: textOf(component, 'url')?.trim(),
    type: textOf(component, 'x-event-type')?.trim() || undefined,
    tags: categories.length ? unique(categories.flatMap((p) => p.getValues().map(String))) : undefined,
    hosts: organizers.length
      ? unique(organizers.map((p) => String(p.getFirstParameter('cn') ?? '')))
      : undefined,
  };
}

// Series: a master VEVENT with RRULE/RDATE/EXDATE, plus RECURRENCE-ID overrides sharing its UID, which
// may come before it in the file.

interface Series {
  masters: Vevent[];
  overrides: Vevent[];
  uid?: string;
  line: number;
}

interface Occurrence {
  /** The VEVENT this occurrence's details and line come from. */
  source: Vevent;
  /** The series master, whose details fill in what an override leaves out. */
  master?: Vevent;
  when: When;
  dt: DateTime;
  ms: number;
  span?: Span;
  /** An RDATE period's own end. */
  end?: DateTime;
}

function groupSeries(vevents: Vevent[]): Series[] {
  const byUid = new Map<string, Series>();
  const all: Series[] = [];
  for (const vevent of vevents) {
    let series = vevent.uid ? byUid.get(vevent.uid) : undefined;
    if (!series) {
      series = { masters: [], overrides: [], uid: vevent.uid, line: vevent.block.line };
      all.push(series);
      if (vevent.uid) byUid.set(vevent.uid, series);
    }
    (vevent.recurrenceId ? series.overrides : series.masters).push(vevent);
  }
  return all;
}

function occurrence(source: Vevent, when: When, master?: Vevent): Occurrence {
  const dt = toDateTime(when);
  return { source, master, when, dt, ms: dt.toMillis(), span: source.span ?? master?.span };
}

function expandSeries(
  series: Series,
  horizonMs: number,
): { items: { record: unknown; line: number }[]; dateDependent: boolean } {
  const occurrences: Occurrence[] = [];
  let dateDependent = false;
  if (series.masters.length === 0) {
    for (const o of series.overrides) if (!o.cancelled) occurrences.push(occurrence(o, o.start));
  }
  series.masters.forEach((master, i) => {
    if (master.cancelled) return;
    const expanded = expandMaster(master, horizonMs, i === 0 ? series.overrides : []);
    occurrences.push(...expanded.occurrences);
    dateDependent ||= expanded.dateDependent;
  });
  return { items: withIds(occurrences, series.uid), dateDependent };
}

function expandMaster(
  master: Vevent,
  horizonMs: number,
  overrides: Vevent[],
): { occurrences: Occurrence[]; dateDependent: boolean } {
  const { component, block, ctx, start } = master;
  const at = (prop: string) => block.props.get(prop) ?? block.line;
  const rrules = component.getAllProperties('rrule');
  const rdates = component.getAllProperties('rdate');
  const series = () => ({ zone: start.zone, display: start.display });
  let slots: (Occurrence | undefined)[] = [];
  let openEnded = false;
  let truncated = false;

  if (rrules.length === 0 && rdates.length === 0) slots.push(occurrence(master, start));
  const exdates = component.getAllProperties('exdate');
  const spare = exdates.reduce((n, p) => n + p.getValues().length, 0);
  for (const prop of rrules) {
    try {
      const walked = walkRule(master, prop, horizonMs, spare);
      slots.push(...walked.occurrences);
      openEnded ||= walked.openEnded;
      truncated ||= walked.truncated;
    } catch (error) {
      throw relocate(error, 'RRULE', at('rrule'));
    }
  }
  for (const prop of rdates) {
    try {
      assertRealDates(prop);
      const tzid = tzidOf(prop);
      for (const value of prop.getValues()) {
        if (value instanceof ICAL.Period) {
          const rdate = occurrence(master, whenOf(value.start, tzid, ctx, series));
          if (value.end) rdate.end = toDateTime(whenOf(value.end, tzid, ctx, series));
          else if (value.duration) rdate.end = rdate.dt.plus({ seconds: value.duration.toSeconds() });
          slots.push(rdate);
        } else if (value instanceof ICAL.Time) {
          slots.push(occurrence(master, whenOf(value, tzid, ctx, series)));
        }
      }
    } catch (error) {
      throw relocate(error, 'RDATE', at('rdate'));
    }
  }

  const allDay = start.wall.isDate;
  const excludedMs = new Set<number>();
  const excludedDates = new Set<string>();
  for (const prop of exdates) {
    try {
      assertRealDates(prop);
      const tzid = tzidOf(prop);
      for (const value of prop.getValues()) {
        if (!(value instanceof ICAL.Time)) continue;
        const when = whenOf(value, tzid, ctx, series);
        if (allDay || when.wall.isDate) excludedDates.add(isoDate(when.wall));
        else excludedMs.add(toDateTime(when).toMillis());
      }
    } catch (error) {
      throw relocate(error, 'EXDATE', at('exdate'));
    }
  }

  const seen = new Set<number>();
  slots = slots.filter((slot) => {
    if (!slot || seen.has(slot.ms)) return false;
    seen.add(slot.ms);
    return !excludedMs.has(slot.ms) && !excludedDates.has(isoDate(slot.when.wall));
  });
  const byMs = new Map<number, number>();
  const byDate = new Map<string, number>();
  slots.forEach((slot, i) => {
    if (!slot) return;
    byMs.set(slot.ms, i);
    if (!byDate.has(isoDate(slot.when.wall))) byDate.set(isoDate(slot.when.wall), i);
  });

  for (const override of [...overrides].sort((a, b) => a.sequence - b.sequence)) {
    const rid = override.recurrenceId;
    if (!rid) continue;
    const byDay = allDay || rid.wall.isDate;
    const ridMs = toDateTime(rid).toMillis();
    const index = byDay ? byDate.get(isoDate(rid.wall)) : byMs.get(ridMs);
    const replacement = override.cancelled ? undefined : occurrence(override, override.start, master);
    if (index !== undefined) slots[index] = replacement;
    // An override of a slot past the horizon comes back when the series is expanded again.
    else if (replacement && !(truncated && ridMs > horizonMs)) {
      slots.push(replacement);
      if (byDay) byDate.set(isoDate(rid.wall), slots.length - 1);
      else byMs.set(ridMs, slots.length - 1);
    }
  }

  const occurrences = slots.filter((s): s is Occurrence => s !== undefined).sort((a, b) => a.ms - b.ms);
  return { occurrences: occurrences.slice(-MAX_OCCURRENCES), dateDependent: openEnded || truncated };
}

/**
 * Expands one RRULE with ical.js's iterator, in the floating wall time of the series' zone. Walking is
 * cheap compared with placing a time in its zone, so only the occurrences that can survive the cap
 * (plus as many as EXDATE may remove) are converted to instants.
 */
function walkRule(
  master: Vevent,
  prop: ICAL.Property,
  horizonMs: number,
  spare: number,
): { occurrences: Occurrence[]; openEnded: boolean; truncated: boolean } {
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Recur)) throw new IcsError('RRULE is not a recurrence rule');
  const rule = value.clone();
  const openEnded = !rule.isFinite();
  if (rule.until) rule.until = untilInZone(rule.until, master.start);
  assertCanOccur(rule);
  const horizon = wallKey(wallAt(horizonMs, master.start));
  const keep = MAX_OCCURRENCES + spare;
  const walls: ICAL.Time[] = [];
  const iterator = rule.iterator(master.start.wall);
  let truncated = false;
  let steps = 0;
  for (let next: ICAL.Time | null = iterator.next(); next; next = iterator.next()) {
    if (++steps > MAX_RECURRENCE_STEPS) {
      const date = DateTime.fromMillis(horizonMs, { zone: 'UTC' }).toISODate();
      throw new IcsError(`repeats too often to expand (over ${MAX_RECURRENCE_STEPS} times before ${date})`);
    }
    if (wallKey(next) > horizon) {
      truncated = true;
      break;
    }
    walls.push(next.clone());
    if (walls.length > 2 * keep) walls.splice(0, walls.length - keep);
  }
  const occurrences = walls.slice(-keep).map((wall) => occurrence(master, { ...master.start, wall }));
  return { occurrences, openEnded, truncated };
}

/** Wall-clock fields as one sortable number. */
function wallKey(t: ICAL.Time): number {
  return ((((t.year * 100 + t.month) * 100 + t.day) * 100 + t.hour) * 100 + t.minute) * 100 + t.second;
}

/** The wall-clock time, in the zone of `like`, of an instant. */
function wallAt(ms: number, like: When): ICAL.Time {
  const utc = DateTime.fromMillis(ms, { zone: 'UTC' });
  const local =
    like.zone.kind === 'iana'
      ? utc.setZone(like.zone.name)
      : utc.plus({ seconds: like.zone.tz.utcOffset(like.wall) });
  return ICAL.Time.fromData(wallFields(local), ICAL.Timezone.localTimezone);
}

/** The wall-clock fields of a luxon or ical.js time, as ical.js takes them. */
function wallFields(t: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}) {
  return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
}

/** UNTIL is usually UTC; the iterator walks floating wall time, so UNTIL is moved into the series' zone. */
function untilInZone(until: ICAL.Time, start: When): ICAL.Time {
  let fields = { year: until.year, month: until.month, day: until.day, hour: 23, minute: 59, second: 59 };
  if (!until.isDate) {
    fields = { ...fields, hour: until.hour, minute: until.minute, second: until.second };
    if (until.zone?.tzid === 'UTC') {
      fields = wallFields(wallAt(DateTime.fromObject(fields, { zone: 'UTC' }).toMillis(), start));
    }
  }
  return ICAL.Time.fromData({ ...fields, isDate: start.wall.isDate }, ICAL.Timezone.localTimezone);
}

/**
 * ical.js gives up on impossible MONTHLY and YEARLY rules by itself, but loops forever on e.g.
 * FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, so those are refused before iterating.
 */
function assertCanOccur(rule: ICAL.Recur): void {
  const days = rule.parts.BYMONTHDAY;
  if (rule.freq === 'MONTHLY' || rule.freq === 'YEARLY' || !days?.length) return;
  const months = rule.parts.BYMONTH?.length ? rule.parts.BYMONTH : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const longest = (month: number) => new Date(Date.UTC(2024, month, 0)).getUTCDate();
  if (!months.some((m) => days.some((d) => d !== 0 && Math.abs(d) <= longest(m)))) {
    throw new IcsError('can never occur (no month in BYMONTH has a day in BYMONTHDAY)');
  }
}

// Records.

function withIds(occurrences: Occurrence[], uid: string | undefined): { record: unknown; line: number }[] {
  const records = occurrences.map((o) => ({ record: recordOf(o), line: o.source.block.line }));
  const perDay = new Map<string, number>();
  for (const { record } of records)
    perDay.set(record.start.slice(0, 10), (perDay.get(record.start.slice(0, 10)) ?? 0) + 1);
  const base = uid ? uidSlug(uid) : undefined;
  for (const { record } of records) {
    const day = record.start.slice(0, 10);
    const time = record.start.length > 10 ? record.start.slice(11, 16).replace(':', '') : '';
    const suffix = (perDay.get(day) ?? 0) > 1 && time ? `-${time}` : '';
    if (base) record.id = `${base}-${day.replace(/-/g, '')}${suffix}`;
    if (base && records.length > 1) record.series = base;
    else if (suffix && record.title) record.id = `${deriveEventId(record.start, record.title)}${suffix}`;
  }
  return records;
}

/** A UID as an id prefix: its slug, or (when long or all punctuation) a shortened slug plus a hash. */
function uidSlug(uid: string): string {
  const slug = slugify(uid);
  if (slug && slug.length <= 100) return slug;
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 16);
  const head = slug.slice(0, 60).replace(/-+$/, '');
  return head ? `${head}-${hash}` : hash;
}

interface EventRecord {
  id?: string;
  title?: string;
  type?: string;
  start: string;
  end?: string;
  timezone?: string;
  location?: string;
  url?: string;
  hosts: string[];
  summary: string;
  body?: string;
  tags: string[];
  series?: string;
}

function recordOf(o: Occurrence): EventRecord {
  const own = o.source.fields;
  const inherited = o.master?.fields ?? {};
  const description = (own.description ?? inherited.description ?? '').trim();
  const long = description.length > MAX_SUMMARY;
  return {
    title: own.title ?? inherited.title,
    type: own.type ?? inherited.type,
    start: formatWhen(o.when, o.dt),
    end: o.end ? formatInstant(o.end, o.when.display) : endOf(o),
    timezone: o.when.display,
    location: own.location ?? inherited.location,
    url: own.url ?? inherited.url,
    hosts: own.hosts ?? inherited.hosts ?? [],
    summary: long ? shorten(description, 1000) : description,
    body: long ? description : undefined,
    tags: own.tags ?? inherited.tags ?? [],
  };
}

/** DTEND of an all-day event is exclusive; the archive's `end` is the last day, left out for one-day events. */
function endOf(o: Occurrence): string | undefined {
  const span = o.span;
  if (!span) return undefined;
  if (o.when.wall.isDate) {
    if (span.days <= 1) return undefined;
    return (
      DateTime.fromISO(isoDate(o.when.wall), { zone: 'UTC' })
        .plus({ days: span.days - 1 })
        .toISODate() ?? undefined
    );
  }
  return formatInstant(o.dt.plus({ days: span.days }).plus({ milliseconds: span.ms }), o.when.display);
}

function shorten(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Windows display names (the text after "(UTC±hh:mm) ") → Windows zone id, for exports that write the
 * display name as TZID. windows-iana maps only the ids. Older spellings are listed too.
 */
const WINDOWS_DISPLAY_NAMES = `
International Date Line West|Dateline Standard Time
Coordinated Universal Time-11|UTC-11
Midway Island, Samoa|UTC-11
Aleutian Islands|Aleutian Standard Time
Hawaii|Hawaiian Standard Time
Marquesas Islands|Marquesas Standard Time
Alaska|Alaskan Standard Time
Coordinated Universal Time-09|UTC-09
Baja California|Pacific Standard Time (Mexico)
Tijuana, Baja California|Pacific Standard Time (Mexico)
Coordinated Universal Time-08|UTC-08
Pacific Time (US & Canada)|Pacific Standard Time
Arizona|US Mountain Standard Time
Chihuahua, La Paz, Mazatlan|Mountain Standard Time (Mexico)
La Paz, Mazatlan|Mountain Standard Time (Mexico)
Mountain Time (US & Canada)|Mountain Standard Time
Yukon|Yukon Standard Time
Central America|Central America Standard Time
Central Time (US & Canada)|Central Standard Time
Easter Island|Easter Island Standard Time
Guadalajara, Mexico City, Monterrey|Central Standard Time (Mexico)
Saskatchewan|Canada Central Standard Time
Bogota, Lima, Quito, Rio Branco|SA Pacific Standard Time
Bogota, Lima, Quito|SA Pacific Standard Time
Chetumal|Eastern Standard Time (Mexico)
Eastern Time (US & Canada)|Eastern Standard Time
Haiti|Haiti Standard Time
Havana|Cuba Standard Time
Indiana (East)|US Eastern Standard Time
Turks and Caicos|Turks And Caicos Standard Time
Asuncion|Paraguay Standard Time
Atlantic Time (Canada)|Atlantic Standard Time
Caracas|Venezuela Standard Time
Cuiaba|Central Brazilian Standard Time
Manaus|Central Brazilian Standard Time
Georgetown, La Paz, Manaus, San Juan|SA Western Standard Time
Georgetown, La Paz, San Juan|SA Western Standard Time
Santiago|Pacific SA Standard Time
Newfoundland|Newfoundland Standard Time
Araguaina|Tocantins Standard Time
Brasilia|E. South America Standard Time
Cayenne, Fortaleza|SA Eastern Standard Time
City of Buenos Aires|Argentina Standard Time
Buenos Aires|Argentina Standard Time
Buenos Aires, Georgetown|SA Eastern Standard Time
Greenland|Greenland Standard Time
Montevideo|Montevideo Standard Time
Punta Arenas|Magallanes Standard Time
Saint Pierre and Miquelon|Saint Pierre Standard Time
Salvador|Bahia Standard Time
Coordinated Universal Time-02|UTC-02
Mid-Atlantic - Old|UTC-02
Mid-Atlantic|UTC-02
Azores|Azores Standard Time
Cabo Verde Is.|Cape Verde Standard Time
Cape Verde Is.|Cape Verde Standard Time
Coordinated Universal Time|UTC
Dublin, Edinburgh, Lisbon, London|GMT Standard Time
Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London|GMT Standard Time
Monrovia, Reykjavik|Greenwich Standard Time
Casablanca, Monrovia, Reykjavik|Greenwich Standard Time
Sao Tome|Sao Tome Standard Time
Casablanca|Morocco Standard Time
Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna|W. Europe Standard Time
Belgrade, Bratislava, Budapest, Ljubljana, Prague|Central Europe Standard Time
Brussels, Copenhagen, Madrid, Paris|Romance Standard Time
Sarajevo, Skopje, Warsaw, Zagreb|Central European Standard Time
West Central Africa|W. Central Africa Standard Time
Amman|Jordan Standard Time
Athens, Bucharest|GTB Standard Time
Athens, Bucharest, Istanbul|GTB Standard Time
Beirut|Middle East Standard Time
Cairo|Egypt Standard Time
Chisinau|E. Europe Standard Time
Minsk|Belarus Standard Time
Damascus|Syria Standard Time
Gaza, Hebron|West Bank Standard Time
Harare, Pretoria|South Africa Standard Time
Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius|FLE Standard Time
Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius|FLE Standard Time
Jerusalem|Israel Standard Time
Juba|South Sudan Standard Time
Kaliningrad|Kaliningrad Standard Time
Khartoum|Sudan Standard Time
Tripoli|Libya Standard Time
Windhoek|Namibia Standard Time
Baghdad|Arabic Standard Time
Istanbul|Turkey Standard Time
Kuwait, Riyadh|Arab Standard Time
Moscow, St. Petersburg|Russian Standard Time
Moscow, St. Petersburg, Volgograd|Russian Standard Time
Nairobi|E. Africa Standard Time
Volgograd|Volgograd Standard Time
Tehran|Iran Standard Time
Abu Dhabi, Muscat|Arabian Standard Time
Astrakhan, Ulyanovsk|Astrakhan Standard Time
Baku|Azerbaijan Standard Time
Izhevsk, Samara|Russia Time Zone 3
Port Louis|Mauritius Standard Time
Saratov|Saratov Standard Time
Tbilisi|Georgian Standard Time
Yerevan|Caucasus Standard Time
Kabul|Afghanistan Standard Time
Ashgabat, Tashkent|West Asia Standard Time
Ekaterinburg|Ekaterinburg Standard Time
Islamabad, Karachi|Pakistan Standard Time
Qyzylorda|Qyzylorda Standard Time
Chennai, Kolkata, Mumbai, New Delhi|India Standard Time
Sri Jayawardenepura|Sri Lanka Standard Time
Kathmandu|Nepal Standard Time
Dhaka|Bangladesh Standard Time
Omsk|Omsk Standard Time
Yangon (Rangoon)|Myanmar Standard Time
Bangkok, Hanoi, Jakarta|SE Asia Standard Time
Barnaul, Gorno-Altaysk|Altai Standard Time
Hovd|W. Mongolia Standard Time
Krasnoyarsk|North Asia Standard Time
Novosibirsk|N. Central Asia Standard Time
Tomsk|Tomsk Standard Time
Beijing, Chongqing, Hong Kong, Urumqi|China Standard Time
Irkutsk|North Asia East Standard Time
Kuala Lumpur, Singapore|Singapore Standard Time
Perth|W. Australia Standard Time
Taipei|Taipei Standard Time
Ulaanbaatar|Ulaanbaatar Standard Time
Eucla|Aus Central W. Standard Time
Chita|Transbaikal Standard Time
Osaka, Sapporo, Tokyo|Tokyo Standard Time
Pyongyang|North Korea Standard Time
Seoul|Korea Standard Time
Yakutsk|Yakutsk Standard Time
Adelaide|Cen. Australia Standard Time
Darwin|AUS Central Standard Time
Brisbane|E. Australia Standard Time
Canberra, Melbourne, Sydney|AUS Eastern Standard Time
Guam, Port Moresby|West Pacific Standard Time
Hobart|Tasmania Standard Time
Vladivostok|Vladivostok Standard Time
Lord Howe Island|Lord Howe Standard Time
Bougainville Island|Bougainville Standard Time
Chokurdakh|Russia Time Zone 10
Magadan|Magadan Standard Time
Norfolk Island|Norfolk Standard Time
Sakhalin|Sakhalin Standard Time
Solomon Is., New Caledonia|Central Pacific Standard Time
Magadan, Solomon Is., New Caledonia|Central Pacific Standard Time
Anadyr, Petropavlovsk-Kamchatsky|Russia Time Zone 11
Auckland, Wellington|New Zealand Standard Time
Coordinated Universal Time+12|UTC+12
Fiji|Fiji Standard Time
Fiji, Kamchatka, Marshall Is.|Fiji Standard Time
Chatham Islands|Chatham Islands Standard Time
Coordinated Universal Time+13|UTC+13
Nuku'alofa|Tonga Standard Time
Samoa|Samoa Standard Time
Kiritimati Island|Line Islands Standard Time
`;
