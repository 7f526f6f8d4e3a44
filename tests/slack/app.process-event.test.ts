import type { App, BlockAction, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { encodeActionValue, indexedActionId, SlackIds } from '../../src/slack/ids.js';
import {
  blockActions,
  type FakeSlack,
  type RecordedRequest,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { memoryLogger, slackTestContext, TEST_BOT_TOKEN } from '../helpers/slack-app.js';
import { interactives, texts } from './views/inspect.js';

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

let fake: FakeSlack;
let context: AppContext;
let app: App;
const log = memoryLogger();

beforeAll(async () => {
  fake = await startFakeSlack();
  context = await slackTestContext(fake);
  app = createSlackApp(context.config, context, { logger: log.logger });
  await app.init();
});

afterAll(async () => {
  context.close();
  await fake.close();
});

const blocksOf = (r: RecordedRequest) => r.json?.blocks as KnownBlock[];

/** A click on one of our buttons, answered through the `name` response_url. */
function click(actionId: string, value: string, name: string): BlockAction {
  return blockActions({ actionId, value, responseUrl: fake.responseUrl(name) });
}

/** Feeds one payload through the real App, as a receiver would, and returns the ack spy. */
async function deliver(body: SlashCommand | BlockAction) {
  const ack = vi.fn(async (_response?: unknown) => {});
  await app.processEvent({ body, ack });
  return ack;
}

describe('the Slack App, fed through processEvent', () => {
  it('checked the bot token once, at the configured Web API address', () => {
    const authTests = fake.requests.filter((r) => r.path === '/api/auth.test');
    expect(authTests).toHaveLength(1);
    expect(authTests[0].headers.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
  });

  it('acks a slash command and answers through its response_url, not the Web API', async () => {
    const ack = await deliver(
      slashCommand({ text: 'peacekeeping finland', responseUrl: fake.responseUrl('pe-cmd') }),
    );
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack).toHaveBeenCalledWith();
    const [answer] = fake.responses('pe-cmd');
    expect(answer.method).toBe('POST');
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(texts(blocksOf(answer))).toContain(DINNER_TITLE);
    expect(fake.requests.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/auth.test')).toEqual(
      [],
    );
  });

  it('shares from a clicked card through a private preview: Post then puts it in the channel and drops the preview', async () => {
    await deliver(slashCommand({ text: 'peacekeeping finland', responseUrl: fake.responseUrl('pe-card') }));
    const share = interactives(blocksOf(fake.responses('pe-card')[0])).find(
      (i) => i.actionId === SlackIds.actions.share,
    );
    expect(share).toBeDefined();
    await deliver(click(share!.actionId, share!.values[0], 'pe-preview'));
    const [preview] = fake.responses('pe-preview');
    expect(preview.json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const buttons = interactives(blocksOf(preview));
    expect(buttons.slice(-3).map((b) => b.label)).toEqual(['Post to #events', 'Add a note', 'Cancel']);

    const post = buttons.find((b) => b.actionId === SlackIds.actions.sharePost)!;
    const ack = await deliver(click(post.actionId, post.values[0], 'pe-share'));
    expect(ack).toHaveBeenCalledTimes(1);
    const [posted, deleted] = fake.responses('pe-share');
    expect(posted.json).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const shown = texts(blocksOf(posted));
    expect(shown[0]).toBe(':mega: <@U0ASKER> shared an event');
    expect(shown).toContain(DINNER_TITLE);
    expect(deleted.json).toEqual({ delete_original: true });
    expect(fake.responses('pe-share')).toHaveLength(2);
  });

  it('shares with a note: Add a note opens a modal, its submission posts the card with the note on top', async () => {
    const dinner = context.commands.index.events([
      '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping',
    ])[0];
    await deliver(click(SlackIds.actions.shareNote, JSON.stringify({ e: dinner.id }), 'pe-note-preview'));
    const opened = fake.requests.filter((r) => r.path === '/api/views.open').at(-1);
    expect(opened).toBeDefined();
    const view = JSON.parse(String(opened!.form?.view ?? JSON.stringify(opened!.json?.view)));
    expect(view.callback_id).toBe(SlackIds.views.shareNote);
    expect(view.blocks[0].element.action_id).toBe('share_note_text');

    const ack = vi.fn(async () => {});
    await app.processEvent({
      ack,
      body: {
        type: 'view_submission',
        team: { id: 'T0FAKE', domain: 'fake' },
        user: { id: 'U0ASKER', name: 'asker', team_id: 'T0FAKE' },
        api_app_id: 'A0APP',
        token: 'legacy',
        trigger_id: '1.2.3',
        view: {
          ...view,
          id: 'V1',
          state: {
            values: {
              [view.blocks[0].block_id]: {
                share_note_text: { type: 'plain_text_input', value: 'For Thursday’s <!here> call' },
              },
            },
          },
        },
      },
    });
    expect(ack).toHaveBeenCalledTimes(1);
    const [posted, deleted] = await fake.waitFor((r) => r.path === '/response/pe-note-preview', 2);
    expect(posted.json).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const shown = texts(blocksOf(posted));
    expect(shown.slice(0, 2)).toEqual([
      ':mega: <@U0ASKER> shared an event',
      '> For Thursday’s &lt;!here&gt; call',
    ]);
    expect(deleted.json).toEqual({ delete_original: true });
  });

  it('answers a click on a channel digest privately and leaves the digest as it is', async () => {
    const dinner = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';
    const body = click(SlackIds.actions.open, JSON.stringify({ e: dinner }), 'pe-digest');
    body.container = { type: 'message', message_ts: '1.1', channel_id: 'C0CHANNEL', is_ephemeral: false };
    await deliver(body);
    const answers = fake.responses('pe-digest');
    expect(answers).toHaveLength(1);
    expect(answers[0].json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts(blocksOf(answers[0]))).toContain(DINNER_TITLE);
  });

  it('opens Read more as a modal with the whole event, within the click’s trigger', async () => {
    const dinner = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';
    const before = fake.requests.filter((r) => r.path === '/api/views.open').length;
    await deliver(click(SlackIds.actions.readMore, JSON.stringify({ e: dinner }), 'pe-read-more'));
    const opens = fake.requests.filter((r) => r.path === '/api/views.open');
    expect(opens).toHaveLength(before + 1);
    const view = JSON.parse(String(opens.at(-1)!.form?.view));
    expect(view.type).toBe('modal');
    const themeTitles = texts(view.blocks).filter((t: string) => /^\*\d\. /.test(t));
    expect(themeTitles).toHaveLength(7);
    expect(themeTitles[2]).toMatch(/^\*3\. UN peacekeeping.s legitimacy\*$/);
    expect(fake.responses('pe-read-more')).toEqual([]);
  });

  it('runs an indexed "Did you mean" suggestion in place of the message it was on', async () => {
    await deliver(
      blockActions({
        actionId: indexedActionId(SlackIds.actions.suggest, 1),
        value: encodeActionValue({ p: 'search', q: 'peacekeeping finland', o: 0 }),
        responseUrl: fake.responseUrl('pe-suggest'),
      }),
    );

    const [replaced] = fake.responses('pe-suggest');
    expect(replaced.json).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts(blocksOf(replaced))).toContain(DINNER_TITLE);
  });

  it('leaves actions that are not ours unacknowledged for their own listener', async () => {
    const ack = await deliver(
      blockActions({
        actionId: 'someone_else',
        value: '{"e":"x"}',
        responseUrl: fake.responseUrl('pe-other'),
      }),
    );
    expect(ack).not.toHaveBeenCalled();
    expect(fake.responses('pe-other')).toEqual([]);
  });
});
