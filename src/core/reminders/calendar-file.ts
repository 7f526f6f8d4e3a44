import ICAL from 'ical.js';
import type { Event } from '../model.js';
import { details, spanOf } from './calendar.js';

/**
 * The event as an iCalendar file with one VEVENT (RFC 5545), for "Add to calendar" downloads: times in
 * UTC, a date-only event as all-day dates, and a UID stable per event so a second import updates the first.
 */
export function eventIcs(event: Event, nowMs: number, fallbackZone = 'UTC'): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//event-archive-bot//reminders//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  const vevent = new ICAL.Component('vevent');
  const ics = new ICAL.Event(vevent);
  ics.uid = `${event.id}@event-archive-bot`;
  vevent.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(nowMs), true));
  ics.summary = event.title;
  const span = spanOf(event, fallbackZone);
  if (span.allDay) {
    ics.startDate = ICAL.Time.fromDateString(span.first);
    ics.endDate = ICAL.Time.fromDateString(span.afterLast);
  } else {
    ics.startDate = ICAL.Time.fromJSDate(new Date(span.startMs), true);
    ics.endDate = ICAL.Time.fromJSDate(new Date(span.endMs), true);
  }
  if (event.location) ics.location = event.location;
  const text = details(event);
  if (text) ics.description = text;
  if (event.url) vevent.updatePropertyWithValue('url', event.url);
  calendar.addSubcomponent(vevent);
  return calendar.toString();
}
