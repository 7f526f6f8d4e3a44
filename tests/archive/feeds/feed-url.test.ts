import { describe, expect, it } from 'vitest';
import { isUrlEntry, parseFeedUrl } from '../../../src/archive/feeds/feed-url.js';

describe('feed URLs in EVENT_ARCHIVE', () => {
  it('tell URLs from paths, Windows drive letters included', () => {
    expect(isUrlEntry('https://calendar.google.com/calendar/ical/x/public/basic.ics')).toBe(true);
    expect(isUrlEntry(' webcal://p01-calendars.icloud.com/published/2/abc ')).toBe(true);
    expect(isUrlEntry('data/samples')).toBe(false);
    expect(isUrlEntry('C:\\archive\\events.ics')).toBe(false);
    expect(isUrlEntry('./https:/not-a-url.ics')).toBe(false);
  });

  it('fetch webcal over https, keeping the webcal name as the source', () => {
    expect(parseFeedUrl('webcal://p01-calendars.icloud.com/published/2/abc')).toEqual({
      ok: true,
      feed: {
        name: 'webcal://p01-calendars.icloud.com/published/2/abc',
        url: 'https://p01-calendars.icloud.com/published/2/abc',
      },
    });
    expect(parseFeedUrl('http://127.0.0.1:8080/basic.ics')).toMatchObject({
      feed: { url: 'http://127.0.0.1:8080/basic.ics' },
    });
  });

  it('hide a password in the name every message and source shows', () => {
    const parsed = parseFeedUrl('https://ops:s3cret@cms.example.org/events/?ical=1');
    expect(parsed).toEqual({
      ok: true,
      feed: {
        name: 'https://ops:***@cms.example.org/events/?ical=1',
        url: 'https://ops:s3cret@cms.example.org/events/?ical=1',
      },
    });
  });

  it('refuse other schemes and broken URLs, naming what to give instead', () => {
    expect(parseFeedUrl('ftp://example.org/cal.ics')).toMatchObject({
      ok: false,
      problem: {
        file: 'ftp://example.org/cal.ics',
        message: expect.stringMatching(/^ftp: feeds are not fetched; use an http/),
      },
    });
    expect(parseFeedUrl('https://')).toMatchObject({ ok: false, problem: { message: 'is not a valid URL' } });
  });
});
