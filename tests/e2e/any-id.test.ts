import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { App, BlockAction, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { runConsole } from '../../src/console/repl.js';
import { type AppContext, createContext, loadConfiguredArchive } from '../../src/context.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { SlackIds } from '../../src/slack/ids.js';
import {
  blockActions,
  type FakeSlack,
  type RecordedRequest,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { fixedClock } from '../helpers/context.js';
import { memoryLogger, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';
import { tempDir } from '../helpers/temp.js';
import { interactives, texts } from '../slack/views/inspect.js';

const FIXTURE = join('tests', 'fixtures', 'archive', 'any-ids.json');
const NOW = '2027-01-15T12:00:00Z';
const EVENTS = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { events: { id: string; title: string }[] })
  .events;
const LONG = EVENTS[0];
const UUID = EVENTS[1];
const URL_ID = EVENTS[2];

const blocksOf = (r: RecordedRequest) => (r.json?.blocks ?? []) as KnownBlock[];

describe('ids of any shape, as archives have them', () => {
  it('the fixture holds a 250-character slug, an upper-case UUID and a URL', async () => {
    expect(LONG.id).toHaveLength(250);
    expect(UUID.id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(URL_ID.id).toMatch(/^https:\/\/.+\?lang=en&ref=archive$/);
  });

  it('come back unchanged from `search --json` after `import`', async () => {
    const dir = tempDir();
    const env = { EVENT_DB: join(dir, 'events.db'), EVENT_ARCHIVE: FIXTURE };
    const io = collector();
    expect(await runCli(['import', FIXTURE], io, env, fixedClock(NOW))).toBe(0);
    for (const event of EVENTS) {
      const out = collector();
      expect(await runCli(['search', event.title, '--json', '--limit', '1'], out, env, fixedClock(NOW))).toBe(
        0,
      );
      expect(JSON.parse(out.lines[0]).id).toBe(event.id);
    }
  });
});

describe('ids of any shape in Slack, through app.processEvent', () => {
  let fake: FakeSlack;
  let context: AppContext;
  let app: App;
  const log = memoryLogger();

  beforeAll(async () => {
    fake = await startFakeSlack();
    context = createContext(
      loadConfig({
        EVENT_DB: ':memory:',
        EVENT_ARCHIVE: FIXTURE,
        EVENT_TIMEZONE: 'America/New_York',
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: 'warn',
      }),
      { clock: fixedClock(NOW) },
    );
    expect((await loadConfiguredArchive(context)).added).toBe(3);
    app = createSlackApp(context.config, context, { logger: log.logger });
    await app.init();
  });

  afterAll(async () => {
    context.close();
    await fake.close();
  });

  async function deliver(body: SlashCommand | BlockAction): Promise<void> {
    const ack = vi.fn(async () => {});
    await app.processEvent({ body, ack });
    expect(ack).toHaveBeenCalledTimes(1);
  }

  async function card(event: { title: string }, tag: string) {
    await deliver(slashCommand({ text: event.title, responseUrl: fake.responseUrl(tag) }));
    const [answer] = fake.responses(tag);
    expect(texts(blocksOf(answer))).toContain(event.title);
    return interactives(blocksOf(answer));
  }

  it.each([
    ['250-character', 0],
    ['UUID', 1],
    ['URL', 2],
  ])('shares the %s-id event from its card, and every value fits Slack', async (_name, index) => {
    const event = EVENTS[index];
    const buttons = await card(event, `share-${index}`);
    for (const b of buttons) for (const v of b.values) expect(v.length).toBeLessThanOrEqual(150);
    const share = buttons.find((b) => b.actionId === SlackIds.actions.share);
    await deliver(
      blockActions({
        actionId: SlackIds.actions.share,
        value: share?.values[0],
        responseUrl: fake.responseUrl(`shared-${index}`),
      }),
    );
    const [preview] = fake.responses(`shared-${index}`);
    const post = interactives(blocksOf(preview)).find((b) => b.actionId === SlackIds.actions.sharePost);
    for (const b of interactives(blocksOf(preview)))
      for (const v of b.values) expect(v.length).toBeLessThanOrEqual(2000);
    await deliver(
      blockActions({
        actionId: SlackIds.actions.sharePost,
        value: post?.values[0],
        responseUrl: fake.responseUrl(`posted-${index}`),
      }),
    );
    const [posted] = fake.responses(`posted-${index}`);
    expect(posted.json?.response_type).toBe('in_channel');
    expect(texts(blocksOf(posted))).toContain(event.title);
  });

  it.each([
    ['250-character', 0],
    ['UUID', 1],
    ['URL', 2],
  ])('sets a reminder from the %s-id card menu, stored under the id as written', async (_name, index) => {
    const event = EVENTS[index];
    const remind = (await card(event, `remind-${index}`)).find((b) => b.actionId === SlackIds.actions.remind);
    expect(remind?.type).toBe('static_select');
    await deliver(
      blockActions({
        actionId: SlackIds.actions.remind,
        selectedValue: remind?.values[0],
        userId: `U0REMIND${index}`,
        responseUrl: fake.responseUrl(`reminded-${index}`),
      }),
    );
    const reminders = await context.commands.reminders.active(`U0REMIND${index}`);
    expect(reminders.map((r) => r.eventId)).toEqual([event.id]);
    expect(texts(blocksOf(fake.responses(`reminded-${index}`)[0])).join(' ')).toContain(event.title);
  });

  it('opens each event from the Open buttons of an upcoming list', async () => {
    await deliver(slashCommand({ text: 'upcoming', responseUrl: fake.responseUrl('upcoming') }));
    const opens = interactives(blocksOf(fake.responses('upcoming')[0])).filter(
      (b) => b.actionId === SlackIds.actions.open,
    );
    expect(opens).toHaveLength(3);
    const opened: string[] = [];
    for (const [i, open] of opens.entries()) {
      await deliver(
        blockActions({
          actionId: open.actionId,
          value: open.values[0],
          responseUrl: fake.responseUrl(`open-${i}`),
        }),
      );
      const [answer] = fake.responses(`open-${i}`);
      opened.push(...texts(blocksOf(answer)).filter((t) => EVENTS.some((e) => e.title === t)));
    }
    expect(opened.sort()).toEqual(EVENTS.map((e) => e.title).sort());
  });

  it('answers "More like this" on the long-id card with a search, not an expired button', async () => {
    const more = (await card(LONG, 'more')).find((b) => b.actionId === SlackIds.actions.moreLike);
    await deliver(
      blockActions({
        actionId: SlackIds.actions.moreLike,
        value: more?.values[0],
        responseUrl: fake.responseUrl('more-ans'),
      }),
    );
    const answer = JSON.stringify(fake.responses('more-ans')[0].json);
    expect(answer).toContain('More like');
    expect(answer).not.toMatch(/expired|no longer/i);
  });
});

describe('ids of any shape in the console', () => {
  it('shares, reminds and lists reminders by the id as written', async () => {
    const context = createContext(
      loadConfig({ EVENT_DB: ':memory:', EVENT_ARCHIVE: FIXTURE, EVENT_TIMEZONE: 'America/New_York' }),
      { clock: fixedClock(NOW) },
    );
    await loadConfiguredArchive(context);
    let out = '';
    const output = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const script = `${URL_ID.title}\n3\n1\n${LONG.title}\n1\n/event remind ${UUID.id}\nreminders\n`;
    await runConsole(Readable.from([script]), output, context.commands, {
      zone: 'America/New_York',
      userId: 'U0CONSOLE',
    });
    const reminders = await context.commands.reminders.active('U0CONSOLE');
    expect(reminders.map((r) => r.eventId).sort()).toEqual([LONG.id, UUID.id].sort());
    const answers = out.split(/^> /m);
    expect(answers.find((a) => a.startsWith('1\n'))).toContain(URL_ID.title);
    expect(answers.at(-1)).toContain(LONG.title);
    expect(answers.at(-1)).toContain(UUID.title);
    context.close();
  });
});

function collector() {
  const lines: string[] = [];
  return {
    lines,
    out: (t: string) => lines.push(t),
    err: (t: string) => lines.push(`ERR ${t}`),
    interactive: false,
  };
}
