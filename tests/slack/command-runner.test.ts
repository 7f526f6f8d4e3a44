import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext, loadConfiguredArchive } from '../../src/context.js';
import { type CommandRunner, inlineRunner, workerPoolRunner } from '../../src/slack/command-runner.js';
import { rendering } from '../../src/slack/rendered.js';
import { commandResponse } from '../../src/slack/responses.js';
import { renderReply } from '../../src/slack/views/index.js';
import { RELEVANCE_ARCHIVE } from '../helpers/search.js';
import { tempDir } from '../helpers/temp.js';

const DINNER = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';
const runners: CommandRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

describe('workerPoolRunner', () => {
  it('answers commands and clicks on worker threads with their own database connection', async () => {
    const config = loadConfig({ EVENT_DB: join(tempDir(), 'events.db'), EVENT_ARCHIVE: RELEVANCE_ARCHIVE });
    const context = createContext(config);
    await loadConfiguredArchive(context);
    const runner = workerPoolRunner(config, 2);
    runners.push(runner);

    const results = await Promise.all([
      runner.command({ text: 'peacekeepng finland', userId: 'U1' }),
      runner.command({ text: 'speaker kaljulaid', userId: 'U2' }),
      runner.action({ kind: 'share', eventId: DINNER }, 'U3'),
    ]);
    const [search, speaker, share] = results;
    expect(search.reply.kind === 'event' && search.reply.event.id).toBe(DINNER);
    expect(speaker.reply.kind).toBe('list');
    expect(share).toMatchObject({
      visibility: 'ephemeral',
      reply: { kind: 'share-preview', card: { sharedBy: 'U3' } },
    });

    const inline = await inlineRunner(context.commands).command({ text: 'peacekeepng finland' });
    const ids = (r: typeof inline) =>
      r.reply.kind === 'event' ? [r.reply.event.id, ...r.reply.more.map((h) => h.event.id)] : [];
    expect(ids(search)).toEqual(ids(inline));
    context.close();
  });

  it('renders each answer on the worker, as this thread would, so the acking thread only forwards it', async () => {
    const config = loadConfig({ EVENT_DB: join(tempDir(), 'events.db'), EVENT_ARCHIVE: RELEVANCE_ARCHIVE });
    const context = createContext(config);
    await loadConfiguredArchive(context);
    const runner = workerPoolRunner(config, 1);
    runners.push(runner);

    const pooled = await Promise.all([
      runner.command({ text: 'peacekeepng finland', userId: 'U1', userZone: 'Europe/Helsinki' }),
      runner.command({ text: 'upcoming', userId: 'U2', userZone: 'Asia/Tokyo' }),
      runner.command({ text: 'themes', userId: 'U3' }),
      runner.action({ kind: 'share', eventId: DINNER }, 'U4'),
      runner.action({ kind: 'more-like', eventId: DINNER }, 'U5'),
    ]);
    for (const result of pooled) {
      // The worker's rendering, kept with the reply: handed out as it came, never built again here.
      expect(rendering(result.reply)).toBe(rendering(result.reply));
      expect(rendering(result.reply)).toEqual(renderReply(result.reply));
      expect(JSON.stringify(commandResponse(result))).toBe(
        JSON.stringify({ response_type: result.visibility, ...renderReply(result.reply) }),
      );
    }
    // A result made on this thread has no worker's rendering: it is rendered when asked for.
    const inline = await inlineRunner(context.commands).command({
      text: 'peacekeepng finland',
      userId: 'U1',
    });
    expect(rendering(inline.reply)).not.toBe(rendering(inline.reply));
    expect(rendering(inline.reply)).toEqual(rendering(pooled[0].reply));
    context.close();
  });

  it('runs its workers below the priority of the thread that acks, and leaves every other thread as it was', async () => {
    const niceness = () =>
      readdirSync('/proc/self/task').map((tid) => {
        // The fields after the command's closing parenthesis; the nice value is the 19th field of the line.
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        return { tid, nice: Number(fields[16]) };
      });
    const before = new Map(niceness().map((t) => [t.tid, t.nice]));
    const config = loadConfig({ EVENT_DB: join(tempDir(), 'events.db'), EVENT_ARCHIVE: RELEVANCE_ARCHIVE });
    const context = createContext(config);
    await loadConfiguredArchive(context);
    const runner = workerPoolRunner(config, 2);
    runners.push(runner);
    await Promise.all([
      runner.command({ text: 'help', userId: 'U1' }),
      runner.command({ text: 'help', userId: 'U2' }),
    ]);

    const after = niceness();
    const own = before.get(String(process.pid));
    const lowered = after.filter((t) => !before.has(t.tid) && t.nice > (own ?? 0));
    expect(lowered).toHaveLength(2);
    expect(after.filter((t) => before.has(t.tid)).every((t) => t.nice === before.get(t.tid))).toBe(true);
    context.close();
  });

  it('refuses an in-memory database, which threads cannot share', () => {
    expect(() => workerPoolRunner(loadConfig({ EVENT_DB: ':memory:' }))).toThrow(/in-memory/);
  });
});
