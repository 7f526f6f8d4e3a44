import { describe, expect, it } from 'vitest';
import { extractUpcomingRange } from '../../../src/core/search/upcoming-range.js';

const now = new Date('2026-11-30T02:00:00Z'); // Monday in UTC
const iso = (ms: number, zone = 'UTC') =>
  new Date(ms).toLocaleString('sv-SE', { timeZone: zone }).replace(' ', 'T');

describe('extractUpcomingRange', () => {
  it.each([
    ['next 2 weeks', '2026-11-30T02:00:00', '2026-12-14T00:00:00', ''],
    ['next 30 days mediation', '2026-11-30T02:00:00', '2026-12-30T00:00:00', 'mediation'],
    ['this weekend', '2026-12-05T00:00:00', '2026-12-07T00:00:00', ''],
    ['next weekend', '2026-12-12T00:00:00', '2026-12-14T00:00:00', ''],
    ['next tuesday', '2026-12-01T00:00:00', '2026-12-02T00:00:00', ''],
    ['next monday', '2026-12-07T00:00:00', '2026-12-08T00:00:00', ''],
    ['december', '2026-12-01T00:00:00', '2027-01-01T00:00:00', ''],
    ['november', '2026-11-30T02:00:00', '2026-12-01T00:00:00', ''],
    ['this month geneva', '2026-11-30T02:00:00', '2026-12-01T00:00:00', 'geneva'],
    ['tomorrow', '2026-12-01T00:00:00', '2026-12-02T00:00:00', ''],
  ])('reads "%s"', (text, from, to, rest) => {
    const { range, rest: left } = extractUpcomingRange(text, now, 'UTC');
    expect(iso(range!.fromMs)).toBe(from);
    expect(iso(range!.toMs)).toBe(to);
    expect(left).toBe(rest);
  });

  it("reads days in the asker's zone", () => {
    const { range } = extractUpcomingRange('tomorrow', now, 'America/New_York');
    expect(iso(range!.fromMs, 'America/New_York')).toBe('2026-11-30T00:00:00');
  });

  it('leaves topic words alone', () => {
    expect(extractUpcomingRange('mediation', now, 'UTC')).toEqual({ rest: 'mediation' });
  });
});
