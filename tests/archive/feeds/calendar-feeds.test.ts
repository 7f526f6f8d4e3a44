import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.js';
import { type AppContext, importIntoContext } from '../../../src/context.js';
import { runEventCommand } from '../../../src/core/commands/index.js';
import { fixedClock, memoryContext } from '../../helpers/context.js';
import { type FeedServer, startFeedServer } from '../../helpers/feed-server.js';
import { tempDir } from '../../helpers/temp.js';

/** A real Apple Calendar export (node-ical's fixture): three timed events in July 2022, one cancelled. */
const APPLE = readFileSync(
  join(import.meta.dirname, '../../fixtures/calendars/node-ical/tentative-apple-calendar.ics'),
  'utf8',
);
const ZONE = 'America/Vancouver';
const CONFIRMED = 'f00f3710-bf4d-46d3-9a2c-1037ab24c6ac-20220705';
const NO_STATUS = '99f615de-82c6-4cef-97b8-cd0d3e1ee0d3-20220707';
const TENTATIVE = '31a1ffc9-9b76-465b-ae4a-cadb694c9d37-20220704';
/** Generous, so a loaded machine never times out a feed that answers; the hanging feed's test uses HANG. */
const FAST = { timeoutMs: 10_000, maxBytes: 1024 * 1024 };
const HANG = { timeoutMs: 400, maxBytes: 1024 * 1024 };

