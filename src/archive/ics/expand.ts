import ICAL from 'ical.js';
import type { Report } from './index.js';
import type { Block } from './read.js';

/** Occurrences kept per series; the latest ones win. */
const MAX_OCCURRENCES = 1000;
/** Guards against rules like FREQ=SECONDLY that would take forever to walk up to the horizon. */
const MAX_RECURRENCE_STEPS = 50_000;
const MAX_INTERVAL = 1000;

/** One VEVENT and where it is in the file. */
export interface Vevent {
  component: ICAL.Component;
  block: Block;
  uid?: string;
  sequence: number;
  recurrenceId?: string;
}

/** One occurrence: the VEVENT whose details it carries (an override, or the master) and its times. */
export interface Occurrence {
  item: Vevent;
  master?: Vevent;
  start: ICAL.Time;
  /** Absent when the VEVENT gives neither DTEND nor DURATION. */
  end?: ICAL.Time;
}

/** A problem at a line of the series being expanded. */
class VeventError extends Error {
  line = 0;
}

function fail(message: string, line: number): never {
  throw Object.assign(new VeventError(message), { line });
}

/**
 * Groups VEVENTs by UID (overrides may come before their master) and expands each series; a series
 * that cannot be expanded is skipped and reported. A feed that lists one UID or one override twice,
 * like tv-show-episode.ics, keeps the copy with the highest SEQUENCE.
 */
export function expandAll(vevents: Vevent[], horizonMs: number, report: Report) {
  type Group = { master?: Vevent; overrides: Map<string, Vevent> };
  const groups = new Map<string, Group>();
  const keep = (kept: Vevent | undefined, next: Vevent): Vevent => {
    if (!kept) return next;
    const [winner, loser] = next.sequence > kept.sequence ? [next, kept] : [kept, next];
    const message = `superseded by the copy of "${loser.uid?.slice(0, 80)}" on line ${winner.block.line} (SEQUENCE ${winner.sequence})`;
    report.warnings.push({ line: loser.block.line, field: 'SEQUENCE', message });
    return winner;
  };
  vevents.forEach((vevent, i) => {
    const group: Group = groups.get(vevent.uid ?? `\u0000${i}`) ?? { overrides: new Map() };
    groups.set(vevent.uid ?? `\u0000${i}`, group);
    const rid = vevent.recurrenceId;
    if (rid === undefined) group.master = keep(group.master, vevent);
    else group.overrides.set(rid, keep(group.overrides.get(rid), vevent));
  });
  let dateDependent = false;
  const series: { occurrences: Occurrence[]; uid?: string }[] = [];
  for (const { master, overrides: byRid } of groups.values()) {
    const overrides = [...byRid.values()];
    const first = master ?? overrides[0];
    try {
      const expanded = master ? expandSeries(master, overrides, horizonMs) : standalone(overrides);
      for (const o of expanded.unrelated) {
        const at = { line: o.block.props.get('recurrence-id') ?? o.block.line, field: 'RECURRENCE-ID' };
        report.skip({ ...at, message: 'names no instance of its series' }, 'event skipped');
      }
      dateDependent ||= expanded.dateDependent;
      series.push({ occurrences: expanded.occurrences, uid: first.uid });
    } catch (error) {
      const at =
        error instanceof VeventError ? { line: error.line, field: 'RRULE' } : { line: first.block.line };
      report.skip(
        { ...at, message: error instanceof Error ? error.message : String(error) },
        'event skipped',
      );
    }
  }
  return { series, dateDependent };
}

/**
 * Expands one series with ical.js: ICAL.Event relates the overrides, its iterator applies RRULE, RDATE
 * and EXDATE, and getOccurrenceDetails gives each instance with its override. Walks up to `horizonMs`;
 * `unrelated` are overrides of instances the series does not have.
 */
