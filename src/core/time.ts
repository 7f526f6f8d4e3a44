import { DateTime, IANAZone, Info, Settings, type Zone } from 'luxon';
import { setBounded } from './bounded-map.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Captures year, month, day and, for a date-time, hour, minute, second and fraction. */
const DATE_OR_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|[+-]\d{2}(?::?\d{2})?))?$/;

/** True for `YYYY-MM-DD`. */
export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

/** True for a real calendar date, or a date-time that carries `Z` or an offset. */
export function isValidDateTime(value: string): boolean {
  // Luxon's verdict, worked out by hand: an import checks every start and end, and luxon took a tenth
  // of it. Luxon allows 24:00 (with nothing after it but zeros) and leaves the offset's size unchecked.
  const m = DATE_OR_DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] === undefined) return true;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour === 24) return minute === 0 && second === 0 && !/[1-9]/.test(m[7] ?? '');
  return hour < 24 && minute < 60 && second < 60;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

const zoneValidity = new Map<string, boolean>();
/**
 * The zone names the runtime lists, read without building an Intl.DateTimeFormat: the first one costs
 * ICU about 12 ms, which a start that only validates `EVENT_TIMEZONE` (every `event-bot search`) need not pay.
 * Names it does not list (aliases such as `US/Eastern`, other spellings) still go to luxon.
 */
let listedZones: Set<string> | undefined;
const canonicalZones = () => (listedZones ??= new Set(Intl.supportedValuesOf('timeZone')));

/** True for a zone luxon (and so the ICU database) knows, such as `Europe/Helsinki`. Cached: a name the runtime does not list costs an Intl formatter. */
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    // UTC, the default EVENT_TIMEZONE, is not in the list (it names places' zones) and needs no lookup.
    valid = zone === 'UTC' || canonicalZones().has(zone) || IANAZone.isValidZone(zone);
    if (zoneValidity.size < 10_000) zoneValidity.set(zone, valid);
  }
  return valid;
}

/** Start of a day in a zone, by "date zone": an import asks for each all-day event's (luxon is slow). */
const dayStarts = new Map<string, number>();

/**
 * The instant an event time stands for. A date-only value means the start of that day in the event's
 * zone (or `fallbackZone`, then UTC), so all-day events sort among timed ones on the right day.
 */
export function eventTimeToMillis(value: string, zone?: string, fallbackZone = 'UTC'): number {
  if (isDateOnly(value)) {
    const z = zone && isValidTimeZone(zone) ? zone : fallbackZone;
    const key = `${value} ${z}`;
    let ms = dayStarts.get(key);
    if (ms === undefined) ms = setBounded(dayStarts, key, startOfDay(value, z));
    return ms;
  }
  // Date.parse is exact for ISO date-times that carry an offset, and much cheaper than luxon.
  return Date.parse(value);
}

/**
 * `DateTime.fromISO(date, { zone }).startOf('day').toMillis()`, worked out the way luxon does it
 * (its fixOffset, twice: once for the date, once for the start of the day that gives) but with one
 * offset lookup per date instead of three: an import asks for every all-day event's, and luxon was a
 * twentieth of it. Years before 1000 are left to luxon itself. tests/core/time.test.ts compares the two.
 */
export function startOfDay(date: string, zoneName: string): number {
  const m = DATE_ONLY_PARTS.exec(date);
  const zone = zoneOf(zoneName);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || year < 1000 || !zone.isValid)
    return DateTime.fromISO(date, { zone: zoneName }).startOf('day').toMillis();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  const offsets = offsetsOf(zone);
  // Luxon's first guess at the offset is the zone's offset now.
  const [ts, offset] = fixOffset(Date.UTC(year, month - 1, day), offsetNow(zone), offsets);
  const local = new Date(ts + offset * 60_000);
  return fixOffset(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()),
    offset,
    offsets,
  )[0];
}

const DATE_ONLY_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Luxon's fixOffset: the instant of a local time in a zone, from a guess at its offset (minutes). */
function fixOffset(localTs: number, guess: number, offsetAt: (ts: number) => number): [number, number] {
  let utc = localTs - guess * 60_000;
  const o2 = offsetAt(utc);
  if (guess === o2) return [utc, guess];
  utc -= (o2 - guess) * 60_000;
  const o3 = offsetAt(utc);
  if (o2 === o3) return [utc, o2];
  // A local time the zone skips (a spring-forward gap): luxon keeps the time and takes the larger offset.
  return [localTs - Math.min(o2, o3) * 60_000, Math.max(o2, o3)];
}

const zones = new Map<string, Zone>();
function zoneOf(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = Info.normalizeZone(name);
    if (zones.size < 10_000) zones.set(name, zone);
  }
  return zone;
}

/** A zone's offset (minutes) at an instant, remembering the last few instants asked. */
const zoneOffsets = new Map<Zone, (ts: number) => number>();
function offsetsOf(zone: Zone): (ts: number) => number {
  let offsets = zoneOffsets.get(zone);
  if (!offsets) {
    const known = new Map<number, number>();
    offsets = (ts: number) => {
      let offset = known.get(ts);
      if (offset === undefined) {
        offset = zone.offset(ts);
        if (known.size >= 8) known.clear();
        known.set(ts, offset);
      }
      return offset;
    };
    if (zoneOffsets.size < 10_000) zoneOffsets.set(zone, offsets);
  }
  return offsets;
}

/** A zone's offset at luxon's "now", looked up once a minute (offsets change only on whole minutes). */
const offsetsNow = new Map<Zone, [minute: number, offset: number]>();
function offsetNow(zone: Zone): number {
  const now = Settings.now();
  const minute = Math.floor(now / 60_000);
  const known = offsetsNow.get(zone);
  if (known?.[0] === minute) return known[1];
  const offset = zone.offset(now);
  if (offsetsNow.size < 10_000) offsetsNow.set(zone, [minute, offset]);
  return offset;
}

/** An injected source of "now", so nothing in core reads the wall clock itself. */
export interface Clock {
  now(): Date;
}

/** The real clock, for the composition root only. */
export const systemClock: Clock = { now: () => new Date() };
