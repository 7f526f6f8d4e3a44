import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallbackBody, FAKE_BOT, postSigned } from '../helpers/fake-slack.js';
import {
  memoryLogger,
  startTestHttpApp,
  TEST_SIGNING_SECRET,
  type TestHttpApp,
} from '../helpers/slack-app.js';
import { texts } from '../slack/views/inspect.js';

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
let http: TestHttpApp;

beforeAll(async () => {
  http = await startTestHttpApp(memoryLogger('warn').logger);
});
afterAll(async () => {
  await http.stop();
});

const postEvent = (event: Record<string, unknown>) =>
  postSigned(`${http.base}/slack/events`, TEST_SIGNING_SECRET, eventCallbackBody(event), {
    contentType: 'application/json',
  });

describe('a signed mention over HTTP', () => {
  it('is acked at once and answered in its thread through the Web API', async () => {
    const ack = await postEvent({
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${FAKE_BOT.user_id}> peacekeeping finland`,
      ts: '1700000010.000100',
      channel: 'C0CHANNEL',
    });
    expect(ack.status).toBe(200);
    const [post] = await http.fake.waitFor(
      (r) => r.path === '/api/chat.postMessage' && r.form?.thread_ts === '1700000010.000100',
    );
    expect(post.form?.channel).toBe('C0CHANNEL');
    expect(texts(JSON.parse(String(post.form?.blocks)) as KnownBlock[])).toContain(DINNER_TITLE);
  });

  it('refuses an event whose signature does not match, and answers nothing', async () => {
    const before = http.fake.requests.length;
    const body = eventCallbackBody({
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${FAKE_BOT.user_id}> themes`,
      ts: '1700000011.000100',
      channel: 'C0CHANNEL',
    });
    const ack = await postSigned(`${http.base}/slack/events`, 'not-the-secret', body, {
      contentType: 'application/json',
    });
    expect(ack.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(http.fake.requests.slice(before).filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(
      0,
    );
  });
});
