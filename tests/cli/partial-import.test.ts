import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { fixedClock } from '../helpers/context.js';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/temp.js';

const record = (title: string, start: string) => JSON.stringify({ title, start });

/** Five records: line 3 is not JSON, line 5 has a start no one can read. */
const MIXED = [
  record('Peace Operations Review', '2015-06-16'),
  record('Women and Forced Migration', '2014-10-09'),
  '{"title": "Broken line", "start": "2015-01-07"',
  record('Africa: China’s Second Continent', '2014-10-09'),
  record('Small States at the UN', 'sometime in May'),
].join('\n');

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false };
  const code = await runCli(argv, io, env, fixedClock('2026-11-29T12:00:00Z'));
  return { code, out, err };
}

/** The titles stored in the database the CLI wrote. */
async function titles(env: Record<string, string>): Promise<string[]> {
  const context = createContext(loadConfig(env));
  try {
    return context.db
      .prepare<[], { title: string }>('SELECT title FROM events ORDER BY title')
      .all()
      .map((r) => r.title);
  } finally {
    context.close();
  }
}

function setup(files: Record<string, string>) {
  const dir = tempDir(files);
  return { dir, env: { EVENT_DB: join(dir, 'events.db'), EVENT_ARCHIVE: dir } };
}

describe('event-bot import, all or nothing by default', () => {
  it('refuses a file with one bad record whole, names each problem, writes nothing, exit 1', async () => {
    const { dir, env } = setup({ 'feed.jsonl': MIXED });
    const result = await cli(['import', join(dir, 'feed.jsonl')], env);
    expect(result.code).toBe(1);
    expect(result.err.map((l) => l.replace(dir, '<dir>'))).toEqual([
      expect.stringMatching(/^<dir>\/feed\.jsonl:3: not valid JSON/),
      expect.stringMatching(/^<dir>\/feed\.jsonl:5: start: expected a date like 2013-09-25/),
    ]);
    expect(result.out.at(-1)).toMatch(/0 added, .* 1 file\(s\) rejected$/);
    expect(await titles(env)).toEqual([]);
  });
});

describe('event-bot import --partial', () => {
  it('imports the valid records, reports each skipped one as file:line: field: message, exit 1', async () => {
    const { dir, env } = setup({ 'feed.jsonl': MIXED });
    const result = await cli(['import', '--partial', join(dir, 'feed.jsonl')], env);
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(2);
    expect(result.err[0]).toMatch(/feed\.jsonl:3: not valid JSON/);
    expect(result.err[1]).toMatch(/feed\.jsonl:5: start: expected a date like 2013-09-25/);
    expect(result.out.at(-1)).toMatch(/3 added, .*0 file\(s\) rejected, 2 record\(s\) skipped$/);
    expect(await titles(env)).toEqual([
      'Africa: China’s Second Continent',
      'Peace Operations Review',
      'Women and Forced Migration',
    ]);
  });

  it('reads a partly imported file again next time, so what is still wrong is still reported', async () => {
    const { dir, env } = setup({ 'feed.jsonl': MIXED });
    await cli(['import', '--partial', join(dir, 'feed.jsonl')], env);
    const again = await cli(['import', '--partial', join(dir, 'feed.jsonl')], env);
    expect(again.code).toBe(1);
    expect(again.err).toHaveLength(2);
    expect(again.out.at(-1)).toMatch(/0 added, 0 updated, 3 unchanged/);
  });

  it('keeps an event whose record broke since the last import, rather than dropping it', async () => {
    const { dir, env } = setup({
      'feed.jsonl': [
        record('Peace Operations Review', '2015-06-16'),
        record('Small States', '2015-05-01'),
      ].join('\n'),
    });
    expect((await cli(['import', join(dir, 'feed.jsonl')], env)).code).toBe(0);
    writeFileSync(
      join(dir, 'feed.jsonl'),
      [record('Peace Operations Review', '2015-06-16'), '{"title": "Small States", "start": 2015}'].join(
        '\n',
      ),
    );
    const result = await cli(['import', '--partial', join(dir, 'feed.jsonl')], env);
    expect(result.err).toEqual([expect.stringMatching(/feed\.jsonl:2: start: /)]);
    expect(await titles(env)).toEqual(['Peace Operations Review', 'Small States']);
  });

  it('imports the good rows of a CSV and names the bad row by its line', async () => {
    const { dir, env } = setup({
      'export.csv': 'title,start\nFirst forum,2013-09-24\nSecond forum,25/09/2013\nThird forum,2013-09-26\n',
    });
    const result = await cli(['import', '--partial', join(dir, 'export.csv')], env);
    expect(result.err).toEqual([expect.stringMatching(/export\.csv:3: start: "25\/09\/2013" is not a date/)]);
    expect(await titles(env)).toEqual(['First forum', 'Third forum']);
  });

  it('still refuses whole a file with nothing valid in it, and leaves the database as it was', async () => {
    const { dir, env } = setup({ 'good.jsonl': record('Peace Operations Review', '2015-06-16') });
    await cli(['import', join(dir, 'good.jsonl')], env);
    writeFileSync(join(dir, 'good.jsonl'), '[not json');
    const result = await cli(['import', '--partial', join(dir, 'good.jsonl')], env);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([expect.stringMatching(/good\.jsonl:1: not valid JSON/)]);
    expect(result.out.at(-1)).toMatch(/1 file\(s\) rejected, 0 record\(s\) skipped$/);
    expect(await titles(env)).toEqual(['Peace Operations Review']);
  });
});

describe('a refused file at start', () => {
  it('is logged as file:line and the bot keeps serving what it had', async () => {
    const { dir, env } = setup({ 'events.jsonl': record('Peace Operations Review', '2015-06-16') });
    const first = await runMain(env, 'quit\n');
    expect(first.stderr).toContain('1 added');
    writeFileSync(join(dir, 'events.jsonl'), record('Peace Operations Review', 'June 2015'));
    const second = await runMain(env, '/event peace operations\nquit\n');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/events\.jsonl:1: start: expected a date like 2013-09-25/);
    expect(second.stdout).toContain('Peace Operations Review');
  }, 60_000);
});
