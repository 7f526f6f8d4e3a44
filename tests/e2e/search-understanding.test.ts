import { join } from 'node:path';
import type { App, BlockAction, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type AppContext, createContext, loadConfiguredArchive } from '../../src/context.js';
import { runAction, runEventCommand } from '../../src/core/commands/index.js';
import type { CommandResult, Reply } from '../../src/core/commands/reply.js';
import { buildDigest, digestEvents } from '../../src/core/reminders/digest.js';
import type { Subscription } from '../../src/core/reminders/model.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { SlackIds } from '../../src/slack/ids.js';
import { blockActions, type FakeSlack, slashCommand, startFakeSlack } from '../../support/fake-slack.js';
import { fixedClock } from '../helpers/context.js';
import { memoryLogger, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';
import { interactives, texts } from '../slack/views/inspect.js';

// Issue 9, points 1–12, each through the use-case and through the Slack door (app.processEvent, the
// fake Web API on 127.0.0.1 answering users.info with America/New_York).
const FIXTURE = join('tests', 'fixtures', 'search', 'understanding.jsonl');
/** Monday 30 November in UTC (the configured zone), still Sunday evening in New York. */
const NOW = '2026-11-30T02:00:00Z';

const config = (extra: Record<string, string> = {}) =>
  loadConfig({
    EVENT_DB: ':memory:',
    EVENT_ARCHIVE: FIXTURE,
    EVENT_TIMEZONE: 'UTC',
    LOG_LEVEL: 'warn',
    ...extra,
  });

let context: AppContext;
beforeAll(async () => {
  context = createContext(config(), { clock: fixedClock(NOW) });
  expect((await loadConfiguredArchive(context)).rejected).toBe(0);
});
afterAll(() => context.close());

const run = (text: string, extra: { offset?: number; userZone?: string } = {}) =>
  runEventCommand({ text, userId: 'U0ASKER', ...extra }, context.commands);
const as = <K extends Reply['kind']>(result: CommandResult, kind: K) => {
  expect(result.reply.kind, JSON.stringify(result.reply).slice(0, 300)).toBe(kind);
  return result.reply as Extract<Reply, { kind: K }>;
};
const best = async (text: string, extra = {}) => as(await run(text, extra), 'event');
const listed = async (text: string, extra = {}) => as(await run(text, extra), 'list');
/** A weekly digest of "briefing" in this channel, due now. */
const briefingDigest = {
  id: 's1',
  channelId: 'C1',
  createdBy: 'U1',
  query: 'briefing',
  schedule: { cadence: 'weekly', weekday: 1, hour: 8, minute: 0 },
  zone: 'UTC',
  postWhenEmpty: false,
  state: 'active',
  runMs: Date.parse(NOW),
  attempts: 0,
  createdMs: 0,
} as Subscription;
const idsOf = (reply: Extract<Reply, { kind: 'list' }>) => reply.items.map((i) => i.event.id);

describe('search through the use-case', () => {
  it('1. matches multi-word phrases as typed, in straight, curly and guillemet quotes', async () => {
    for (const text of [
      '"forced migration"',
      '“forced migration”',
      '«forced migration»',
      '"forced migration',
    ]) {
      const reply = await best(text);
      expect(reply.event.id).toBe('forced-migration');
      expect(reply.more.map((m) => m.event.id)).not.toContain('migration-forced');
    }
    expect((await best('“a fresh dialogue on un peacekeeping”')).event.id).toBe('fresh-dialogue');
  });

  it('2. finds numbers, ordinals and short codes, and reads subcommand words only as subcommands', async () => {
    expect((await best('TEST 3')).event.id).toBe('test-3');
    expect((await best('C-34')).event.id).toBe('c-34');
    expect((await best('g20 fragile states')).event.id).toBe('g20');
    expect((await best('resolution 2250')).event.id).toBe('res-2250');
    expect((await best('10th annual forum')).event.id).toBe('tenth-forum');
    // An ordinal spelt out finds the number, and the other way round.
    expect((await best('tenth')).event.id).toBe('tenth-forum');
    expect((await best('next steps for mediation')).event.id).toBe('next-steps');
    expect((await best('share of forced migration')).event.id).toBe('forced-migration');
    expect((await listed('next week')).heading).toMatch(/^Upcoming events, next week/);
  });

  it('2. cuts a long pasted query at a word boundary and still finds the event', async () => {
    const long = `Forced Migration in the Sahel ${'and the many reasons people leave '.repeat(12)}`;
    const reply = await best(long);
    expect(reply.event.id).toBe('forced-migration');
    expect(reply.heading).toMatch(/long, so I used its first words/);
  });

  it('3. narrows by a date only where it reads as one, and falls back with a note when it holds nothing', async () => {
    expect((await best('africa today')).event.id).toBe('africa-today');
    const dated = await best('mediation 2022');
    expect(dated.event.id).toBe('next-steps');
    expect(dated.heading).toMatch(/Within 2022/);
    const fallback = await best('forced migration 2030');
    expect(fallback.event.id).toBe('forced-migration');
    expect(fallback.heading).toMatch(/Nothing within 2030, so these are from any date/);
  });

  it('4. reads questions: scaffolding off, hosts and speakers named, "how many" counted', async () => {
    expect((await best('what did we host on forced migration?')).event.id).toBe('forced-migration');
    expect((await best('who spoke at the fresh dialogue on peacekeeping')).event.id).toBe('fresh-dialogue');
    expect((await best('events co-hosted with norway')).event.id).toBe('fresh-dialogue');
    expect((await best('was there anything about internally displaced persons')).event.id).toBe(
      'idp-protection',
    );
    const counted = await listed('how many events on peacebuilding?');
    expect(counted.heading).toMatch(/^10 events · 1–8/);
    const starts = counted.items.map((i) => i.event.start);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('5. knows acronyms the archive defines or implies and the field table, singular and plural', async () => {
    const wps = await best('wps');
    expect([wps.event.id, ...wps.more.map((m) => m.event.id)].sort()).toEqual(['wps-agendas', 'wps-twenty']);
    expect((await best('IDPs')).event.id).toBe('idp-protection');
    expect((await best('yps resolution')).event.id).toBe('res-2250');
  });

  it('6. matches places with where: and with place words', async () => {
    expect((await best('where:dakar')).event.id).toBe('forced-migration');
    expect((await best('migration dakar')).event.id).toBe('forced-migration');
    expect((await best('where:geneva displaced')).event.id).toBe('idp-protection');
  });

  it('7. opens the card of a pasted event URL or id', async () => {
    for (const url of [
      'https://www.example.org/events/fresh-dialogue/',
      'http://example.org/events/fresh-dialogue',
      'https://www.example.org/events/fresh-dialogue?utm_source=slack',
      'see <https://www.example.org/events/fresh-dialogue/> please',
    ])
      expect((await best(url)).event.id).toBe('fresh-dialogue');
    expect((await best('idp-protection')).event.id).toBe('idp-protection');
  });

  it('8. gives totals and pages to the end, each match once', async () => {
    const first = await best('peacebuilding seminar');
    expect(first.heading).toMatch(/10 events · 1–5/);
    expect(first.position?.total).toBe(10);
    const seen = [first.event.id, ...first.more.map((m) => m.event.id)];
    let next = first.actions.find((a) => a.kind === 'page' && a.direction === 'next');
    while (next) {
      const page = (await runAction(next, context.commands, 'U0ASKER')).reply;
      if (page.kind !== 'event') throw new Error(`page was ${page.kind}`);
      seen.push(page.event.id, ...page.more.map((m) => m.event.id));
      next = page.actions.find((a) => a.kind === 'page' && a.direction === 'next');
    }
    expect(seen.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `seminar-${i + 1}`).sort());
  });

  it("8. lists a theme's events newest first with the total, paging to the last", async () => {
    const first = await listed('theme local ownership');
    expect(first.heading).toMatch(/· 10 events · 1–8$/);
    const next = first.actions.find((a) => a.kind === 'page' && a.direction === 'next');
    if (!next) throw new Error('no Next on the first page');
    const second = as(await runAction(next, context.commands, 'U0ASKER'), 'list');
    expect(second.heading).toMatch(/· 10 events · 9–10$/);
    expect(second.actions.some((a) => a.kind === 'page' && a.direction === 'next')).toBe(false);
    const ids = [...idsOf(first), ...idsOf(second)];
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `seminar-${10 - i}`));
  });

  it('8. offers a picker with roles and counts for a shared surname; a pick lists that person newest first', async () => {
    const picker = as(await run('speaker smith'), 'people');
    expect(picker.people.map((p) => [p.name, p.role, p.count])).toEqual([
      ['Jane Smith', 'Director, Peace Institute', 11],
      ['John Smith', 'Professor', 3],
    ]);
    const jane = picker.people[0].action;
    expect(jane.kind === 'suggest' && jane.label).toBe('Jane Smith · Director, Peace Institute · 11 events');
    const page1 = as(await runAction(jane, context.commands, 'U0ASKER'), 'list');
    expect(page1.heading).toBe('Events with Jane Smith · 11 events · 1–8');
    const starts = page1.items.map((i) => i.event.start);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(page1.items[0].why).toBe('Jane Smith · Director, Peace Institute');
    expect(page1.items.find((i) => i.event.id === 'fresh-dialogue')?.why).toBe('Jane Smith · Ambassador');
    const next = page1.actions.find((a) => a.kind === 'page' && a.direction === 'next');
    if (!next) throw new Error('no Next on the first page');
    const page2 = as(await runAction(next, context.commands, 'U0ASKER'), 'list');
    expect(page2.heading).toBe('Events with Jane Smith · 11 events · 9–11');
    expect(idsOf(page2)).toEqual(['seminar-3', 'seminar-2', 'seminar-1']);
    // A whole name picks the one person; a first name alone is not John's.
    expect(idsOf(as(await run('speaker john smith'), 'list'))).toEqual([
      'seminar-5',
      'seminar-3',
      'arms-control',
    ]);
  });

  it('9. never breaks a filter with a series occurrence, finds a renamed instance, lists a series once', async () => {
    const inDecember = await best('monday briefing after:2026-12-10 before:2026-12-20');
    expect(inDecember.event.id).toBe('briefing-2026-12-14');
    expect((await best('year-end special briefing')).event.id).toBe('briefing-2026-12-28');
    const upcoming = await listed('upcoming');
    expect(idsOf(upcoming).filter((id) => id.startsWith('briefing-'))).toEqual(['briefing-2026-11-30']);
    const digest = digestEvents(briefingDigest, context.commands.index, Date.parse(NOW), Date.parse(NOW));
    expect(digest.map((h) => h.event.id).filter((id) => id.startsWith('briefing-'))).toEqual([
      'briefing-2026-11-30',
    ]);
  });

  it('9. shows a series once in upcoming and digests with how it repeats, and its dates on request', async () => {
    const upcoming = await listed('upcoming');
    const briefing = upcoming.items.find((i) => i.event.series === 'monday-briefing');
    expect(briefing?.repeats).toBe('every Monday · next 30 Nov');
    expect(upcoming.items.filter((i) => i.repeats)).toHaveLength(1);
    const dates = upcoming.actions.find((a) => a.kind === 'suggest' && a.page.subcommand === 'series');
    if (!dates) throw new Error('no Dates action');
    expect(dates.kind === 'suggest' && dates.label).toBe('Dates: Monday Briefing');
    const listed9 = as(await runAction(dates, context.commands, 'U0ASKER'), 'list');
    expect(listed9.heading).toBe('Monday Briefing · every Monday · 5 upcoming dates · 1–5');
    expect(idsOf(listed9)).toEqual([
      'briefing-2026-11-30',
      'briefing-2026-12-07',
      'briefing-2026-12-14',
      'briefing-2026-12-21',
      'briefing-2026-12-28',
    ]);
    // Read in the asker's zone: 14:00 UTC on Mondays is still Monday in New York, Tuesday never.
    const later = await listed('upcoming', { userZone: 'Pacific/Kiritimati' });
    expect(later.items.find((i) => i.event.series)?.repeats).toBe('every Tuesday · next 1 Dec');
    const digest = buildDigest(briefingDigest, context.commands.index, Date.parse(NOW), Date.parse(NOW));
    expect(digest?.items.map((i) => [i.event.id, i.repeats])).toEqual([
      ['briefing-2026-11-30', 'every Monday · next 30 Nov'],
    ]);
    expect(digest?.actions).toEqual([dates]);
  });

  it('10. reads upcoming ranges, counts the current month, and combines topic and place words', async () => {
    expect(idsOf(await listed('upcoming next 2 weeks'))).toEqual([
      'briefing-2026-11-30',
      'climate-roundtable',
      'mediation-workshop',
    ]);
    expect(idsOf(await listed('upcoming this weekend'))).toEqual(['mediation-workshop']);
    expect(idsOf(await listed('upcoming next tuesday'))).toEqual(['climate-roundtable']);
    expect(idsOf(await listed('upcoming december'))).toEqual([
      'climate-roundtable',
      'mediation-workshop',
      'briefing-2026-12-07',
      'cyber-dinner',
    ]);
    // The current month counts: "november" on 30 November is what is left of it, not next year's.
    expect(idsOf(await listed('upcoming november'))).toEqual(['briefing-2026-11-30']);
    expect(idsOf(await listed('upcoming december'))).not.toContain('outlook-2027');
    expect(idsOf(await listed('upcoming mediation'))).toEqual(['mediation-workshop']);
    expect(idsOf(await listed('upcoming geneva'))).toEqual(['mediation-workshop']);
    expect(idsOf(await listed('upcoming next 30 days roundtable'))).toEqual(['climate-roundtable']);
  });

  it("11. reads date phrases in the asker's zone", async () => {
    expect(idsOf(await listed('upcoming tomorrow'))).toEqual(['climate-roundtable']);
    expect(idsOf(await listed('upcoming tomorrow', { userZone: 'America/New_York' }))).toEqual([
      'briefing-2026-11-30',
    ]);
  });

  it('12. corrects typos towards archive words and drops one unknown word with a note', async () => {
    expect((await best('mediaton yemen')).heading).toMatch(/"mediation" \(you typed mediaton\)/);
    const ignored = await best('xylophone mediation yemen');
    expect(ignored.event.id).toBe('next-steps');
    expect(ignored.heading).toMatch(/ignored xylophone/);
    expect((await run('xylophone kazoo')).reply.kind).toBe('no-match');
  });
});

