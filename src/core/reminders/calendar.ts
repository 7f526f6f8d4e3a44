import { DateTime } from 'luxon';
import type { Event } from '../model.js';
import { isDateOnly } from '../time.js';
import { eventStartMs } from './schedule.js';

/** A timed event without an end is put in calendars as one hour long. */
const DEFAULT_LENGTH_MS = 60 * 60_000;
/** Calendar links carry the start of the summary only: URLs have practical length limits. */
const DETAILS_CHARS = 300;

type Span =
  | { allDay: true; first: string; afterLast: string }
  | { allDay: false; startMs: number; endMs: number };

/** The event's extent as calendars want it: whole days (end exclusive), or two instants. */
export function spanOf(event: Event, fallbackZone: string): Span {
  if (isDateOnly(event.start)) {
    const first = DateTime.fromISO(event.start, { zone: 'UTC' });
    const last = event.end && isDateOnly(event.end) ? DateTime.fromISO(event.end, { zone: 'UTC' }) : first;
    return { allDay: true, first: first.toISODate()!, afterLast: last.plus({ days: 1 }).toISODate()! };
  }
  const startMs = eventStartMs(event, fallbackZone);
  const endMs = event.end && !isDateOnly(event.end) ? Date.parse(event.end) : startMs + DEFAULT_LENGTH_MS;
  return { allDay: false, startMs, endMs };
}

/** What a calendar entry says of the event: its link and the start of its summary. */
export function details(event: Event): string {
  const summary =
    event.summary.length > DETAILS_CHARS ? `${event.summary.slice(0, DETAILS_CHARS)}…` : event.summary;
  return [event.url, summary].filter(Boolean).join('\n\n');
}

/** "Add to calendar" links that need nothing hosted: Google Calendar's and Outlook's compose pages. */
export function calendarLinks(event: Event, fallbackZone = 'UTC'): { google: string; outlook: string } {
  const span = spanOf(event, fallbackZone);
  const utc = (ms: number) => DateTime.fromMillis(ms, { zone: 'UTC' });
  const google = new URL('https://calendar.google.com/calendar/render');
  google.searchParams.set('action', 'TEMPLATE');
  google.searchParams.set('text', event.title);
  google.searchParams.set(
    'dates',
    span.allDay
      ? `${span.first.replace(/-/g, '')}/${span.afterLast.replace(/-/g, '')}`
      : `${utc(span.startMs).toFormat("yyyyMMdd'T'HHmmss'Z'")}/${utc(span.endMs).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
  );
  const text = details(event);
  if (text) google.searchParams.set('details', text);
  if (event.location) google.searchParams.set('location', event.location);

  const outlook = new URL('https://outlook.office.com/calendar/0/deeplink/compose');
  outlook.searchParams.set('path', '/calendar/action/compose');
  outlook.searchParams.set('rru', 'addevent');
  outlook.searchParams.set('subject', event.title);
  outlook.searchParams.set('startdt', span.allDay ? span.first : utc(span.startMs).toISO()!);
  outlook.searchParams.set('enddt', span.allDay ? span.afterLast : utc(span.endMs).toISO()!);
  outlook.searchParams.set('allday', String(span.allDay));
  if (event.location) outlook.searchParams.set('location', event.location);
  if (text) outlook.searchParams.set('body', text);
  return { google: google.toString(), outlook: outlook.toString() };
}
