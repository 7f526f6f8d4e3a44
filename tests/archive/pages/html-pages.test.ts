import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../src/archive/import-archive.js';
import { loadHtmlPage } from '../../../src/archive/pages/index.js';
import { formatProblem } from '../../../src/archive/types.js';
import { memoryContext } from '../../helpers/context.js';
import { tempDir } from '../../helpers/temp.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/pages');
const page = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const options = { now: new Date('2026-12-01T12:00:00Z'), defaultZone: 'America/Denver' };
const load = (name: string) => loadHtmlPage(page(name), name, options);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('schema.org Events in JSON-LD', () => {
  it('reads a top-level array (a Songkick concert page): name, offset, Place and address, performer, url', () => {
    const { events, problems, warnings } = load('songkick-elysian-fields-owl-music-parlor.html');
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      title: 'Elysian Fields',
      type: 'Music Event',
      start: '2015-10-31T19:30:00-04:00',
      location: 'The Owl Music Parlor, 497 Rogers Ave, Brooklyn, NY, 11225, US',
      speakers: [{ name: 'Elysian Fields' }],
      hosts: [],
      url: 'http://www.songkick.com/concerts/25248299-elysian-fields-at-owl-music-parlor?utm_medium=organic&utm_source=microformat',
      source: {
        file: 'songkick-elysian-fields-owl-music-parlor.html',
        line: lineOf(page('songkick-elysian-fields-owl-music-parlor.html'), 'application/ld+json'),
      },
    });
    expect(events[0].status).toBeUndefined();
  });

  it('finds the Event in an @graph and follows its @id reference to the Place; the WebPage is not an event', () => {
    const { events, problems } = load('songkick-tove-styrke-graph.html');
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.title, e.start, e.location, e.speakers.map((s) => s.name)])).toEqual([
      [
        'Tove Styrke',
        '2017-06-12T20:00:00+01:00',
        'Hoxton Square Bar & Kitchen, 2-4 Hoxton Square, London, N1 6NU, UK',
        ['Tove Styrke', 'Geowulf'],
      ],
    ]);
  });

  it('reads subtypes, organizers, descriptions with markup, and a postponed status', () => {
    const html = `<script type="application/ld+json">
      {"@context":"https://schema.org","@type":["EducationEvent"],"name":"Mediation &amp; the UN",
       "startDate":"2027-03-04T18:00:00+01:00","endDate":"2027-03-04T19:30:00+01:00",
       "eventStatus":"https://schema.org/EventPostponed","description":"<p>A talk on <b>mediation</b>.</p>",
       "organizer":[{"@type":"Organization","name":"Geneva Policy Forum"},"City of Geneva"],
       "location":{"@type":"VirtualLocation","url":"https://example.org/live"}}
    </script>`;
    const { events, problems } = loadHtmlPage(html, 'inline.html', options);
    expect(problems).toEqual([]);
    expect(events[0]).toMatchObject({
      title: 'Mediation & the UN',
      type: 'Education Event',
      end: '2027-03-04T19:30:00+01:00',
      status: 'postponed',
      summary: 'A talk on mediation.',
      hosts: ['Geneva Policy Forum', 'City of Geneva'],
      location: 'Online',
    });
  });

  it('refuses a page whose JSON-LD is not JSON, naming the script line, and a missing start by field', () => {
    const broken = loadHtmlPage(
      '<html>\n<head>\n<script type="application/ld+json">{"@type": "Event",</script>',
      'b.html',
      options,
    );
    expect(broken.events).toEqual([]);
    expect(broken.problems.map(formatProblem)[0]).toMatch(/^b\.html:3: JSON-LD: not valid JSON/);
    const undated = loadHtmlPage(
      '<script type="application/ld+json">{"@type":"Event","name":"Open Day"}</script>',
      'u.html',
      options,
    );
    expect(undated.problems.map(formatProblem)).toEqual(['u.html:1: start: is required']);
  });
});

