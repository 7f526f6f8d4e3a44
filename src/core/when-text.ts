import { DateTime } from 'luxon';
import { setBounded } from './bounded-map.js';
import type { Event } from './model.js';
import { eventDeadlineMs } from './reminders/schedule.js';
import { eventTimeToMillis, isDateOnly, isValidTimeZone } from './time.js';

/**
 * How dates and times read, for every door (Slack, console, CLI, notices): the one formatter.
 *
 * An event happened, or will happen, on the venue's day, so its own date and time are written in the
 * venue's zone ("Wed 25 Sep 2013 · 7:00 PM EDT"). A date-only (all-day) event is a calendar date and is
 * never turned into an instant. Instants that belong to a person (a reminder's due time, a digest's next
 * run) are written in that person's zone with {@link formatInZone}.
 */

/** An event's time as the doors show it. */
export interface EventWhen {
  /** Not yet begun (for an all-day event: its first day not yet over). */
  upcoming: boolean;
  /** A calendar date (or dates), no time of day. */
  allDay: boolean;
  /** The start as an instant; for an all-day event the start of its day at the venue. */
  startMs: number;
  /** The venue's own date and time: "Wed 25 Sep 2013 · 7:00 PM EDT", "Sat 1 Mar 2025 – Sun 2 Mar 2025". */
  text: string;
  /** A timed event's start time at the venue alone, "7:00 PM EDT", to show beside the reader's own time. */
  venueTime?: string;
  /** The city the event's IANA zone is named after ("New York" for America/New_York), to say whose time that is. */
  venueCity?: string;
}

const DAY = 'ccc d LLL yyyy';
const TIME = 'h:mm a';
const LONG = "cccc, d LLLL yyyy 'at' HH:mm";

/** Zone abbreviations already asked for, by zone, offset and year: "America/New_York|-300|2026" → "EST". */
const ABBREVIATIONS = new Map<string, string>();

/**
 * The zone's abbreviation at that instant ("EDT"), as luxon's ZZZZ writes it. Luxon asks Intl for it
 * on every call (a third of a millisecond, several times per list row); a zone's name at one offset
 * in one year does not change, so each is asked for once.
 */
function zoneAbbreviation(dt: DateTime): string {
  const key = `${dt.zoneName}|${dt.offset}|${dt.year}`;
  const known = ABBREVIATIONS.get(key);
  if (known !== undefined) return known;
  return setBounded(ABBREVIATIONS, key, dt.offsetNameShort ?? '');
}

/** "7:00 PM EDT". */
const timeWithZone = (dt: DateTime) => `${dt.toFormat(TIME)} ${zoneAbbreviation(dt)}`;

/** The zone an event's times are meant in: its own IANA zone, else the offset it was written with. */
function atVenue(value: string, event: Event): DateTime {
  const zone = event.timezone && isValidTimeZone(event.timezone) ? event.timezone : undefined;
  if (isDateOnly(value)) return DateTime.fromISO(value, { zone: 'UTC' }).setLocale('en-US');
  const dt = DateTime.fromISO(value, { setZone: true });
  return (zone ? dt.setZone(zone) : dt).setLocale('en-US');
}

/** The event's date (and time) in the venue's zone, as plain text. */
function eventDateText(event: Event): string {
  const start = atVenue(event.start, event);
  if (isDateOnly(event.start)) {
    const first = start.toFormat(DAY);
    if (!event.end || event.end === event.start || !isDateOnly(event.end)) return first;
    return `${first} – ${atVenue(event.end, event).toFormat(DAY)}`;
  }
  const first = `${start.toFormat(DAY)} · ${timeWithZone(start)}`;
  if (!event.end || isDateOnly(event.end)) return first;
  const end = atVenue(event.end, event);
  if (end.toMillis() <= start.toMillis()) return first;
  if (end.hasSame(start, 'day')) {
    const sameZone = zoneAbbreviation(end) === zoneAbbreviation(start);
    return `${start.toFormat(DAY)} · ${sameZone ? start.toFormat(TIME) : timeWithZone(start)} – ${timeWithZone(end)}`;
  }
  return `${first} – ${end.toFormat(DAY)} · ${timeWithZone(end)}`;
}

/** The city an IANA zone is named after ("America/Argentina/Buenos_Aires": "Buenos Aires"); none for UTC, Etc/…. */
function zoneCity(zone: string | undefined): string | undefined {
  if (!zone?.includes('/') || zone.startsWith('Etc/') || !isValidTimeZone(zone)) return undefined;
  return zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ');
}

/** Everything a door needs to show when an event is, decided once against `nowMs`. */
export function eventWhen(event: Event, nowMs: number, fallbackZone = 'UTC'): EventWhen {
  const venueCity = isDateOnly(event.start) ? undefined : zoneCity(event.timezone);
  return {
    upcoming: eventDeadlineMs(event, fallbackZone) > nowMs,
    allDay: isDateOnly(event.start),
    startMs: eventTimeToMillis(event.start, event.timezone, fallbackZone),
    text: eventDateText(event),
    ...(isDateOnly(event.start) ? {} : { venueTime: timeWithZone(atVenue(event.start, event)) }),
    ...(venueCity ? { venueCity } : {}),
  };
}

/** An instant as a person reads it in their `zone`: "Sunday, 14 March 2027 at 09:00 EDT". */
export function formatInZone(ms: number, zone: string): string {
  const z = isValidTimeZone(zone) ? zone : 'UTC';
  const dt = DateTime.fromMillis(ms, { zone: z }).setLocale('en-US');
  return `${dt.toFormat(LONG)} ${zoneAbbreviation(dt)}`;
}

/** Just the date of an instant in `zone`: "Sunday, 14 March 2027". */
export function formatDateInZone(ms: number, zone: string): string {
  const z = isValidTimeZone(zone) ? zone : 'UTC';
  return DateTime.fromMillis(ms, { zone: z }).setLocale('en-US').toFormat('cccc, d LLLL yyyy');
}
