import { describe, expect, it } from 'vitest';
import { extractDateRange } from '../../../src/core/search/date-phrases.js';

const now = new Date('2026-11-29T12:00:00Z'); // a Sunday
const iso = (ms: number, zone = 'UTC') =>
  new Date(ms).toLocaleString('sv-SE', { timeZone: zone }).replace(' ', 'T');

describe('extractDateRange', () => {
  it.each([
    [
      'peacekeeping september 2013',
      '2013-09-01T00:00:00',
      '2013-10-01T00:00:00',
      'peacekeeping',
      'September 2013',
    ],
    [
      'women peace security 2019',
      '2019-01-01T00:00:00',
      '2020-01-01T00:00:00',
      'women peace security',
      '2019',
    ],
    ['oct 9 2014 migration', '2014-10-09T00:00:00', '2014-10-10T00:00:00', 'migration', '9 October 2014'],
    ['last month', '2026-10-01T00:00:00', '2026-11-01T00:00:00', '', 'last month'],
    ['next week', '2026-11-30T00:00:00', '2026-12-07T00:00:00', '', 'next week'],
    ['this week', '2026-11-23T00:00:00', '2026-11-30T00:00:00', '', 'this week'],
    ['mediation last year', '2025-01-01T00:00:00', '2026-01-01T00:00:00', 'mediation', 'last year'],
    ['tomorrow', '2026-11-30T00:00:00', '2026-12-01T00:00:00', '', 'tomorrow'],
  ])('reads "%s"', (text, from, to, rest, label) => {
    const { range, rest: left } = extractDateRange(text, now, 'UTC');
    expect(iso(range!.fromMs)).toBe(from);
    expect(iso(range!.toMs)).toBe(to);
    expect(left).toBe(rest);
    expect(range!.label).toBe(label);
  });

  it('reads "in october" as the coming October when looking ahead, the last one when looking back', () => {
    expect(iso(extractDateRange('in october', now, 'UTC', 'future').range!.fromMs)).toBe(
      '2027-10-01T00:00:00',
    );
    expect(iso(extractDateRange('in october', now, 'UTC', 'past').range!.fromMs)).toBe('2026-10-01T00:00:00');
    expect(extractDateRange('in october', now, 'UTC', 'future').rest).toBe('');
  });

  it('computes bounds in the configured zone', () => {
    const { range } = extractDateRange('next week', now, 'America/New_York');
    expect(iso(range!.fromMs, 'America/New_York')).toBe('2026-11-30T00:00:00');
    expect(range!.fromMs).toBe(Date.parse('2026-11-30T05:00:00Z'));
  });

  it.each(['peace march', 'sun tzu strategy', 'resolution 1325', 'china second continent', 'may mediation'])(
    'leaves "%s" alone: a lone month word, a weekday or a resolution number is not a date',
    (text) => {
      expect(extractDateRange(text, now, 'UTC')).toEqual({ rest: text });
    },
  );
});
