import type { App, BlockAction, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import { checkLimits } from '../../src/slack/views/limits.js';
import {
  blockActions,
  eventCallbackBody,
  FAKE_BOT,
  type FakeSlack,
  type RecordedRequest,
  slashCommand,
} from '../../support/fake-slack.js';
import { memoryLogger, startProcessEventApp } from '../helpers/slack-app.js';
import { interactives, texts, visibleChars } from './views/inspect.js';

const DINNER = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

let fake: FakeSlack;
let app: App;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, app, stop } = await startProcessEventApp(memoryLogger().logger));
});
afterAll(() => stop());

const blocksOf = (r: RecordedRequest) => r.json?.blocks as KnownBlock[];

async function deliver(body: SlashCommand | BlockAction | Record<string, unknown>) {
  const ack = vi.fn(async (_response?: unknown) => {});
  await app.processEvent({ body, ack } as Parameters<App['processEvent']>[0]);
  return ack;
}

async function command(text: string, name: string): Promise<RecordedRequest> {
  await deliver(slashCommand({ text, responseUrl: fake.responseUrl(name) }));
  const [answer] = await fake.waitFor((r) => r.path === `/response/${name}`);
  return answer;
}

describe('themes you can act on, through the real App', () => {
  it('/event themes answers a page with a theme menu and Next, under 3,000 characters', async () => {
    const answer = await command('themes', 'cards-themes');
    const blocks = blocksOf(answer);
    expect(checkLimits(blocks)).toEqual([]);
    expect(visibleChars(blocks)).toBeLessThanOrEqual(3000);
    expect(String(answer.json?.text)).toMatch(/^Key themes 1–15 of \d+: /);
    const menu = interactives(blocks).find((i) => i.actionId === SlackIds.actions.themePick);
    expect(menu?.values).toHaveLength(15);
    expect(interactives(blocks).map((i) => i.label)).toContain('Next results');
  });

  it('choosing a theme from the menu answers with its events in a new message, leaving the list', async () => {
    await deliver(
      blockActions({
        actionId: SlackIds.actions.themePick,
        selectedValue: JSON.stringify({ p: 'theme', q: 'Resourcing', o: 0 }),
        responseUrl: fake.responseUrl('cards-theme-pick'),
      }),
    );
    const [answer] = await fake.waitFor((r) => r.path === '/response/cards-theme-pick');
    expect(answer.json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts(blocksOf(answer))[0]).toBe('Events with the theme "Resourcing"');
    expect(texts(blocksOf(answer)).join('\n')).toContain(DINNER_TITLE);
  });

  it('Next results on the themes list shows the next page in its place', async () => {
    await deliver(
      blockActions({
        actionId: `${SlackIds.actions.page}:0`,
        value: JSON.stringify({ p: 'themes', q: '', o: 15 }),
        responseUrl: fake.responseUrl('cards-themes-next'),
      }),
    );
    const [answer] = await fake.waitFor((r) => r.path === '/response/cards-themes-next');
    expect(answer.json).toMatchObject({ replace_original: true });
    expect(texts(blocksOf(answer))[1]).toMatch(/^Themes 16–30 of \d+/);
    expect(texts(blocksOf(answer))[2]).toMatch(/^16\. /);
  });
});

describe('help in sections, through the real App', () => {
  it('/event help has the five sections, and Try it runs its example in a new message', async () => {
    const answer = await command('help', 'cards-help');
    const blocks = blocksOf(answer);
    expect(checkLimits(blocks)).toEqual([]);
    expect(visibleChars(blocks)).toBeLessThanOrEqual(3000);
    expect(texts(blocks).filter((t) => /^\*[A-Z][a-z ]+\*$/.test(t))).toEqual([
      '*Find events*',
      '*Upcoming*',
      '*Reminders*',
      '*Digests*',
      '*Share*',
    ]);
    const tries = interactives(blocks).filter((i) => i.actionId.startsWith(SlackIds.actions.helpTry));
    expect(tries.length).toBeGreaterThanOrEqual(8);
    const upcoming = tries.find((t) => JSON.parse(t.values[0]).p === 'upcoming');
    await deliver(
      blockActions({
        actionId: upcoming!.actionId,
        value: upcoming!.values[0],
        responseUrl: fake.responseUrl('cards-try'),
      }),
    );
    const [tried] = await fake.waitFor((r) => r.path === '/response/cards-try');
    expect(tried.json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts(blocksOf(tried))[0]).toMatch(/^Upcoming/);
  });
});

describe('a click on a mention’s answer in a public thread', () => {
  it('answers the clicker privately and never replaces the thread answer everyone sees', async () => {
    const before = fake.requests.filter((r) => r.path === '/api/chat.postMessage').length;
    await deliver(
      JSON.parse(
        eventCallbackBody({
          type: 'app_mention',
          user: 'U0ASKER',
          text: `<@${FAKE_BOT.user_id}> peacekeeping finland`,
          ts: '1700000100.000100',
          channel: 'C0CHANNEL',
        }),
      ),
    );
    const [post] = (await fake.waitFor((r) => r.path === '/api/chat.postMessage', before + 1)).slice(before);
    expect(post.form?.thread_ts).toBe('1700000100.000100');
    const open = interactives(JSON.parse(String(post.form?.blocks)) as KnownBlock[]).find(
      (i) => i.actionId === SlackIds.actions.moreLike,
    );
    expect(open).toBeDefined();

    for (const [name, container] of [
      [
        'cards-thread',
        {
          type: 'message',
          message_ts: post.answerTs,
          thread_ts: '1700000100.000100',
          channel_id: 'C0CHANNEL',
          is_ephemeral: false,
        },
      ],
      // A container that does not say is treated as everyone's message, never rewritten.
      ['cards-thread-unsaid', { type: 'message', message_ts: post.answerTs, channel_id: 'C0CHANNEL' }],
    ] as const) {
      const body = blockActions({
        actionId: open!.actionId,
        value: open!.values[0],
        responseUrl: fake.responseUrl(name),
      });
      body.container = container as BlockAction['container'];
      await deliver(body);
      const answers = await fake.waitFor((r) => r.path === `/response/${name}`);
      expect(answers).toHaveLength(1);
      expect(answers[0].json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(texts(blocksOf(answers[0]))[0]).toBe(`More like "${DINNER_TITLE}"`);
    }
  });

  it('still replaces an ephemeral answer of ours in place', async () => {
    await deliver(
      blockActions({
        actionId: SlackIds.actions.moreLike,
        value: JSON.stringify({ e: DINNER }),
        responseUrl: fake.responseUrl('cards-ephemeral'),
      }),
    );
    const [answer] = await fake.waitFor((r) => r.path === '/response/cards-ephemeral');
    expect(answer.json).toMatchObject({ replace_original: true });
  });
});
