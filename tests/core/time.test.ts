import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidDateTime, isValidTimeZone } from '../../src/core/time.js';

describe('isValidDateTime', () => {
  it('agrees with luxon on calendar edges, 24:00, fractions and offsets', () => {
    const dates = ['2020-02-29', '2021-02-29', '1900-02-29', '2000-02-29', '2020-04-31', '2020-12-31'];
    const bad = ['2020-13-01', '2020-00-10', '2020-01-00', '2020-01-32', '0000-01-01'];
    const times = [
      '00:00',
      '23:59',
      '24:00',
      '24:00:00',
      '24:00:00.000',
      '24:00:00.5',
      '24:30',
      '23:60',
      '23:59:60',
      '23:59:59.123456789',
      '25:00',
    ];
    const offsets = ['Z', '+00:00', '-05:30', '+0530', '+14', '+24:00', '+99', ''];
    const values = [...dates, ...bad, '2020-1-01', '20200101', ' 2020-01-01'];
    for (const date of [...dates, '0000-01-01'])
      for (const time of times) for (const offset of offsets) values.push(`${date}T${time}${offset}`);
    const disagreements = values.filter(
      (v) =>
        isValidDateTime(v) !==
        (/^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}(:?\d{2})?))?$/.test(v) &&
          DateTime.fromISO(v, { setZone: true }).isValid),
    );
    expect(disagreements).toEqual([]);
    expect(isValidDateTime('2020-02-29')).toBe(true);
    expect(isValidDateTime('2021-02-29')).toBe(false);
    expect(isValidDateTime('2020-12-31T24:00Z')).toBe(true);
    expect(isValidDateTime('2020-01-01T10:00')).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it('agrees with luxon on listed names, aliases, other spellings and nonsense', () => {
    const zones = ['UTC', 'Europe/Helsinki', 'America/New_York', 'US/Eastern', 'Asia/Calcutta', 'GMT'];
    const odd = ['europe/helsinki', 'Etc/GMT+5', 'utc', 'Europe/Atlantis', 'Mars/Olympus', '', 'Europe/'];
    for (const zone of [...zones, ...odd])
      expect(isValidTimeZone(zone), zone).toBe(IANAZone.isValidZone(zone));
  });
});