/** The same calendar a week later: "Confirmed" moved from 09:00 to 15:00, "No Status" deleted, one added. */
function editedCalendar(): string {
  const withoutNoStatus = APPLE.replace(
    /BEGIN:VEVENT\r?\n(?:(?!END:VEVENT)[\s\S])*?UID:99F615DE[\s\S]*?END:VEVENT\r?\n/,
    '',
  );
  const moved = withoutNoStatus
    .replace(
      'DTSTART;TZID=America/Vancouver:20220705T090000',
      'DTSTART;TZID=America/Vancouver:20220705T150000',
    )
    .replace('DTEND;TZID=America/Vancouver:20220705T100000', 'DTEND;TZID=America/Vancouver:20220705T160000');
  const added = [
    'BEGIN:VEVENT',
    'UID:0A7E3C52-5F0B-4C57-9E0E-2D6F6F1B7A11',
    'DTSTAMP:20220708T101500Z',
    'DTSTART;TZID=America/Vancouver:20220712T120000',
    'DTEND;TZID=America/Vancouver:20220712T133000',
    'SUMMARY:Board Lunch',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  return moved.replace(/END:VCALENDAR\s*$/, `${added}\r\n`);
}

let server: FeedServer;
let context: AppContext;

beforeEach(async () => {
  server = await startFeedServer(APPLE);
  context = memoryContext({ EVENT_TIMEZONE: ZONE }, fixedClock('2022-07-01T12:00:00Z'));
});
afterEach(async () => {
  context.close();
  await server.close();
});

const rows = () =>
  context.db
    .prepare<[], { id: string; title: string; start: string; source_file: string; updated_ms: number }>(
      `SELECT e.id, e.title, e.start, s.name AS source_file, e.updated_ms FROM events e
       JOIN event_sources s ON s.id = e.source_id ORDER BY e.start_ms`,
    )
    .all();
const ids = () => rows().map((r) => r.id);
const remind = async (ref: string, userId: string) =>
  (await runEventCommand({ text: `remind ${ref}`, userId, userZone: ZONE }, context.commands)).reply.kind;

describe('a calendar feed URL in the archive', () => {
  it('is fetched and imported as one source named by its URL, and its copy kept with the validators', async () => {
    const summary = await importIntoContext(context, [server.url()], { fetchLimits: FAST });

    expect(summary).toMatchObject({ added: 3, rejected: 0, problems: [] });
    expect(summary.feeds).toEqual([
      { name: server.url(), outcome: 'fetched', bytes: Buffer.byteLength(APPLE) },
    ]);
    expect(ids()).toEqual([TENTATIVE, CONFIRMED, NO_STATUS]);
    expect(new Set(rows().map((r) => r.source_file))).toEqual(new Set([server.url()]));
    const copy = context.feedCopies.get(server.url());
    expect(copy?.body.toString('utf8')).toBe(APPLE);
    expect(copy?.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(copy?.lastModified).toBe('Mon, 04 Jul 2022 23:48:28 GMT');
    expect(server.seen[0].headers['if-none-match']).toBeUndefined();
  });

  it('costs one 304 when unchanged: the validators are sent back and nothing is re-imported', async () => {
    await importIntoContext(context, [server.url()], { fetchLimits: FAST });
    const before = rows();
    context.clock.now(); // the refresh comes later
    const again = await importIntoContext(context, [server.url()], { fetchLimits: FAST });

    expect(server.seen).toHaveLength(2);
    expect(server.seen[1].headers['if-none-match']).toBe(context.feedCopies.get(server.url())?.etag);
    expect(server.seen[1].headers['if-modified-since']).toBe('Mon, 04 Jul 2022 23:48:28 GMT');
    expect(server.seen[1].status).toBe(304);
    expect(again.feeds[0].outcome).toBe('not-modified');
    expect(again).toMatchObject({ skippedFiles: 1, added: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(rows()).toEqual(before);
  });

  it('follows a changed feed: a new event appears, a moved one takes its reminders along, a removed one is pruned', async () => {
    await importIntoContext(context, [server.url()], { fetchLimits: FAST });
    expect(await remind(CONFIRMED, 'U1')).toBe('reminder-set');
    expect(await remind(NO_STATUS, 'U2')).toBe('reminder-set');
    const [before] = await context.commands.reminders.active('U1');

    server.body = editedCalendar();
    const summary = await importIntoContext(context, [server.url()], { fetchLimits: FAST });

    expect(server.seen.at(-1)?.status).toBe(200);
    expect(summary).toMatchObject({ added: 1, updated: 1, removed: 1, rejected: 0 });
    expect(rows().map((r) => [r.title, r.start])).toEqual([
      ['Tentative', '2022-07-04T16:00:00-07:00'],
      ['Confirmed', '2022-07-05T15:00:00-07:00'],
      ['Board Lunch', '2022-07-12T12:00:00-07:00'],
    ]);
    const [after] = await context.commands.reminders.active('U1');
    expect(after.dueMs - before.dueMs).toBe(6 * 3600_000);
    expect(await context.commands.reminders.active('U2')).toEqual([]);
    expect(summary.reminders).toMatchObject({ updated: 1, cancelled: 1, notified: 1 });
    expect(context.feedCopies.get(server.url())?.body.toString('utf8')).toBe(server.body);
  });

  for (const [mode, reason] of [
    ['hang', /no complete answer within 0.4 s/],
    ['error500', /HTTP 500/],
    ['garbage', /the fetched feed was refused/],
    ['huge', /larger than 1 MB/],
  ] as const) {
    it(`keeps the last good copy serving when the feed ${mode === 'huge' ? 'is too large' : `answers ${mode}`}`, async () => {
      await importIntoContext(context, [server.url()], { fetchLimits: FAST });
      const before = rows();
      const copy = context.feedCopies.get(server.url());

      server.mode = mode;
      const summary = await importIntoContext(context, [server.url()], {
        fetchLimits: mode === 'hang' ? HANG : FAST,
      });

      expect(rows()).toEqual(before);
      expect(context.feedCopies.get(server.url())).toEqual(copy);
      expect(summary.warnings.map((w) => w.message).join('\n')).toMatch(reason);
      expect(summary.warnings.at(-1)?.message).toMatch(
        /the copy fetched 2022-07-01T12:00:00.000Z keeps serving/,
      );
      expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0 });

      server.mode = 'serve';
      server.body = editedCalendar();
      const recovered = await importIntoContext(context, [server.url()], { fetchLimits: FAST });
      expect(recovered).toMatchObject({ added: 1, updated: 1, removed: 1 });
    });
  }

  it('reports a garbage body as file:line: message against its URL, and writes nothing', async () => {
    server.mode = 'garbage';
    const summary = await importIntoContext(context, [server.url()], { fetchLimits: FAST });
    expect(summary.rejected).toBe(1);
    expect(summary.problems[0]).toMatchObject({ file: server.url() });
    expect(ids()).toEqual([]);
    expect(context.feedCopies.get(server.url())).toBeUndefined();
  });

  it('with no good copy yet, a failed fetch is a problem that names the URL and imports nothing', async () => {
    server.mode = 'error500';
    const summary = await importIntoContext(context, [server.url()], { fetchLimits: FAST });
    expect(summary.problems).toEqual([
      {
        file: server.url(),
        line: 0,
        message: 'HTTP 500 Internal Server Error; nothing imported from it yet',
      },
    ]);
    expect(summary.rejected).toBe(1);
  });

  it('re-parses the last good copy on --force while the feed is down', async () => {
    await importIntoContext(context, [server.url()], { fetchLimits: FAST });
    context.db.prepare('DELETE FROM events WHERE id = ?').run(CONFIRMED);
    server.mode = 'error500';
    const summary = await importIntoContext(context, [server.url()], { fetchLimits: FAST, force: true });
    expect(summary.added).toBe(1);
    expect(ids()).toContain(CONFIRMED);
  });

  it('is never pruned as a missing file by a folder import, even of the working folder', async () => {
    const dir = tempDir({
      'local.jsonl': JSON.stringify({ id: 'local', title: 'Local Forum', start: '2022-07-20' }),
    });
    const cwd = process.cwd();
    process.chdir(dir); // a URL resolved as a path would land under the working folder
    try {
      await importIntoContext(context, [server.url(), '.'], { fetchLimits: FAST });
      const summary = await importIntoContext(context, ['.'], { fetchLimits: FAST });
      expect(summary.removedFiles).toEqual([]);
      expect(ids()).toHaveLength(4);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('feed URLs beside files', () => {
  it('import together: each source is updated on its own', async () => {
    const dir = tempDir({
      'local.jsonl': JSON.stringify({ id: 'local', title: 'Local Forum', start: '2022-07-20' }),
    });
    const summary = await importIntoContext(context, [dir, server.url()], { fetchLimits: FAST });
    expect(summary).toMatchObject({ files: 2, added: 4 });
    server.body = editedCalendar();
    const again = await importIntoContext(context, [dir, server.url()], { fetchLimits: FAST });
    expect(again).toMatchObject({ added: 1, updated: 1, removed: 1, skippedFiles: 1 });
    expect(ids()).toContain('local');
  });

  it('refuse schemes other than http, https and webcal with a message that says what to give instead', async () => {
    const summary = await importIntoContext(context, [
      'ftp://example.org/calendar.ics',
      'file:///etc/passwd',
    ]);
    expect(summary.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'ftp://example.org/calendar.ics: ftp: feeds are not fetched; use an http://, https:// or webcal:// calendar URL, or the path of a local file',
      'file:///etc/passwd: file: feeds are not fetched; use an http://, https:// or webcal:// calendar URL, or the path of a local file',
    ]);
    expect(summary.rejected).toBe(2);
  });
});

describe('event-bot import <url>', () => {
  it('fetches once, imports, and on a second run costs a 304', async () => {
    const dir = tempDir();
    const env = { EVENT_DB: join(dir, 'events.db'), EVENT_ARCHIVE: 'unused', EVENT_TIMEZONE: ZONE };
    const out: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => out.push(`err: ${t}`),
      interactive: false,
    };
    const clock = fixedClock('2022-07-01T12:00:00Z');
    expect(await runCli(['import', server.url()], io, env, clock)).toBe(0);
    expect(out.at(-1)).toBe('1 file(s): 3 added, 0 updated, 0 unchanged, 0 removed, 0 file(s) rejected');
    out.length = 0;
    expect(await runCli(['import', server.url()], io, env, clock)).toBe(0);
    expect(server.seen.map((r) => r.status)).toEqual([200, 304]);
    expect(out.at(-1)).toBe('1 file(s): 0 added, 0 updated, 3 unchanged, 0 removed, 0 file(s) rejected');

    server.mode = 'error500';
    out.length = 0;
    expect(await runCli(['import', server.url()], io, env, clock)).toBe(0);
    expect(out).toContain(
      `err: warning: ${server.url()}:0: HTTP 500 Internal Server Error; the copy fetched 2022-07-01T12:00:00.000Z keeps serving`,
    );
  });
});
