import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { eventCallbackBody, FAKE_BOT, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { memoryLogger, slackTestContext } from '../helpers/slack-app.js';
import { texts } from './views/inspect.js';

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

async function deliver(event: Record<string, unknown>) {
  const ack = vi.fn(async (_response?: unknown) => {});
  await app.processEvent({ body: JSON.parse(eventCallbackBody(event)), ack });
  return ack;
}

const posts = () => fake.requests.filter((r) => r.path === '/api/chat.postMessage');

describe('mentions and the DM, through the real App', () => {
  it('answers a mention with chat.postMessage in a thread under it', async () => {
    const before = posts().length;
    const ack = await deliver({
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${FAKE_BOT.user_id}> peacekeeping finland`,
      ts: '1700000001.000100',
      channel: 'C0CHANNEL',
    });
    expect(ack).toHaveBeenCalledTimes(1);
    const [post] = (await fake.waitFor((r) => r.path === '/api/chat.postMessage', before + 1)).slice(before);
    expect(post.form).toMatchObject({ channel: 'C0CHANNEL', thread_ts: '1700000001.000100' });
    expect(texts(JSON.parse(String(post.form?.blocks)) as KnownBlock[])).toContain(DINNER_TITLE);
  });

  it('answers a DM like /event, and ignores the bot’s own messages there', async () => {
    const before = posts().length;
    await deliver({
      type: 'message',
      channel_type: 'im',
      user: FAKE_BOT.user_id,
      text: 'peacekeeping finland',
      ts: '1700000002.000100',
      channel: 'D0ASKER',
    });
    await deliver({
      type: 'message',
      channel_type: 'im',
      user: 'U0ASKER',
      text: 'peacekeeping finland',
      ts: '1700000003.000100',
      channel: 'D0ASKER',
    });
    const found = (await fake.waitFor((r) => r.path === '/api/chat.postMessage', before + 1)).slice(before);
    expect(found).toHaveLength(1);
    expect(found[0].form?.channel).toBe('D0ASKER');
    expect(found[0].form?.thread_ts).toBeUndefined();
    expect(texts(JSON.parse(String(found[0].form?.blocks)) as KnownBlock[])).toContain(DINNER_TITLE);
  });
});
