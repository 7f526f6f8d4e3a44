import { DateTime, IANAZone, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidDateTime, isValidTimeZone, startOfDay } from '../../src/core/time.js';

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

describe('startOfDay', () => {
  const luxon = (date: string, zone: string) => DateTime.fromISO(date, { zone }).startOf('day').toMillis();
  const days = (from: string, count: number, step = 1) =>
    Array.from({ length: count }, (_, i) =>
      new Date(Date.parse(from) + i * step * 86_400_000).toISOString().slice(0, 10),
    );

  it('gives the instant luxon gives in every zone the runtime lists, on dates across a century', () => {
    const dates = [...days('1950-01-01', 40, 911), '2020-02-29', '2021-02-29', '2020-04-31', '0099-06-01'];
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'utc', 'Etc/GMT+5', 'UTC+3', 'Mars/Olympus'];
    for (const zone of zones)
      for (const date of dates) expect(startOfDay(date, zone), `${date} ${zone}`).toBe(luxon(date, zone));
  });

  it('gives what luxon gives on every day of zones whose clocks change at midnight, whatever the day now is', () => {
    // These skip or repeat midnight on some days, where luxon's answer depends on its guess from "now".
    const zones = [
      'America/Santiago',
      'America/Havana',
      'Asia/Beirut',
      'America/Asuncion',
      'Africa/Cairo',
      'Asia/Tehran',
      'America/Sao_Paulo',
      'Asia/Gaza',
      'Europe/Chisinau',
      'America/Scoresbysund',
    ];
    const saved = Settings.now;
    try {
      for (const now of [Date.parse('2026-01-15T12:00:00Z'), Date.parse('2026-07-15T12:00:00Z')]) {
        Settings.now = () => now;
        for (const zone of zones)
          for (const date of [...days('1998-01-01', 730), ...days('2022-01-01', 1095)])
            expect(startOfDay(date, zone), `${date} ${zone} now ${new Date(now).toISOString()}`).toBe(
              luxon(date, zone),
            );
      }
    } finally {
      Settings.now = saved;
    }
  });
});