describe('search through the Slack door', () => {
  let fake: FakeSlack;
  let slack: AppContext;
  let app: App;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = createContext(
      config({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
      }),
      { clock: fixedClock(NOW) },
    );
    await loadConfiguredArchive(slack);
    app = createSlackApp(slack.config, slack, { logger: memoryLogger().logger });
    await app.init();
  });
  afterAll(async () => {
    slack.close();
    await fake.close();
  });

  async function deliver(body: SlashCommand | BlockAction): Promise<void> {
    const ack = vi.fn(async () => {});
    await app.processEvent({ body, ack });
    expect(ack).toHaveBeenCalledTimes(1);
  }
  /** The visible text of the answer to `/event <text>`, and its blocks. */
  async function answer(text: string): Promise<{ text: string; blocks: KnownBlock[] }> {
    const tag = `q${n++}`;
    await deliver(slashCommand({ text, responseUrl: fake.responseUrl(tag) }));
    const [response] = fake.responses(tag);
    const blocks = (response?.json?.blocks ?? []) as KnownBlock[];
    return { text: texts(blocks).join('\n'), blocks };
  }

  it.each([
    ['1. a curly-quoted phrase', '“forced migration”', 'Forced Migration in the Sahel'],
    ['2. a number title', 'TEST 3', 'TEST 3'],
    ['2. a code with a hyphen', 'C-34', 'C-34 Working Group Briefing'],
    ['2. a search starting with "next"', 'next steps for mediation', 'Next Steps for Mediation in Yemen'],
    ['3. a date word in a title', 'africa today', 'Africa Today: Markets and Peace'],
    ['4. a question', 'what did we host on forced migration?', 'Forced Migration in the Sahel'],
    ['5. a plural acronym', 'IDPs', 'Protecting Internally Displaced Persons'],
    ['6. a where: place', 'where:dakar', 'Forced Migration in the Sahel'],
    [
      '7. a pasted link',
      'https://www.example.org/events/fresh-dialogue?utm_source=slack',
      'A Fresh Dialogue on UN Peacekeeping',
    ],
    ['9. a renamed series instance', 'year-end special briefing', 'Year-End Special Briefing'],
    ['10. upcoming with a place', 'upcoming geneva', 'Mediation Workshop'],
    ['12. one unknown word', 'xylophone mediation yemen', 'Next Steps for Mediation in Yemen'],
  ])('%s answers with the event', async (_point, text, title) => {
    expect((await answer(text)).text).toContain(title);
  });

  it('3. says in one line that an empty date was dropped', async () => {
    expect((await answer('forced migration 2030')).text).toMatch(
      /Nothing within 2030, so these are from any date/,
    );
  });

  it('4. answers "how many" with the total and a list', async () => {
    expect((await answer('how many events on peacebuilding')).text).toMatch(/10 events · 1–8/);
  });

  it('8. shows the total and pages with a Next button to the last match', async () => {
    const first = await answer('peacebuilding seminar');
    expect(first.text).toMatch(/10 events · 1–5/);
    const next = interactives(first.blocks).find((b) => b.label.match(/next/i));
    expect(next).toBeDefined();
    await deliver(
      blockActions({
        actionId: next!.actionId,
        value: next!.values[0],
        responseUrl: fake.responseUrl('page2'),
      }),
    );
    const page = texts((fake.responses('page2')[0]?.json?.blocks ?? []) as KnownBlock[]).join('\n');
    expect(page).toMatch(/10 events · 6–10/);
    expect(SlackIds.actions).toBeDefined();
  });

  it('8. offers same-surname speakers as buttons with role and count; a click lists theirs with roles', async () => {
    const picker = await answer('speaker smith');
    const buttons = interactives(picker.blocks);
    expect(buttons.map((b) => b.label)).toEqual([
      'Jane Smith · Director, Peace Institute · 11 events',
      'John Smith · Professor · 3 events',
    ]);
    await deliver(
      blockActions({
        actionId: buttons[1].actionId,
        value: buttons[1].values[0],
        responseUrl: fake.responseUrl('john'),
      }),
    );
    const list = texts((fake.responses('john')[0]?.json?.blocks ?? []) as KnownBlock[]).join('\n');
    expect(list).toContain('Events with John Smith · 3 events · 1–3');
    expect(list).toContain('John Smith · Professor');
    expect(list.indexOf('Peacebuilding Seminar 5')).toBeLessThan(list.indexOf('Arms Control Lecture'));
  });

  it('9. lists a series once in upcoming with its rule; its Dates button answers with the next dates', async () => {
    const upcoming = await answer('upcoming');
    expect(upcoming.text.match(/\*Monday Briefing\*/g)).toHaveLength(1);
    // users.info says America/New_York: 14:00 UTC is 09:00 there, still Monday; 30 Nov is still next.
    expect(upcoming.text).toContain(':repeat: every Monday · next 30 Nov');
    const dates = interactives(upcoming.blocks).find((b) => b.label === 'Dates: Monday Briefing');
    expect(dates).toBeDefined();
    await deliver(
      blockActions({
        actionId: dates!.actionId,
        value: dates!.values[0],
        responseUrl: fake.responseUrl('dates'),
      }),
    );
    const list = texts((fake.responses('dates')[0]?.json?.blocks ?? []) as KnownBlock[]).join('\n');
    expect(list).toContain('Monday Briefing · every Monday · 5 upcoming dates · 1–5');
    expect(list).toContain('Year-End Special Briefing');
  });

  it("11. reads 'tomorrow' in the asker's Slack zone (users.info), not the server's", async () => {
    const reply = await answer('upcoming tomorrow');
    expect(reply.text).toContain('Monday Briefing');
    expect(reply.text).not.toContain('Climate Security Roundtable');
  });

  it('12. notes the ignored word', async () => {
    expect((await answer('xylophone mediation yemen')).text).toMatch(/ignored xylophone/);
  });
});
