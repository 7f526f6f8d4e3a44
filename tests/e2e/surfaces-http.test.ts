import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import {
  actionBody,
  blockActions,
  commandBody,
  eventCallbackBody,
  FAKE_BOT,
  globalShortcut,
  postSigned,
  slashCommand,
  viewSubmission,
} from '../../support/fake-slack.js';
import {
  memoryLogger,
  startTestHttpApp,
  TEST_SIGNING_SECRET,
  type TestHttpApp,
} from '../helpers/slack-app.js';
import { interactives, texts } from '../slack/views/inspect.js';

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const f = SlackIds.searchFields;
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

const post = (payload: Record<string, unknown>) =>
  postSigned(`${http.base}/slack/events`, TEST_SIGNING_SECRET, actionBody(payload));

describe('the search shortcut and modal over signed HTTP', () => {
  it('opens the modal while the trigger is fresh, then fills it', async () => {
    const shortcut = globalShortcut(SlackIds.surfaces.searchShortcut);
    const ack = await post(shortcut);
    expect(ack.status).toBe(200);
    const [opened] = await http.fake.waitFor((r) => r.path === '/api/views.open');
    expect(opened.form?.trigger_id).toBe(shortcut.trigger_id);
    expect(opened.at - ack.sentAt).toBeLessThan(3000);
    const [updated] = await http.fake.waitFor((r) => r.path === '/api/views.update');
    expect(
      JSON.parse(String(updated.form?.view)).blocks.map((b: { block_id: string }) => b.block_id),
    ).toContain(f.speaker);
  });

  it('answers a submission in the HTTP response: results as an update, a bad year as a field error', async () => {
    const good = await post(
      viewSubmission(SlackIds.surfaces.searchModal, {
        [f.words]: { [f.words]: { type: 'plain_text_input', value: 'peacekeeping finland' } },
      }),
    );
    expect(good.status).toBe(200);
    const update = JSON.parse(good.body) as { response_action: string; view: unknown };
    expect(update.response_action).toBe('update');
    expect(JSON.stringify(update.view)).toContain(DINNER_TITLE);

    const bad = await post(
      viewSubmission(SlackIds.surfaces.searchModal, {
        [f.year]: { [f.year]: { type: 'plain_text_input', value: 'soon' } },
      }),
    );
    expect(JSON.parse(bad.body)).toEqual({
      response_action: 'errors',
      errors: { [f.year]: 'A year such as 2019.' },
    });
  });
});

const viewsFor = async (user: string, count: number) => {
  const found = await http.fake.waitFor(
    (r) => r.path === '/api/views.publish' && r.form?.user_id === user,
    count,
  );
  return found.map((r) => JSON.parse(String(r.form?.view)) as { blocks: KnownBlock[] });
};

describe('the App Home over signed HTTP', () => {
  it('opens, sets a reminder, and cancels it from the tab, republished each time', async () => {
    const user = 'U0HTTPHOME';
    const opened = await postSigned(
      `${http.base}/slack/events`,
      TEST_SIGNING_SECRET,
      eventCallbackBody({ type: 'app_home_opened', user, channel: 'D0H', tab: 'home' }),
      { contentType: 'application/json' },
    );
    expect(opened.status).toBe(200);
    const [first] = await viewsFor(user, 1);
    const remind = interactives(first.blocks).find((i) => i.actionId === SlackIds.surfaces.homeRemind);
    expect(remind).toBeDefined();

    const click = (actionId: string, value: string) =>
      postSigned(
        `${http.base}/slack/events`,
        TEST_SIGNING_SECRET,
        actionBody({
          ...blockActions({ actionId, value, responseUrl: http.fake.responseUrl('unused'), userId: user }),
          container: { type: 'view', view_id: 'V0HOME' },
        } as never),
      );
    expect((await click(remind!.actionId, remind!.values[0])).status).toBe(200);
    const second = (await viewsFor(user, 2))[1];
    expect(texts(second.blocks).join('\n')).toContain('Reminder set for');
    expect(http.context.commands.reminders.active(user)).toHaveLength(1);

    const cancel = interactives(second.blocks).find(
      (i) => i.actionId === SlackIds.surfaces.homeCancelReminder,
    );
    expect((await click(cancel!.actionId, cancel!.values[0])).status).toBe(200);
    const third = (await viewsFor(user, 3))[2];
    expect(http.context.commands.reminders.active(user)).toHaveLength(0);
    expect(texts(third.blocks).join('\n')).toContain('No reminders');
    expect(http.fake.responses('unused')).toHaveLength(0);
  });

  it('republishes after a signed /event subscribe, listing the new digest', async () => {
    const user = 'U0HTTPSUB';
    const body = commandBody(
      slashCommand({
        text: 'subscribe humanitarian',
        responseUrl: http.fake.responseUrl('sub'),
        userId: user,
      }),
    );
    await postSigned(`${http.base}/slack/events`, TEST_SIGNING_SECRET, body);
    const [view] = await viewsFor(user, 1);
    expect(texts(view.blocks).join('\n')).toContain('<#C0CHANNEL>');
  });
});

describe('link unfurls over signed HTTP', () => {
  it('unfurls a signed link_shared event’s archive link, and only that one', async () => {
    const url =
      'https://www.ipinst.org/events/darfur-after-the-abuja-agreement-protecting-civilians-on-the-ground/';
    const ack = await postSigned(
      `${http.base}/slack/events`,
      TEST_SIGNING_SECRET,
      eventCallbackBody({
        type: 'link_shared',
        channel: 'C0CHANNEL',
        user: 'U0ASKER',
        message_ts: '1700000000.000600',
        links: [
          { url, domain: 'www.ipinst.org' },
          { url: 'https://news.example.org/story', domain: 'news.example.org' },
        ],
      }),
      { contentType: 'application/json' },
    );
    expect(ack.status).toBe(200);
    const [call] = await http.fake.waitFor(
      (r) => r.path === '/api/chat.unfurl' && r.form?.ts === '1700000000.000600',
    );
    const unfurls = JSON.parse(String(call.form?.unfurls)) as Record<string, { blocks: KnownBlock[] }>;
    expect(Object.keys(unfurls)).toEqual([url]);
    expect(texts(unfurls[url].blocks).join('\n')).toContain('Darfur after the Abuja Agreement');
  });
});
