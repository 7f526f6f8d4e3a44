import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import {
  actionBody,
  blockActions,
  commandBody,
  eventCallbackBody,
  postSigned,
  slashCommand,
} from '../helpers/fake-slack.js';
import {
  memoryLogger,
  startTestHttpApp,
  TEST_SIGNING_SECRET,
  type TestHttpApp,
} from '../helpers/slack-app.js';
import { interactives, texts } from '../slack/views/inspect.js';

let http: TestHttpApp;
beforeAll(async () => {
  http = await startTestHttpApp(memoryLogger('warn').logger);
});
afterAll(async () => {
  await http.stop();
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
