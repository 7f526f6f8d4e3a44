import type { App, BlockAction, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import { checkLimits } from '../../src/slack/views/limits.js';
import {
  blockActions,
  eventCallbackBody,
  FAKE_ADMIN_PREFIX,
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
    expect(texts(blocksOf(answer))[0]).toMatch(/^Events with the theme "Resourcing" · \d+ events? · 1–\d+$/);
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

/** A click on an element of a message that is in the channel for everyone (a digest list is not). */
function clickAs(userId: string, element: { actionId: string; values: string[] }, name: string, pick = 0) {
  const select = element.values.length > 1 || element.actionId === SlackIds.actions.snoozeReminder;
  return blockActions({
    actionId: element.actionId,
    ...(select ? { selectedValue: element.values[pick] } : { value: element.values[0] }),
    responseUrl: fake.responseUrl(name),
    userId,
  });
}

async function answerTo(body: BlockAction, name: string): Promise<RecordedRequest> {
  await deliver(body);
  const [answer] = await fake.waitFor((r) => r.path === `/response/${name}`);
  return answer;
}

describe('digests with buttons, through the real App', () => {
  it('setting up a digest answers the subscriber and posts a short note everyone in the channel sees', async () => {
    await deliver(
      slashCommand({
        text: 'subscribe peacekeeping monthly on the 15th at 9am',
        responseUrl: fake.responseUrl('cards-subscribe'),
        userId: 'U0MARIA',
      }),
    );
    const [answer, note] = await fake.waitFor((r) => r.path === '/response/cards-subscribe', 2);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(texts(blocksOf(answer))[0]).toMatch(/on the 15th of every month at 09:00 \(America\/New_York\)/);
    expect(note.json).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(texts(blocksOf(note))).toEqual([
      expect.stringMatching(
        /^:mega: <@U0MARIA> set up a digest here: upcoming events matching “peacekeeping”, on the 15th of every month at 09:00 \(America\/New_York\)\. First one Tuesday, 15 December 2026 at 09:00 EST\./,
      ),
    ]);
    expect(String(note.json?.text)).toBe(
      'A digest was set up here: upcoming events matching “peacekeeping”, on the 15th of every month at 09:00 (America/New_York).',
    );
  });

  it('lists digests with Pause and Stop; only the creator or an admin may use them, others are told who can', async () => {
    const list = await command('subscriptions', 'cards-subs');
    const buttons = interactives(blocksOf(list));
    const pause = buttons.find((b) => b.label === 'Pause')!;
    const stop = buttons.find((b) => b.label === 'Stop')!;
    expect(visibleChars(blocksOf(list))).toBeLessThanOrEqual(3000);

    for (const [element, name, verb] of [
      [stop, 'cards-stop-stranger', 'stop'],
      [pause, 'cards-pause-stranger', 'pause'],
    ] as const) {
      const denied = await answerTo(clickAs('U0STRANGER', element, name), name);
      expect(denied.json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(texts(blocksOf(denied))).toEqual([
        `:lock: Only <@U0MARIA>, who set up the digest of “peacekeeping”, or a workspace admin can ${verb} it.`,
      ]);
    }
    const stillThere = await command('subscriptions', 'cards-subs-again');
    expect(texts(blocksOf(stillThere)).join('\n')).toContain('Next: ');

    const paused = await answerTo(clickAs('U0MARIA', pause, 'cards-pause'), 'cards-pause');
    expect(texts(blocksOf(paused)).join('\n')).toContain('Paused the digest of “peacekeeping”');
    expect(texts(blocksOf(paused)).join('\n')).toContain('Paused with its Pause button');
    const resume = interactives(blocksOf(paused)).find((b) => b.label === 'Resume')!;
    const resumed = await answerTo(clickAs('U0STRANGER', resume, 'cards-resume'), 'cards-resume');
    expect(texts(blocksOf(resumed)).join('\n')).toMatch(
      /Resumed the digest of “peacekeeping”; the next is due/,
    );

    const before = fake.requests.filter((r) => r.path === '/api/views.publish').length;
    const stopped = await answerTo(
      clickAs(`${FAKE_ADMIN_PREFIX}1`, stop, 'cards-stop-admin'),
      'cards-stop-admin',
    );
    expect(texts(blocksOf(stopped)).join('\n')).toContain('Stopped the digest of “peacekeeping”');
    await fake.waitFor((r) => r.path === '/api/views.publish', before + 1);
  });

  it('a typed /event unsubscribe is held to the same rule', async () => {
    await command('subscribe mali daily', 'cards-sub-mali');
    await deliver(
      slashCommand({
        text: 'unsubscribe 1',
        responseUrl: fake.responseUrl('cards-unsub-stranger'),
        userId: 'U0OTHER',
      }),
    );
    const [denied] = await fake.waitFor((r) => r.path === '/response/cards-unsub-stranger');
    expect(texts(blocksOf(denied))[0]).toMatch(/^:lock: Only <@U0ASKER>, who set up the digest of “mali”/);
    const [stopped] = await (async () => {
      await deliver(
        slashCommand({ text: 'unsubscribe 1', responseUrl: fake.responseUrl('cards-unsub-own') }),
      );
      return fake.waitFor((r) => r.path === '/response/cards-unsub-own');
    })();
    expect(texts(blocksOf(stopped)).join('\n')).toContain('Stopped the digest of “mali”');
  });
});

describe('reminders with buttons, through the real App', () => {
  it('lists the event’s time and the reminder’s, Snooze moves it, Cancel asks first and cancels', async () => {
    await command('remind review of peace operations 1 day before', 'cards-remind');
    const list = await command('reminders', 'cards-reminders');
    const blocks = blocksOf(list);
    expect(checkLimits(blocks)).toEqual([]);
    const all = texts(blocks).join('\n');
    expect(all).toMatch(/:calendar: Event: <!date\^\d+\^\{date_short_pretty\} at \{time\}\|Thu 3 Dec 2026/);
    expect(all).toMatch(
      /:alarm_clock: Reminder: <!date\^\d+\^\{date_long_pretty\} at \{time\}\|Wednesday, 2 December 2026 at 13:15 EST> \(1 day before\)/,
    );
    const elements = interactives(blocks);
    const snooze = elements.find((e) => e.actionId === SlackIds.actions.snoozeReminder)!;
    // A day later would be the event's own start, so only an hour is offered.
    expect(snooze.values.map((v) => JSON.parse(v).s)).toEqual(['hour']);
    const snoozed = await answerTo(clickAs('U0ASKER', snooze, 'cards-snooze', 0), 'cards-snooze');
    expect(snoozed.json).toMatchObject({ replace_original: true });
    expect(texts(blocksOf(snoozed)).join('\n')).toContain(
      'Snoozed your reminder for “The Review of Peace Operations: Findings and Next Steps” by an hour: it comes Wednesday, 2 December 2026 at 14:15 EST.',
    );
    const cancelBlock = blocksOf(snoozed)
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.action_id === SlackIds.actions.cancelReminder) as {
      confirm?: { title: { text: string } };
      value: string;
      accessibility_label?: string;
    };
    expect(cancelBlock.confirm?.title.text).toBe('Cancel this reminder?');
    expect(cancelBlock.accessibility_label).toMatch(/^Cancel: The Review of Peace Operations/);
    const cancelled = await answerTo(
      clickAs(
        'U0ASKER',
        { actionId: SlackIds.actions.cancelReminder, values: [cancelBlock.value] },
        'cards-cancel',
      ),
      'cards-cancel',
    );
    expect(texts(blocksOf(cancelled)).join('\n')).toContain('Cancelled your reminder');
  });
});
