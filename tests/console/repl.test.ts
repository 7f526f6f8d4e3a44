import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { renderForConsole } from '../../src/console/render.js';
import { runConsole } from '../../src/console/repl.js';
import { runEventCommand } from '../../src/core/commands/index.js';
import { runMain } from '../helpers/run-main.js';
import { relevanceContext } from '../helpers/search.js';

const context = await relevanceContext('America/New_York');
afterAll(async () => context.close());

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

/** Runs the console on a piped script and returns everything it printed. */
async function session(script: string, input: Readable = Readable.from([script])): Promise<string> {
  let out = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  await runConsole(input, output, context.commands, { zone: 'America/New_York', userId: 'U0ASKER' });
  return out;
}

describe('the console', () => {
  it('answers a piped script: a search, a numbered pick, upcoming, then ends at EOF', async () => {
    const out = await session('/event peacekeeping finland\n3\nupcoming\n');
    const [search, pick, upcoming] = out.split(/^> /m).slice(1);
    expect(search).toMatch(/^\/event peacekeeping finland\n\d+ events · 1–5\n/);
    expect(search).toContain(DINNER_TITLE);
    expect(search).toMatch(
      /Choices:\n {2}\[1\] Event page \(https:[^)]+\)\n {2}\[2\] Share…\n {2}\[3\] More like this\n {2}\[4\] Read more/,
    );
    expect(pick).toContain(`More like "${DINNER_TITLE}"`);
    expect(upcoming).toContain('Upcoming events');
  });

  it('opens with a banner giving the archive size and an example that works', async () => {
    const out = await session('');
    expect(out).toMatch(
      /^event-archive-bot console: 120 events in the archive\.\n(Next: .*\n)?Try: \/event \S+/,
    );
  });

  it('previews a share, then shows it as what would be posted to the channel, with who shared it', async () => {
    const out = await session('peacekeeping finland\n2\n1\n');
    const [, preview, post] = out.split(/^> /m).slice(1);
    expect(preview).toContain('Preview (only you see this): this is what would be posted to #console.');
    expect(preview).toMatch(/\[1\] Post to #console\n {2}\[2\] Add a note\n {2}\[3\] Cancel/);
    expect(post).toMatch(/^1\n\(would be posted to the channel\)\n/);
    expect(post).toContain('U0ASKER shared an event (would be posted to the channel):');
  });

  it('shares with a note typed on the next line', async () => {
    const out = await session('peacekeeping finland\n2\n2\nWorth reading before Thursday\n');
    const [, , asked, posted] = out.split(/^> /m).slice(1);
    expect(asked).toContain('Type your note');
    expect(posted).toMatch(/^Worth reading before Thursday\n\(would be posted to the channel\)\n/);
    expect(posted).toContain('“Worth reading before Thursday”');
  });

  it('reads a number as a pick only when the last answer offered that choice, else as a search', async () => {
    const out = await session('peacekeeping finland\nremind\n1\n');
    const [, usage, one] = out.split(/^> /m).slice(1);
    expect(usage).not.toContain('Choices:');
    const asSearch = renderForConsole(
      (await runEventCommand({ text: '1', userId: 'U0ASKER' }, context.commands)).reply,
      {
        zone: 'America/New_York',
      },
    ).text;
    expect(one).toBe(`1\n${asSearch}\n\n`);
  });

  it('explains itself on help and refuses other slash commands', async () => {
    const out = await session('help\n/remind me\n');
    expect(out).toContain('Type the number of a choice');
    expect(out).toContain('/event upcoming');
    expect(out).toContain('Only /event works here, not /remind.');
  });

  it('stops reading at quit', async () => {
    const out = await session('quit\npeacekeeping finland\n');
    expect(out).not.toContain(DINNER_TITLE);
  });

  it('resolves on empty input and when the input stream fails', async () => {
    await expect(session('')).resolves.toContain('event-archive-bot console');
    const failing = new PassThrough();
    const running = session('', failing);
    failing.destroy(new Error('EBADF: bad file descriptor'));
    await expect(running).resolves.toContain('event-archive-bot console');
  });
});

describe('npm start with piped input', () => {
  it('prints the dinner card for "/event peacekeeping" and exits 0', async () => {
    // The shipped archive, samples included: the dinner must still come first.
    const { code, stdout, stderr } = await runMain({ EVENT_DB: ':memory:' }, '/event peacekeeping\n');
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toContain(DINNER_TITLE);
  }, 60_000);
});
