import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, postSigned, slashCommand } from '../../support/fake-slack.js';
import {
  memoryLogger,
  startTestHttpApp,
  TEST_SIGNING_SECRET,
  type TestHttpApp,
} from '../helpers/slack-app.js';
import { texts } from '../slack/views/inspect.js';

let http: TestHttpApp;
beforeAll(async () => {
  http = await startTestHttpApp(memoryLogger('warn').logger);
});
afterAll(() => http.stop());

async function signedCommand(text: string, userId: string, name: string) {
  const sent = await postSigned(
    `${http.base}/slack/events`,
    TEST_SIGNING_SECRET,
    commandBody(slashCommand({ text, responseUrl: http.fake.responseUrl(name), userId })),
  );
  expect(sent.status).toBe(200);
  const [answer] = await http.fake.waitFor((r) => r.path === `/response/${name}`);
  return answer.json as { blocks: KnownBlock[] };
}

describe('the gaps report over signed HTTP', () => {
  it('lists a real miss from another user for an admin, with no user ids', async () => {
    await signedCommand('theremin glockenspiel', 'U0LOOKER77', 'http-miss');
    await signedCommand('theremin glockenspiel', 'U0LOOKER88', 'http-miss-2');
    const report = await signedCommand('gaps', 'UADMIN0002', 'http-gaps');
    const shown = texts(report.blocks).join('\n');
    expect(shown).toContain('“theremin glockenspiel” — 2 times');
    expect(JSON.stringify(report)).not.toMatch(/U0LOOKER77|U0LOOKER88/);
    const refused = await signedCommand('gaps', 'U0LOOKER77', 'http-gaps-refused');
    expect(texts(refused.blocks).join('\n')).toContain("for the archive's editors");
  });
});

describe('the "Before this" line over signed HTTP', () => {
  it('is on the card of an upcoming event', async () => {
    const card = await signedCommand('review of peace operations findings', 'U0LOOKER99', 'http-before');
    expect(texts(card.blocks).join('\n')).toMatch(/Before this: \d+\+? past events on peacekeeping/);
  });
});
