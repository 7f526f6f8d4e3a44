import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, presetSpec, readClock, splitWhen } from '../../../src/core/reminders/when.js';

const NOW = new Date('2026-11-29T12:00:00Z'); // Sunday 07:00 in New York
const NY = 'America/New_York';

describe('splitWhen: relative to the event', () => {
  it.each([
    ['review of peace operations 1 day before', { kind: 'before', amount: 1, unit: 'days' }],
    ['review of peace operations 2h before', { kind: 'before', amount: 2, unit: 'hours' }],
    [
      'review of peace operations 30 minutes before it starts',
      { kind: 'before', amount: 30, unit: 'minutes' },
    ],
    ['review of peace operations an hour before', { kind: 'before', amount: 1, unit: 'hours' }],
    ['review of peace operations two weeks before', { kind: 'before', amount: 2, unit: 'weeks' }],
    ['review of peace operations the day before', { kind: 'before', amount: 1, unit: 'days' }],
    ['review of peace operations at 9am on the day', { kind: 'on-day', daysBefore: 0, hour: 9, minute: 0 }],
    [
      'review of peace operations on the day at 7:30 pm',
      { kind: 'on-day', daysBefore: 0, hour: 19, minute: 30 },
    ],
    ['review of peace operations on the day', { kind: 'on-day', daysBefore: 0, hour: 9, minute: 0 }],
    ['review of peace operations the morning of', { kind: 'on-day', daysBefore: 0, hour: 9, minute: 0 }],
    [
      'review of peace operations the day before at 18:00',
      { kind: 'on-day', daysBefore: 1, hour: 18, minute: 0 },
    ],
    [
      'review of peace operations 2 days before at noon',
      { kind: 'on-day', daysBefore: 2, hour: 12, minute: 0 },
    ],
    ['review of peace operations the evening before', { kind: 'on-day', daysBefore: 1, hour: 18, minute: 0 }],
    ['review of peace operations hour-before', { kind: 'before', amount: 1, unit: 'hours' }],
  ])('reads "%s"', (text, spec) => {
    expect(splitWhen(text, NOW, NY)).toEqual({ query: 'review of peace operations', spec });
  });
});

describe('splitWhen: absolute times, as wall-clock time in the user zone', () => {
  it('reads "tomorrow 9am" as 09:00 tomorrow in New York', () => {
    expect(splitWhen('review of peace operations tomorrow 9am', NOW, NY)).toEqual({
      query: 'review of peace operations',
      spec: { kind: 'at', atMs: Date.parse('2026-11-30T14:00:00Z') },
    });
  });

  it('reads "dec 3 14:00" and drops a dangling "on"', () => {
    expect(splitWhen('peace operations on dec 3 14:00', NOW, NY)).toEqual({
      query: 'peace operations',
      spec: { kind: 'at', atMs: Date.parse('2026-12-03T19:00:00Z') },
    });
  });

  it('gives a date across the DST change its own offset, not today’s', () => {
    // Today New York is on EST (-5); on 14 March 2027 it is on EDT (-4).
    expect(splitWhen('women mediators mar 14 9am', NOW, NY).spec).toEqual({
      kind: 'at',
      atMs: Date.parse('2027-03-14T13:00:00Z'),
    });
    expect(splitWhen('women mediators mar 14 9am', NOW, 'Europe/Berlin').spec).toEqual({
      kind: 'at',
      atMs: Date.parse('2027-03-14T08:00:00Z'),
    });
  });

  it('reads "in 10 minutes" as a span from now', () => {
    expect(splitWhen('peacekeeping in 10 minutes', NOW, NY).spec).toEqual({
      kind: 'at',
      atMs: NOW.getTime() + 10 * 60_000,
    });
  });

  it('leaves a trailing date without a time to the search', () => {
    expect(splitWhen('peacekeeping dec 3', NOW, NY)).toEqual({ query: 'peacekeeping dec 3' });
    expect(splitWhen('peacekeeping 2027', NOW, NY)).toEqual({ query: 'peacekeeping 2027' });
  });
});

describe('splitWhen: defaults and mistakes', () => {
  it('has no spec when no when was given, and the default is 1 day before', () => {
    expect(splitWhen('women mediators', NOW, NY)).toEqual({ query: 'women mediators' });
    expect(DEFAULT_SPEC).toEqual({ kind: 'before', amount: 1, unit: 'days' });
  });

  it.each([
    ['x 0 days before', /from 1 minute up to a year/],
    ['x 400 days before', /from 1 minute up to a year/],
    ['x 2 hours before at 9am', /goes with days before/],
    ['x on the day at 25:00', /couldn't read “25:00”/],
    ['x the day before at 13pm', /couldn't read “13pm”/],
  ])('explains what is wrong with "%s"', (text, problem) => {
    expect(splitWhen(text, NOW, NY).problem).toMatch(problem);
  });

  it('maps the card presets', () => {
    expect(presetSpec('day-before')).toEqual({ kind: 'before', amount: 1, unit: 'days' });
    expect(presetSpec('hour-before')).toEqual({ kind: 'before', amount: 1, unit: 'hours' });
    expect(presetSpec('morning-of')).toEqual({ kind: 'on-day', daysBefore: 0, hour: 9, minute: 0 });
  });

  it.each([
    ['9', { hour: 9, minute: 0 }],
    ['9am', { hour: 9, minute: 0 }],
    ['12am', { hour: 0, minute: 0 }],
    ['12pm', { hour: 12, minute: 0 }],
    ['9:30 p.m.', { hour: 21, minute: 30 }],
    ['18.45', { hour: 18, minute: 45 }],
    ['noon', { hour: 12, minute: 0 }],
    ['midnight', { hour: 0, minute: 0 }],
    ['24:00', undefined],
    ['9:60', undefined],
    ['0am', undefined],
  ])('reads the clock time "%s"', (text, clock) => {
    expect(readClock(text)).toEqual(clock);
  });
});
