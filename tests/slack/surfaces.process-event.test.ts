import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import {
  eventCallbackBody,
  FAKE_BOT,
  type FakeSlack,
  globalShortcut,
  messageShortcut,
  slashCommand,
  viewSubmission,
} from '../../support/fake-slack.js';
import { memoryLogger, startProcessEventApp } from '../helpers/slack-app.js';
import { texts } from './views/inspect.js';

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const REVIEW = 'The Review of Peace Operations: Findings and Next Steps';

let fake: FakeSlack;
let app: App;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, app, stop } = await startProcessEventApp(memoryLogger().logger));
});
afterAll(() => stop());

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

const publishesFor = (user: string) =>
  fake.requests.filter((r) => r.path === '/api/views.publish' && r.form?.user_id === user);
const viewOf = (r: { form?: Record<string, string> }) =>
  JSON.parse(String(r.form?.view)) as { type: string; blocks: KnownBlock[] };

describe('the App Home, through the real App', () => {
  it('publishes the Home tab with views.publish when app_home_opened arrives', async () => {
    const ack = vi.fn(async () => {});
    const body = JSON.parse(
      eventCallbackBody({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'home' }),
    );
    await app.processEvent({ body, ack });
    expect(ack).toHaveBeenCalledTimes(1);
    const [published] = await fake.waitFor(
      (r) => r.path === '/api/views.publish' && r.form?.user_id === 'U0HOME',
    );
    const view = viewOf(published);
    expect(view.type).toBe('home');
    expect(texts(view.blocks).join('\n')).toContain(REVIEW);
    expect(texts(view.blocks).join('\n')).toContain('Your reminders');
  });

  it('republishes the tab after /event remind changes the asker’s reminders', async () => {
    const before = publishesFor('U0REMINDS').length;
    await app.processEvent({
      body: slashCommand({
        text: 'remind review of peace operations',
        responseUrl: fake.responseUrl('home-remind'),
        userId: 'U0REMINDS',
      }),
      ack: async () => {},
    });
    const found = await fake.waitFor(
      (r) => r.path === '/api/views.publish' && r.form?.user_id === 'U0REMINDS',
      before + 1,
    );
    const shown = texts(viewOf(found[found.length - 1]).blocks).join('\n');
    expect(shown).toContain('Your reminders (1)');
    expect(shown).toContain(REVIEW);
  });
});

describe('shortcuts and the search modal, through the real App', () => {
  it('opens the modal with views.open, then fills the view it opened with views.update', async () => {
    const before = fake.requests.length;
    await app.processEvent({ body: globalShortcut(SlackIds.surfaces.searchShortcut), ack: async () => {} });
    const calls = fake.requests
      .slice(before)
      .filter((r) => r.path.startsWith('/api/views.'))
      .map((r) => r.path);
    expect(calls).toEqual(['/api/views.open', '/api/views.update']);
    const opened = fake.requests.slice(before).find((r) => r.path === '/api/views.open');
    const updated = fake.requests.slice(before).find((r) => r.path === '/api/views.update');
    expect(JSON.parse(String(opened?.form?.view)).callback_id).toBe(SlackIds.surfaces.searchModal);
    expect(updated?.form?.view_id).toMatch(/^V\d+$/);
  });

  it('acks a submission with a bad year with errors keyed by the year block', async () => {
    const ack = vi.fn(async (_r?: unknown) => {});
    const f = SlackIds.searchFields;
    const body = viewSubmission(SlackIds.surfaces.searchModal, {
      [f.words]: { [f.words]: { type: 'plain_text_input', value: 'peacekeeping' } },
      [f.year]: { [f.year]: { type: 'plain_text_input', value: '19' } },
    });
    await app.processEvent({ body, ack });
    expect(ack).toHaveBeenCalledWith({
      response_action: 'errors',
      errors: { [f.year]: 'A year such as 2019.' },
    });
  });

  it('answers a message shortcut through its response_url', async () => {
    await app.processEvent({
      body: messageShortcut(
        SlackIds.surfaces.mentionedShortcut,
        'notes from the Finland peacekeeping dinner',
        fake.responseUrl('pe-msg-shortcut'),
      ),
      ack: async () => {},
    });
    const [answer] = await fake.waitFor((r) => r.path === '/response/pe-msg-shortcut');
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(texts(answer.json?.blocks as KnownBlock[]).join('\n')).toContain(DINNER_TITLE);
  });
});

describe('link unfurls, through the real App', () => {
  it('answers link_shared for an archive link with chat.unfurl', async () => {
    const url =
      'http://ipinst.org/events/darfur-after-the-abuja-agreement-protecting-civilians-on-the-ground';
    await app.processEvent({
      body: JSON.parse(
        eventCallbackBody({
          type: 'link_shared',
          channel: 'C0CHANNEL',
          user: 'U0ASKER',
          message_ts: '1700000000.000500',
          links: [{ url, domain: 'ipinst.org' }],
        }),
      ),
      ack: async () => {},
    });
    const [call] = await fake.waitFor((r) => r.path === '/api/chat.unfurl');
    expect(call.form?.ts).toBe('1700000000.000500');
    expect(Object.keys(JSON.parse(String(call.form?.unfurls)))).toEqual([url]);
  });
});
