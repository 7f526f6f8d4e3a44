import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarLinks } from '../../../src/core/reminders/calendar.js';
import { eventIcs } from '../../../src/core/reminders/calendar-file.js';
import { makeEvent } from '../../helpers/events.js';

const timed = makeEvent({
  id: 'forum',
  title: 'Peace, Security; and "Partnerships"',
  start: '2027-03-15T09:00:00-04:00',
  end: '2027-03-15T10:30:00-04:00',
  timezone: 'America/New_York',
  location: 'IPI, New York',
  url: 'https://example.org/forum',
  summary: 'A forum.',
});
const allDay = makeEvent({ id: 'conf', start: '2027-06-10', end: '2027-06-11', timezone: 'Europe/Berlin' });

describe('calendarLinks', () => {
  it('fills Google Calendar’s template with UTC times, title, place and link', () => {
    const google = new URL(calendarLinks(timed).google);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(google.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'Peace, Security; and "Partnerships"',
      dates: '20270315T130000Z/20270315T143000Z',
      details: 'https://example.org/forum\n\nA forum.',
      location: 'IPI, New York',
    });
  });

  it('gives whole days, end exclusive, for a date-only event', () => {
    expect(new URL(calendarLinks(allDay).google).searchParams.get('dates')).toBe('20270610/20270612');
    const outlook = new URL(calendarLinks(allDay).outlook).searchParams;
    expect([outlook.get('startdt'), outlook.get('enddt'), outlook.get('allday')]).toEqual([
      '2027-06-10',
      '2027-06-12',
      'true',
    ]);
  });

  it('makes a timed event without an end one hour long', () => {
    const outlook = new URL(calendarLinks({ ...timed, end: undefined }).outlook).searchParams;
    expect([outlook.get('startdt'), outlook.get('enddt')]).toEqual([
      '2027-03-15T13:00:00.000Z',
      '2027-03-15T14:00:00.000Z',
    ]);
  });
});

describe('eventIcs', () => {
  const parse = (text: string) =>
    new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);

  it('writes one VEVENT that reads back with the same title, times, place and a stable UID', () => {
    const text = eventIcs(timed, Date.parse('2027-03-01T12:00:00Z'));
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('SUMMARY:Peace\\, Security\\; and "Partnerships"');
    const vevent = parse(text);
    expect(vevent.uid).toBe('forum@event-archive-bot');
    expect(vevent.summary).toBe('Peace, Security; and "Partnerships"');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2027-03-15T14:30:00.000Z');
    expect(vevent.location).toBe('IPI, New York');
  });

  it('writes a date-only event as all-day dates', () => {
    const vevent = parse(eventIcs(allDay, 0));
    expect([vevent.startDate.isDate, vevent.startDate.toString(), vevent.endDate.toString()]).toEqual([
      true,
      '2027-06-10',
      '2027-06-12',
    ]);
  });
});
