import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { submitEventForm } from '../../src/core/added/event-form.js';
import { runCliCaptured } from '../helpers/cli.js';
import { fixedClock } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-11-29T12:00:00Z';

const cli = (argv: string[], env: Record<string, string>) => runCliCaptured(argv, env, NOW);

describe('event-bot export --source slack', () => {
  it('writes only the events added in Slack, in a file that imports back to the same events', async () => {
    const dir = tempDir();
    const env = { EVENT_DB: join(dir, 'a.db'), EVENT_ARCHIVE: 'data/events' };
    expect((await cli(['import', 'data/events'], env)).code).toBe(0);
    const context = createContext(loadConfig(env), { clock: fixedClock(NOW) });
    const saved = await submitEventForm(
      { title: 'Sahel Mediation Roundtable', start: '2027-03-14', themes: 'Sahel mediation' },
      { userId: 'U0EDITOR1' },
      { ...context.added, index: context.commands.index, clock: context.clock, zone: 'UTC' },
    );
    context.close();
    expect(saved.ok).toBe(true);
    const file = join(dir, 'added.jsonl');
    const exported = await cli(['export', '--source', 'slack', '--out', file], env);
    expect(exported).toMatchObject({ code: 0, err: `1 event(s) written to ${file}` });
    const copy = { EVENT_DB: join(dir, 'b.db'), EVENT_ARCHIVE: 'unused' };
    expect((await cli(['import', file], copy)).code).toBe(0);
    const back = (await cli(['export'], copy)).out.split('\n').map((l) => JSON.parse(l));
    expect(back).toEqual([
      expect.objectContaining({
        id: 'slack-2027-03-14-sahel-mediation-roundtable',
        themes: [{ title: 'Sahel mediation', summary: '' }],
      }),
    ]);
    expect((await cli(['export', '--source', 'files'], env)).code).toBe(2);
  });
});
