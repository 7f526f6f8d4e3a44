import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import {
  actionBody,
  commandBody,
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
import { texts } from '../slack/views/inspect.js';

const e = SlackIds.eventFields;
const input = (value: string) => ({ type: 'plain_text_input', value });
let http: TestHttpApp;
beforeAll(async () => {
  http = await startTestHttpApp(memoryLogger('warn').logger);
});
afterAll(() => http.stop());

const post = (payload: Record<string, unknown>) =>
  postSigned(`${http.base}/slack/events`, TEST_SIGNING_SECRET, actionBody(payload));

describe('adding an event over signed HTTP', () => {
  it('answers a bad date with a field error in the ack, and a good one is searchable at once', async () => {
    const bad = await post(
      viewSubmission(
        SlackIds.surfaces.eventFormModal,
        {
          [e.title]: { [e.title]: input('Gulf of Guinea Maritime Forum') },
          [e.start]: { [e.start]: input('2027-02-30') },
        },
        'UADMIN0200',
      ),
    );
    expect(JSON.parse(bad.body)).toEqual({
      response_action: 'errors',
      errors: { [e.start]: expect.stringContaining('does not read') },
    });
    const good = await post(
      viewSubmission(
        SlackIds.surfaces.eventFormModal,
        {
          [e.title]: { [e.title]: input('Gulf of Guinea Maritime Forum') },
          [e.start]: { [e.start]: input('2027-02-20') },
          [e.end]: { [e.end]: input('2027-02-21') },
        },
        'UADMIN0200',
      ),
    );
    expect(JSON.parse(good.body).response_action).toBe('update');
    await postSigned(
      `${http.base}/slack/events`,
      TEST_SIGNING_SECRET,
      commandBody(
        slashCommand({ text: 'gulf of guinea maritime', responseUrl: http.fake.responseUrl('http-added') }),
      ),
    );
    const [answer] = await http.fake.waitFor((r) => r.path === '/response/http-added');
    expect(texts((answer.json as { blocks: KnownBlock[] }).blocks).join('\n')).toContain(
      'Gulf of Guinea Maritime Forum',
    );
  });

  it('refuses a non-editor’s /event add with an ephemeral explanation', async () => {
    await postSigned(
      `${http.base}/slack/events`,
      TEST_SIGNING_SECRET,
      commandBody(
        slashCommand({
          text: 'add',
          userId: 'U0PLAIN01',
          responseUrl: http.fake.responseUrl('http-add-refused'),
        }),
      ),
    );
    const [answer] = await http.fake.waitFor((r) => r.path === '/response/http-add-refused');
    expect(answer.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('editors'),
    });
  });
});
