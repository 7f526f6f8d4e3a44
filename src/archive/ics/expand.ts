import ICAL from 'ical.js';
import type { Report } from './index.js';
import { type LineOf, messageOf } from './read.js';

/** Occurrences kept per series; the latest ones win. */
const MAX_OCCURRENCES = 1000;
/** Guards against rules like FREQ=SECONDLY that would take forever to walk up to the horizon. */
const MAX_STEPS = 50_000;
const MAX_INTERVAL = 1000;

/** One occurrence as ical.js details it: the VEVENT whose details it carries (an override, or the master). */
export type Occurrence = ReturnType<ICAL.Event['getOccurrenceDetails']>;

/** The occurrences of one UID (or of one VEVENT without a UID). */
export type Series = { occurrences: Occurrence[]; uid?: string };

/**
 * Groups VEVENTs by UID (overrides may come before their master) and expands each series; a series
 * that cannot be expanded is skipped and reported at its RRULE. A feed that lists one UID or one override
 * twice, like tv-show-episode.ics, keeps the copy with the highest SEQUENCE.
 */
export function expandAll(events: ICAL.Event[], horizonMs: number, report: Report, lineOf: LineOf) {
  const groups = new Map<string, Map<string, ICAL.Event>>();
  events.forEach((event, i) => {
    const uid = event.uid?.trim() || `\u0000${i}`;
    const group = groups.get(uid) ?? new Map<string, ICAL.Event>();
    groups.set(uid, group);
    const rid = event.recurrenceId?.toString() ?? '';
    const kept = group.get(rid);
    const [winner, loser] = kept && sequence(event) > sequence(kept) ? [event, kept] : [kept ?? event, event];
    group.set(rid, winner);
    const message = `superseded by the copy of "${loser.uid?.slice(0, 80)}" on line ${lineOf(winner.component)} (SEQUENCE ${sequence(winner)})`;
    if (kept) report.warnings.push({ line: lineOf(loser.component), field: 'SEQUENCE', message });
  });
  let dateDependent = false;
  const series: Series[] = [];
  for (const group of groups.values()) {
    const master = group.get('');
    const overrides = [...group.values()].filter((e) => e !== master);
    const first = master ?? overrides[0];
    try {
      // Overrides whose master is not in the feed (invitations to single instances) stand on their own.
      const parts = master
        ? [expandSeries(master, overrides, horizonMs)]
        : overrides.map((o) => expandSeries(o, [], horizonMs));
      for (const o of parts.flatMap((part) => part.unrelated)) {
        const at = { line: lineOf(o.component.getFirstProperty('recurrence-id')), field: 'RECURRENCE-ID' };
        report.skip({ ...at, message: 'names no instance of its series' }, 'event skipped');
      }
      dateDependent ||= parts.some((part) => part.dateDependent);
      const uid = first.uid?.trim() || undefined;
      series.push({ occurrences: parts.flatMap((part) => part.occurrences), uid });
    } catch (error) {
      const line = lineOf(first.component.getFirstProperty('rrule') ?? first.component);
      report.skip({ line, field: 'RRULE', message: messageOf(error) }, 'event skipped');
    }
  }
  return { series, dateDependent };
}

/**
 * Expands one series with ical.js: ICAL.Event relates the overrides, its iterator applies RRULE, RDATE
 * and EXDATE, and getOccurrenceDetails gives each instance with its override. Walks up to `horizonMs`;
 * `unrelated` are overrides of instances the series does not have.
 */
function expandSeries(master: ICAL.Event, overrides: ICAL.Event[], horizonMs: number) {
  if (isCancelled(master)) return { occurrences: [], unrelated: [], dateDependent: false };
  // exchange_whole_day_moved_recurrence.ics: an all-day series whose override names its instance as
  // midnight in a zone (RECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000); ical.js relates
  // an all-day instance only to a DATE.
  if (master.startDate.isDate) for (const o of overrides) o.recurrenceId.isDate = true;
  for (const o of overrides) master.relateException(o);
  const rules = master.component.getAllProperties('rrule').map((p) => p.getFirstValue() as ICAL.Recur);
  for (const rule of rules) {
    assertCanOccur(rule);
    // non-utc-until-ny.ics writes UNTIL in the start's local time without Z; ical.js would read it as UTC.
    if (rule.until && !rule.until.isDate && rule.until.zone !== ICAL.Timezone.utcTimezone) {
      rule.until.zone = master.startDate.zone;
    }
  }
  const starts: ICAL.Time[] = [];
  const iterator = master.iterator();
  let next = iterator.next();
  for (; next && next.toUnixTime() * 1000 <= horizonMs; next = iterator.next()) {
    if (starts.push(next.clone()) > MAX_STEPS) throw new Error(`repeats over ${MAX_STEPS} times`);
  }
  const kept = starts.slice(-MAX_OCCURRENCES);
  const occurrences = kept.map((start) => master.getOccurrenceDetails(start));
  const related = new Set(occurrences.map((o) => o.item));
  const from = kept[0]?.toUnixTime() ?? Number.POSITIVE_INFINITY;
  const unrelated = overrides.filter((o) => {
    const rid = o.recurrenceId.toUnixTime();
    return !related.has(o) && rid >= from && rid * 1000 <= horizonMs;
  });
  const dateDependent = Boolean(next) || rules.some((rule) => !rule.isFinite());
  return { occurrences: occurrences.filter((o) => !isCancelled(o.item)), unrelated, dateDependent };
}

const sequence = (event: ICAL.Event) => Number(event.sequence) || 0;

const isCancelled = (event: ICAL.Event) =>
  String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';

/**
 * ical.js adds a huge INTERVAL up day by day and gives up on impossible MONTHLY and YEARLY rules by
 * itself, but loops forever inside next() on e.g. FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, so those are
 * refused before iterating.
 */
function assertCanOccur(rule: ICAL.Recur): void {
  if (rule.interval > MAX_INTERVAL) throw new Error(`INTERVAL=${rule.interval} is too large to expand`);
  const days = rule.parts.BYMONTHDAY;
  if (rule.freq === 'MONTHLY' || rule.freq === 'YEARLY' || !days?.length) return;
  const months = rule.parts.BYMONTH?.length ? rule.parts.BYMONTH : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const longest = (month: number) => new Date(Date.UTC(2024, month, 0)).getUTCDate();
  if (!months.some((m) => days.some((d) => d !== 0 && Math.abs(d) <= longest(m)))) {
    throw new Error('can never occur (no month in BYMONTH has a day in BYMONTHDAY)');
  }
}
