import { describe, expect, it } from 'vitest';
import { describeRecurrence, nextLabel } from '../../../src/core/search/recurrence.js';

/** `count` starts `stepDays` apart from `first` (an ISO instant). */
const every = (first: string, stepDays: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(first) + i * stepDays * 86_400_000).toISOString(),
  );

describe('how a recurring series repeats, read from its dates', () => {
  it('names a weekly day, every other week and every n weeks', () => {
    expect(describeRecurrence(every('2026-11-30T14:00:00Z', 7, 6), 'UTC')).toBe('every Monday');
    expect(describeRecurrence(every('2026-12-03T14:00:00Z', 14, 4), 'UTC')).toBe('every other Thursday');
    expect(describeRecurrence(every('2026-12-03T14:00:00Z', 28, 4), 'UTC')).toBe('every 4 weeks on Thursday');
  });

  it("reads the day in the reader's zone: Monday 23:00 UTC is Tuesday in Tokyo", () => {
    const starts = every('2026-11-30T23:00:00Z', 7, 4);
    expect(describeRecurrence(starts, 'UTC')).toBe('every Monday');
    expect(describeRecurrence(starts, 'Asia/Tokyo')).toBe('every Tuesday');
    // An all-day series is its dates wherever the reader is.
    expect(describeRecurrence(['2026-11-30', '2026-12-07', '2026-12-14'], 'Pacific/Kiritimati')).toBe(
      'every Monday',
    );
  });

  it('stays weekly when an occurrence was cancelled (EXDATE leaves a two-week gap)', () => {
    const starts = every('2026-11-30T14:00:00Z', 7, 6).filter((_, i) => i !== 2);
    expect(describeRecurrence(starts, 'UTC')).toBe('every Monday');
  });

  it('names daily, weekday, several weekdays and monthly rules', () => {
    expect(describeRecurrence(every('2026-12-01T08:00:00Z', 1, 5), 'UTC')).toBe('every day');
    const weekdays = every('2026-11-30T08:00:00Z', 1, 12).filter(
      (s) => ![0, 6].includes(new Date(s).getUTCDay()),
    );
    expect(describeRecurrence(weekdays, 'UTC')).toBe('every weekday');
    const monWed = every('2026-11-30T08:00:00Z', 1, 21).filter((s) =>
      [1, 3].includes(new Date(s).getUTCDay()),
    );
    expect(describeRecurrence(monWed, 'UTC')).toBe('every Monday and Wednesday');
    expect(describeRecurrence(['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05'], 'UTC')).toBe(
      'every month on the 5th',
    );
    // The first Tuesday of January, February and March 2027.
    expect(describeRecurrence(['2027-01-05', '2027-02-02', '2027-03-02'], 'UTC')).toBe(
      'every month on the first Tuesday',
    );
  });

  it('says nothing for two dates or an irregular series', () => {
    expect(describeRecurrence(every('2026-11-30T14:00:00Z', 7, 2), 'UTC')).toBeUndefined();
    expect(
      describeRecurrence(['2026-01-05', '2026-01-09', '2026-03-17', '2026-03-18'], 'UTC'),
    ).toBeUndefined();
  });

  it('gives the next date in the reader zone, with the year only when it is not this one', () => {
    const now = Date.parse('2026-11-30T02:00:00Z');
    expect(nextLabel('2026-12-07T14:00:00Z', 'UTC', now)).toBe('next 7 Dec');
    expect(nextLabel('2026-12-07T23:30:00Z', 'Asia/Tokyo', now)).toBe('next 8 Dec');
    expect(nextLabel('2027-01-04', 'UTC', now)).toBe('next 4 Jan 2027');
  });
});
