import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import { actionBody, globalShortcut, postSigned, viewSubmission } from '../helpers/fake-slack.js';
import {
  memoryLogger,
  startTestHttpApp,
  TEST_SIGNING_SECRET,
  type TestHttpApp,
} from '../helpers/slack-app.js';

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const f = SlackIds.searchFields;
let http: TestHttpApp;

beforeAll(async () => {
  http = await startTestHttpApp(memoryLogger('warn').logger);
});
afterAll(async () => {
  await http.stop();
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