describe('schema.org Events in microdata', () => {
  it('reads a cancelled event as cancelled, its time in the default zone (with a warning), not its Offer url', () => {
    const { events, problems, warnings } = load('schema-org-event-004.html');
    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      title: 'CANCELLED - Typhoon with Radiation City',
      status: 'cancelled',
      start: '2013-09-14T21:30:00-06:00',
      timezone: 'America/Denver',
      location: 'The Hi-Dive, 7 S. Broadway, Denver, CO, 80209',
    });
    expect(events[0].url).toBeUndefined();
    expect(warnings?.map(formatProblem)).toEqual([
      `schema-org-event-004.html:${lineOf(page('schema-org-event-004.html'), 'itemscope')}: startDate: "2013-09-14T21:30" has no UTC offset; read in America/Denver`,
    ]);
  });

  it('reads a subtype with meta and link properties, keeping the nested work’s creator out of the hosts', () => {
    const { events, problems } = load('schema-org-event-008.html');
    expect(problems).toEqual([]);
    expect(events[0]).toMatchObject({
      title: "Julius Caesar at Shakespeare's Globe",
      type: 'Theater Event',
      location: "Shakespeare's Globe, London, UK",
      hosts: [],
      speakers: [],
    });
  });

  it('leaves out a relative url the page gives no address for, and says so', () => {
    const { events, warnings } = load('schema-org-event-001.html');
    expect(events[0]).toMatchObject({
      title: 'Miami Heat at Philadelphia 76ers - Game 3 (Home Game 1)',
      location: 'Philadelphia, PA',
    });
    expect(events[0].url).toBeUndefined();
    expect(warnings?.map((w) => w.field)).toEqual(['startDate', 'url']);
  });
});

describe('pages with neither JSON-LD nor microdata', () => {
  it('are read as their text by the scraped-page reader: the seed page as HTML gives its four events, at HTML lines', () => {
    const seed = readFileSync(join(FIXTURES, '../archive/seed-page.txt'), 'utf8');
    const body = seed
      .split('\n')
      .map((line) => (line.trim() ? `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>` : ''))
      .join('\n');
    const html = `<!DOCTYPE html>\n<html><head><title>IPI</title><script>var tracking = "Panel Discussions - Monday, May 1, 2000";</script></head>\n<body><nav><a href="/">Home</a></nav>\n${body}\n</body></html>`;
    const { events, problems } = loadHtmlPage(html, 'seed.html', options);
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.start, e.title])).toEqual([
      ['2013-09-25', 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping'],
      ['2014-10-09', 'Rethinking Women and Forced Migration'],
      ['2014-10-09', "Africa: China's Second Continent"],
      ['2014-09-30', 'Vike-Freiberga: Rethinking the United Nations'],
    ]);
    expect(events[0].hosts).toEqual([
      'Government of Finland',
      'Government of Uruguay',
      'International Peace Institute',
    ]);
    expect(events[0].themes).toHaveLength(7);
    expect(events[0].source?.line).toBe(lineOf(html, '<p>Panel Discussions - Wednesday'));
  });

  it('with no dated text either are refused with a line, not a crash', () => {
    const { events, problems } = load('microformats-no-schema.html');
    expect(events).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^microformats-no-schema\.html:\d+: no schema\.org Event \(JSON-LD or microdata\), and no dated event found/,
      ),
    ]);
  });
});

describe('importing saved pages', () => {
  it('reads a folder of pages, skips a browser’s _files folder, and a bad page later leaves the stored events alone', async () => {
    const context = memoryContext();
    const dir = tempDir({
      'concerts/elysian.html': page('songkick-elysian-fields-owl-music-parlor.html'),
      'concerts/tove.htm': page('songkick-tove-styrke-graph.html'),
      'concerts/elysian_files/ad-frame.html': '<html><body>advert</body></html>',
      'cancelled.html': page('schema-org-event-004.html'),
    });
    const first = await importArchive([dir], context.store, options);
    expect(first).toMatchObject({ files: 3, added: 3, rejected: 0 });
    const cancelled = context.store.getById('2013-09-14-cancelled-typhoon-with-radiation-city');
    expect(cancelled?.status).toBe('cancelled');

    writeFileSync(
      join(dir, 'concerts/elysian.html'),
      '<script type="application/ld+json">{"@type":"Event",</script>',
    );
    const before = context.db.prepare('SELECT id, title FROM events ORDER BY id').all();
    const again = await importArchive([dir], context.store, options);
    expect(again.rejected).toBe(1);
    expect(again.problems.map(formatProblem)[0]).toMatch(/elysian\.html:1: JSON-LD: not valid JSON/);
    expect(context.db.prepare('SELECT id, title FROM events ORDER BY id').all()).toEqual(before);
    context.close();
  });
});
