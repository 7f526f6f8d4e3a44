import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, slashCommand } from '../../support/fake-slack.js';
import { memoryLogger, startProcessEventApp } from '../helpers/slack-app.js';
import { texts } from './views/inspect.js';

let fake: FakeSlack;
let app: App;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, app, stop } = await startProcessEventApp(memoryLogger().logger));
});
afterAll(() => stop());

async function command(text: string, userId: string, name: string) {
  await app.processEvent({
    body: slashCommand({ text, responseUrl: fake.responseUrl(name), userId }),
    ack: async () => {},
  });
  const [answer] = await fake.waitFor((r) => r.path === `/response/${name}`);
  return answer.json as { response_type: string; blocks: KnownBlock[] };
}

describe('/event gaps through the real App', () => {
  it('shows a workspace admin the missed searches (no user ids), and refuses anyone else', async () => {
    await command('harpsichord tuning', 'U0SEEKER01', 'gaps-miss');
    const refused = await command('gaps', 'U0SEEKER01', 'gaps-refused');
    expect(refused.response_type).toBe('ephemeral');
    expect(texts(refused.blocks).join('\n')).toContain("for the archive's editors");

    const report = await command('gaps', 'UADMIN0001', 'gaps-admin');
    const shown = texts(report.blocks).join('\n');
    expect(report.response_type).toBe('ephemeral');
    expect(shown).toContain('Searches that found nothing');
    expect(shown).toContain('“harpsichord tuning” — 1 time');
    expect(JSON.stringify(report)).not.toContain('U0SEEKER01');
    expect(fake.requests.some((r) => r.path === '/api/users.info' && r.form?.user === 'UADMIN0001')).toBe(
      true,
    );
  });
});

describe('the "Before this" line through the real App', () => {
  it('shows an upcoming card with how many past events share its theme', async () => {
    const answer = await command('review of peace operations findings', 'U0SEEKER02', 'before-this');
    expect(texts(answer.blocks).join('\n')).toMatch(/Before this: \d+\+? past events on peacekeeping/);
  });
});
