import { DateTime, IANAZone } from 'luxon';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** True for `YYYY-MM-DD`. */
export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

/** True for a real calendar date, or a date-time that carries `Z` or an offset. */
export function isValidDateTime(value: string): boolean {
  if (!DATE_ONLY.test(value) && !DATE_TIME_WITH_OFFSET.test(value)) return false;
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

const zoneValidity = new Map<string, boolean>();

/** True for a zone luxon (and so the ICU database) knows, such as `Europe/Helsinki`. Cached: each check builds an Intl formatter. */
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 10_000) zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * The instant an event time stands for. A date-only value means the start of that day in the event's
 * zone (or `fallbackZone`, then UTC), so all-day events sort among timed ones on the right day.
 */
export function eventTimeToMillis(value: string, zone?: string, fallbackZone = 'UTC'): number {
  if (isDateOnly(value)) {
    const z = zone && isValidTimeZone(zone) ? zone : fallbackZone;
    return DateTime.fromISO(value, { zone: z }).startOf('day').toMillis();
  }
  // Date.parse is exact for ISO date-times that carry an offset, and much cheaper than luxon.
  return Date.parse(value);
}

/** An injected source of "now", so nothing in core reads the wall clock itself. */
export interface Clock {
  now(): Date;
}

/** The real clock, for the composition root only. */
export const systemClock: Clock = { now: () => new Date() };
