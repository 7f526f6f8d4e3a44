import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/cli.js';
import { RELEVANCE_ARCHIVE, RELEVANCE_NOW } from '../helpers/search.js';
import { tempDir } from '../helpers/temp.js';

const cli = (argv: string[], env: Record<string, string>) => runCliCaptured(argv, env, RELEVANCE_NOW);

describe('event-bot gaps', () => {
  it('prints the missed searches asked through the bot and the records to fix, with file and line', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_TIMEZONE: 'America/New_York' };
    expect((await cli(['import', RELEVANCE_ARCHIVE], env)).code).toBe(0);
    expect((await cli(['ask', '/event ocarina sanctions quartet'], env)).code).toBe(0);
    const text = await cli(['gaps'], env);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Searches that found nothing (last 30 days)');
    expect(text.out).toContain('“ocarina sanctions quartet” — 1 time');
    expect(text.out).toMatch(/Same title on the same day, 2 records:\n +Cyber Norms .*archive\.jsonl:79/);
    const json = JSON.parse((await cli(['gaps', '--json'], env)).out);
    expect(json.misses).toEqual([expect.objectContaining({ query: 'ocarina sanctions quartet', count: 1 })]);
  });
});
