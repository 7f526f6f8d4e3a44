import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { eventCallbackBody, type FakeSlack, slashCommand, startFakeSlack } from '../helpers/fake-slack.js';
import { memoryLogger, slackTestContext } from '../helpers/slack-app.js';
import { texts } from './views/inspect.js';

const REVIEW = 'The Review of Peace Operations: Findings and Next Steps';

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
