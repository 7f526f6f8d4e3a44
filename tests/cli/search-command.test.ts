import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { tempDir } from '../helpers/temp.js';

/** An archive whose title and summary carry what a terminal would obey: colours, a screen clear, a title set. */
const HOSTILE = [
  {
    id: 'ansi-forum',
    title: 'Peacekeeping \u001b[31mred\u001b[0m forum \u001b]0;pwned\u0007 with \u009b31m C1 CSI',
    start: '2027-03-10',
    summary: 'A forum on peacekeeping\u0008\u0008\u0008 and bells \u0007.',
  },
];

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false };
  const code = await runCli(argv, io, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('event-bot search on a terminal', () => {
  it('strips escape codes and other control characters from archive titles', async () => {
    const dir = tempDir({ 'archive/events.json': JSON.stringify(HOSTILE) });
    const env = { EVENT_DB: join(dir, 'events.db'), EVENT_ARCHIVE: join(dir, 'archive') };
    const imported = await cli(['import', join(dir, 'archive')], env);
    expect(imported.code, imported.err).toBe(0);

    const result = await cli(['search', 'peacekeeping'], env);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Peacekeeping [31mred[0m forum ]0;pwned with 31m C1 CSI');
    // No C0 control (but newline) and no C1 control reaches the terminal.
    expect(result.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('keeps them as JSON escapes with --json, which a terminal does not obey', async () => {
    const dir = tempDir({ 'archive/events.json': JSON.stringify(HOSTILE) });
    const env = { EVENT_DB: join(dir, 'events.db'), EVENT_ARCHIVE: join(dir, 'archive') };
    await cli(['import', join(dir, 'archive')], env);
    const result = await cli(['search', 'peacekeeping', '--json'], env);
    expect(result.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(result.out.split('\n')[0]!).title).toBe(HOSTILE[0]!.title);
  });
});
