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
  context = slackTestContext(fake);
  app = createSlackApp(context.config, context, { logger: log.logger });
  await app.init();
});

afterAll(async () => {
  context.close();
  await fake.close();
});

const blocksOf = (r: RecordedRequest) => r.json?.blocks as KnownBlock[];

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

  it('shares from a clicked card: the card into the channel, then the ephemeral original deleted', async () => {
    await deliver(slashCommand({ text: 'peacekeeping finland', responseUrl: fake.responseUrl('pe-card') }));
    const share = interactives(blocksOf(fake.responses('pe-card')[0])).find(
      (i) => i.actionId === SlackIds.actions.share,
    );
    expect(share).toBeDefined();

    const ack = await deliver(
      blockActions({
        actionId: share!.actionId,
        value: share!.values[0],
        responseUrl: fake.responseUrl('pe-share'),
      }),
    );

    expect(ack).toHaveBeenCalledTimes(1);
    const [posted, deleted] = fake.responses('pe-share');
    expect(posted.json).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(texts(blocksOf(posted))).toEqual(expect.arrayContaining([DINNER_TITLE, 'Shared by <@U0ASKER>']));
    expect(deleted.json).toEqual({ delete_original: true });
    expect(fake.responses('pe-share')).toHaveLength(2);
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
