/**
 * Renders every kind of reply as a person would see it, from real payloads the code builds against the
 * shipped archive (data/): each becomes var/render/<name>.html (a small HTML rendering of Block Kit,
 * scripts/lib/block-kit-html.ts) and, with headless Chromium, var/render/<name>.png. Look at the PNGs
 * after changing a view. `npm run render` (CHROMIUM=… to use another browser; --html-only to skip it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnownBlock } from '@slack/types';
import { loadConfig } from '../src/config.js';
import { createContext, loadConfiguredArchive } from '../src/context.js';
import { runAction, runEventCommand } from '../src/core/commands/index.js';
import type { Reply } from '../src/core/commands/reply.js';
import { homeModel } from '../src/core/home/home.js';
import { buildDigest } from '../src/core/reminders/digest.js';
import { eventDetailView } from '../src/slack/views/event-detail.js';
import { homeView } from '../src/slack/views/home.js';
import { renderReply } from '../src/slack/views/index.js';
import { messageTextLength } from '../src/slack/views/limits.js';
import { replyPage } from './lib/block-kit-html.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'var', 'render');
/** The shipped archive's samples are upcoming from here, and its real events are history. */
const NOW = '2026-12-01T15:00:00Z';
const USER = 'U0RENDER';
const CHANNEL = { channelId: 'C0RENDER', channelName: 'events' };

interface Rendered {
  name: string;
  title: string;
  text?: string;
  blocks: readonly unknown[];
  modalTitle?: string;
}

async function main(): Promise<void> {
  const htmlOnly = process.argv.includes('--html-only');
  const config = loadConfig({ EVENT_DB: ':memory:', EVENT_ARCHIVE: join(ROOT, 'data'), LOG_LEVEL: 'error' });
  const context = createContext(config, { clock: { now: () => new Date(NOW) } });
  await loadConfiguredArchive(context);
  const deps = context.commands;
  const asker = { userId: USER, ...CHANNEL };
  const run = async (text: string) => (await runEventCommand({ text, ...asker }, deps)).reply;
  const act = async (action: Parameters<typeof runAction>[0]) =>
    (await runAction(action, deps, USER, asker)).reply;
  const as = <K extends Reply['kind']>(reply: Reply, kind: K) => {
    if (reply.kind !== kind)
      throw new Error(`expected a ${kind} reply, got ${reply.kind}: ${JSON.stringify(reply).slice(0, 200)}`);
    return reply as Extract<Reply, { kind: K }>;
  };
  const message = (name: string, title: string, reply: Reply): Rendered => ({
    name,
    title,
    ...renderReply(reply),
  });

  const card = as(await run('peacekeeping finland'), 'event');
  const upcoming = await run('upcoming');
  const firstUpcoming = upcoming.kind === 'list' ? upcoming.items[0]?.event.id : undefined;
  const detail = as(await act({ kind: 'read-more', eventId: card.event.id }), 'event-detail');
  const modal = eventDetailView(detail);
  const shared = await act({
    kind: 'share-post',
    eventId: firstUpcoming ?? card.event.id,
    note: 'Worth joining — the Thursday briefing covers Sahel & the Horn.',
  });
  await run('remind conflict early 1 day before');
  await run('remind conflict early at 9am on the day');
  await run('subscribe conflict weekly monday at 9am');
  await run('subscribe daily at 8am');
  const subscriptions = await run('subscriptions');
  const sub = (await deps.subscriptions.forChannel(CHANNEL.channelId))[0];
  const digest = sub
    ? buildDigest({ ...sub, postWhenEmpty: true }, deps.index, sub.runMs, Date.parse(NOW))
    : undefined;
  const home = homeView(await homeModel(USER, 'Europe/London', { ...deps, feed: context.feed }));

  const pages: Rendered[] = [
    message('search-card', '/event peacekeeping finland (search card)', card),
    { name: 'read-more', title: 'Read more (modal)', blocks: modal.blocks, modalTitle: modal.title.text },
    message(
      'shared-card',
      'Shared card with a note (in the channel)',
      shared.kind === 'event' ? shared : as(shared, 'event'),
    ),
    message('share-preview', 'Share preview', await act({ kind: 'share', eventId: card.event.id })),
    message('upcoming', '/event upcoming', upcoming),
    message('themes', '/event themes', await run('themes')),
    message('help', '/event help', await run('help')),
    message('reminders', '/event reminders', await run('reminders')),
    message('subscriptions', '/event subscriptions', subscriptions),
    ...(digest ? [message('digest', 'A channel digest', digest)] : []),
    { name: 'app-home', title: 'App Home', blocks: home.blocks },
  ];

  mkdirSync(OUT, { recursive: true });
  for (const page of pages) {
    const html = join(OUT, `${page.name}.html`);
    writeFileSync(html, replyPage(page.title, page));
    const size = messageTextLength(page.blocks as KnownBlock[]);
    let note = '';
    if (!htmlOnly) note = screenshot(html, join(OUT, `${page.name}.png`), page.blocks.length);
    console.log(
      `${page.name.padEnd(14)} ${String(page.blocks.length).padStart(3)} blocks ${String(size).padStart(6)} chars of text  ${note}`,
    );
  }
  context.close();
}

/** Headless Chromium's screenshot of one page, tall enough for its blocks; a fresh profile each time. */
function screenshot(html: string, png: string, blocks: number): string {
  const profile = mkdtempSync(join(tmpdir(), 'render-replies-'));
  const height = Math.min(4000, 260 + blocks * 70);
  const result = spawnSync(
    process.env.CHROMIUM ?? '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      `--screenshot=${png}`,
      `--window-size=760,${height}`,
      `file://${html}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  rmSync(profile, { recursive: true, force: true });
  return result.status === 0
    ? png.replace(ROOT, '')
    : `screenshot failed: ${result.stderr?.slice(-200) ?? result.error}`;
}

function fail(error: unknown): void {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
}

main().catch(fail);
