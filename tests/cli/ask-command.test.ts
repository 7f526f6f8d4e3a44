import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { fixedClock } from '../helpers/context.js';
import { RELEVANCE_ARCHIVE, RELEVANCE_NOW } from '../helpers/search.js';
import { tempDir } from '../helpers/temp.js';
import { interactives, texts } from '../slack/views/inspect.js';

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false };
  const code = await runCli(argv, io, env, fixedClock(RELEVANCE_NOW));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function importedEnv() {
  const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_TIMEZONE: 'America/New_York' };
  expect((await cli(['import', RELEVANCE_ARCHIVE], env)).code).toBe(0);
  return env;
}

describe('event-bot ask', () => {
  it('prints the console rendering of the answer', async () => {
    const env = await importedEnv();
    const result = await cli(['ask', '/event peacekeeping finland'], env);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${DINNER_TITLE}\n───`);
    expect(result.out).toContain('[2] Share…');
  });

  it('prints with --json exactly the body respond() posts: response_type, text and blocks', async () => {
    const env = await importedEnv();
    const result = await cli(['ask', '/event', 'peacekeeping', 'finland', '--json'], env);
    const payload = JSON.parse(result.out);
    expect(Object.keys(payload)).toEqual(['response_type', 'text', 'blocks']);
    expect(payload.response_type).toBe('ephemeral');
    expect(texts(payload.blocks)).toContain(DINNER_TITLE);
    expect(interactives(payload.blocks).map((i) => i.actionId)).toContain('event_share');
  });

  it('answers a share with the private preview, not a post', async () => {
    const env = await importedEnv();
    const json = JSON.parse((await cli(['ask', 'share peacekeeping finland', '--json'], env)).out);
    expect(json.response_type).toBe('ephemeral');
    expect((await cli(['ask', 'share peacekeeping finland'], env)).out).toMatch(
      /^Preview \(only you see this\)/,
    );
  });

  it('is listed in the usage', async () => {
    expect((await cli(['help'], {})).out).toMatch(/ask "\/event <text>" \[--json\]/);
  });
});