function expandSeries(master: Vevent, overrides: Vevent[], horizonMs: number) {
  if (isCancelled(master)) return { occurrences: [], unrelated: [], dateDependent: false };
  const ridOf = (o: Vevent) => o.component.getFirstPropertyValue('recurrence-id') as ICAL.Time;
  if ((master.component.getFirstPropertyValue('dtstart') as ICAL.Time).isDate) {
    // exchange_whole_day_moved_recurrence.ics: an all-day series whose override names its instance as
    // midnight in a zone (RECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000); ical.js relates
    // an all-day instance only to a DATE.
    for (const rid of overrides.map(ridOf)) rid.isDate = true;
  }
  const event = new ICAL.Event(master.component, { exceptions: overrides.map((o) => o.component) });
  const line = master.block.props.get('rrule') ?? master.block.line;
  const rules = master.component.getAllProperties('rrule').map((p) => p.getFirstValue() as ICAL.Recur);
  for (const rule of rules) {
    assertCanOccur(rule, line);
    // non-utc-until-ny.ics writes UNTIL in the start's local time without Z; ical.js would read it as UTC.
    if (rule.until && !rule.until.isDate && rule.until.zone !== ICAL.Timezone.utcTimezone) {
      rule.until.zone = event.startDate.zone;
    }
  }
  const starts: ICAL.Time[] = [];
  let truncated = false;
  try {
    const iterator = event.iterator();
    for (let next = iterator.next(), steps = 1; next; next = iterator.next(), steps++) {
      if (steps > MAX_RECURRENCE_STEPS) throw new Error(`repeats over ${MAX_RECURRENCE_STEPS} times`);
      if (next.toUnixTime() * 1000 > horizonMs) {
        truncated = true;
        break;
      }
      starts.push(next.clone());
      if (starts.length > 2 * MAX_OCCURRENCES) starts.splice(0, starts.length - MAX_OCCURRENCES);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), line);
  }
  const kept = starts.slice(-MAX_OCCURRENCES);
  const related = new Set<ICAL.Component>();
  const occurrences: Occurrence[] = [];
  for (const start of kept) {
    const details = event.getOccurrenceDetails(start);
    const item = overrides.find((o) => o.component === details.item.component) ?? master;
    related.add(item.component);
    const end = hasEnd(item) ? details.endDate : undefined;
    if (!isCancelled(item))
      occurrences.push({ item, master: item === master ? undefined : master, start: details.startDate, end });
  }
  const from = kept[0]?.toUnixTime() ?? Number.POSITIVE_INFINITY;
  const unrelated = overrides.filter((o) => {
    const rid = ridOf(o).toUnixTime();
    return !related.has(o.component) && rid >= from && rid * 1000 <= horizonMs;
  });
  return { occurrences, unrelated, dateDependent: truncated || rules.some((rule) => !rule.isFinite()) };
}

/** Overrides whose master is not in the feed (invitations to single instances) stand on their own. */
function standalone(overrides: Vevent[]) {
  const occurrences = overrides
    .filter((o) => !isCancelled(o))
    .map((item): Occurrence => {
      const event = new ICAL.Event(item.component);
      return { item, start: event.startDate, end: hasEnd(item) ? event.endDate : undefined };
    });
  return { occurrences, unrelated: [], dateDependent: false };
}

function isCancelled(vevent: Vevent): boolean {
  return String(vevent.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function hasEnd(vevent: Vevent): boolean {
  return vevent.component.hasProperty('dtend') || vevent.component.hasProperty('duration');
}

/**
 * ical.js adds a huge INTERVAL up day by day, gives up on impossible MONTHLY and YEARLY rules by itself, but loops forever inside next() on
 * e.g. FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, so those are refused before iterating.
 */
function assertCanOccur(rule: ICAL.Recur, line: number): void {
  if (rule.interval > MAX_INTERVAL) fail(`INTERVAL=${rule.interval} is too large to expand`, line);
  const days = rule.parts.BYMONTHDAY;
  if (rule.freq === 'MONTHLY' || rule.freq === 'YEARLY' || !days?.length) return;
  const months = rule.parts.BYMONTH?.length ? rule.parts.BYMONTH : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const longest = (month: number) => new Date(Date.UTC(2024, month, 0)).getUTCDate();
  if (!months.some((m) => days.some((d) => d !== 0 && Math.abs(d) <= longest(m)))) {
    fail('can never occur (no month in BYMONTH has a day in BYMONTHDAY)', line);
  }
}
