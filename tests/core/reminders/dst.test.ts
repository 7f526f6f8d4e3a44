import { describe, expect, it } from 'vitest';
import type { ReminderSpec } from '../../../src/core/reminders/model.js';
import { computeDue, eventDeadlineMs } from '../../../src/core/reminders/schedule.js';
import { formatInZone } from '../../../src/core/when-text.js';
import { makeEvent } from '../../helpers/events.js';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const dayBefore: ReminderSpec = { kind: 'before', amount: 1, unit: 'days' };
const twoDaysBefore: ReminderSpec = { kind: 'before', amount: 2, unit: 'days' };
const due = (spec: ReminderSpec, start: string, timezone: string, zone = timezone) => {
  const result = computeDue(spec, makeEvent({ start, timezone, end: undefined }), zone);
  if ('problem' in result) throw new Error(result.problem);
  return { utc: new Date(result.dueMs).toISOString(), local: formatInZone(result.dueMs, zone) };
};

describe('reminder times across DST, America/New_York (switches 2027-03-14 and 2027-11-07)', () => {
  it('"1 day before" a Monday 09:00 event is Sunday 09:00 local, on the day the clocks moved', () => {
    expect(due(dayBefore, '2027-03-15T09:00:00-04:00', NY)).toEqual({
      utc: '2027-03-14T13:00:00.000Z',
      local: 'Sunday, 14 March 2027 at 09:00 EDT',
    });
  });

  it('"2 days before" the same event is Saturday 09:00 EST, not 48 hours earlier (08:00)', () => {
    expect(due(twoDaysBefore, '2027-03-15T09:00:00-04:00', NY)).toEqual({
      utc: '2027-03-13T14:00:00.000Z',
      local: 'Saturday, 13 March 2027 at 09:00 EST',
    });
  });

  it('"1 day before" a Sunday event after the spring switch keeps the clock time', () => {
    expect(due(dayBefore, '2027-03-14T10:00:00-04:00', NY).local).toBe(
      'Saturday, 13 March 2027 at 10:00 EST',
    );
  });

  it('"1 day before" a Sunday event after the autumn switch keeps the clock time', () => {
    expect(due(dayBefore, '2027-11-07T10:00:00-05:00', NY)).toEqual({
      utc: '2027-11-06T14:00:00.000Z',
      local: 'Saturday, 6 November 2027 at 10:00 EDT',
    });
  });

  it('"2h before" is an exact duration, even across the missing hour', () => {
    // 03:30 EDT on the switch day is 07:30Z; two real hours earlier is 00:30 EST.
    expect(due({ kind: 'before', amount: 2, unit: 'hours' }, '2027-03-14T03:30:00-04:00', NY)).toEqual({
      utc: '2027-03-14T05:30:00.000Z',
      local: 'Sunday, 14 March 2027 at 00:30 EST',
    });
  });

  it('a clock time that does not exist on the switch day moves forward by the gap', () => {
    const spec: ReminderSpec = { kind: 'on-day', daysBefore: 0, hour: 2, minute: 30 };
    expect(due(spec, '2027-03-14T12:00:00-04:00', NY).local).toBe('Sunday, 14 March 2027 at 03:30 EDT');
  });
});

describe('reminder times across DST, Europe/Berlin (switches 2027-03-28 and 2027-10-31)', () => {
  it('"1 day before" a Monday 09:00 event after the spring switch is Sunday 09:00 CEST', () => {
    expect(due(dayBefore, '2027-03-29T09:00:00+02:00', BERLIN)).toEqual({
      utc: '2027-03-28T07:00:00.000Z',
      local: 'Sunday, 28 March 2027 at 09:00 GMT+2',
    });
  });

  it('"1 day before" a Sunday event on the spring switch day is Saturday, same clock time, one hour more UTC', () => {
    expect(due(dayBefore, '2027-03-28T10:00:00+02:00', BERLIN)).toEqual({
      utc: '2027-03-27T09:00:00.000Z',
      local: 'Saturday, 27 March 2027 at 10:00 GMT+1',
    });
  });

  it('"1 day before" a Sunday event on the autumn switch day is Saturday, same clock time', () => {
    expect(due(dayBefore, '2027-10-31T10:00:00+01:00', BERLIN)).toEqual({
      utc: '2027-10-30T08:00:00.000Z',
      local: 'Saturday, 30 October 2027 at 10:00 GMT+2',
    });
  });

  it('"at 9am on the day" of a switch-day event is 09:00 after the switch', () => {
    const spec: ReminderSpec = { kind: 'on-day', daysBefore: 0, hour: 9, minute: 0 };
    expect(due(spec, '2027-03-28T14:00:00+02:00', BERLIN).utc).toBe('2027-03-28T07:00:00.000Z');
  });
});

describe('the reader’s zone decides calendar days', () => {
  it('"1 day before" a New York event read in Berlin keeps Berlin’s clock time', () => {
    // 09:00 EDT on 15 March is 14:00 in Berlin (still CET); a day earlier in Berlin is 14:00 CET.
    expect(due(dayBefore, '2027-03-15T09:00:00-04:00', NY, BERLIN)).toEqual({
      utc: '2027-03-14T13:00:00.000Z',
      local: 'Sunday, 14 March 2027 at 14:00 GMT+1',
    });
  });

  it('"at 9am on the day" is 9am on the event’s date as the reader sees it', () => {
    const spec: ReminderSpec = { kind: 'on-day', daysBefore: 0, hour: 9, minute: 0 };
    // 19:00 EDT on 22 September is 01:00 on 23 September in Berlin.
    expect(due(spec, '2027-09-22T19:00:00-04:00', NY, BERLIN).local).toBe(
      'Thursday, 23 September 2027 at 09:00 GMT+2',
    );
  });
});

describe('date-only events', () => {
  const allDay = makeEvent({ start: '2027-06-10', end: '2027-06-11', timezone: BERLIN });

  it('fire day spans at 09:00 on that day, in the reader’s zone', () => {
    const result = computeDue(dayBefore, allDay, NY);
    expect('dueMs' in result && formatInZone(result.dueMs, NY)).toBe('Wednesday, 9 June 2027 at 09:00 EDT');
  });

  it('refuse hour spans: there is no start time to count from', () => {
    expect(computeDue({ kind: 'before', amount: 2, unit: 'hours' }, allDay, NY)).toEqual({
      problem: expect.stringMatching(/has a date but no start time/),
    });
  });

  it('are still useful until their first day is over in their own zone', () => {
    expect(new Date(eventDeadlineMs(allDay)).toISOString()).toBe('2027-06-10T22:00:00.000Z');
  });
});
