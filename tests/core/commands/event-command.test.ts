import { describe, expect, it } from 'vitest';
import { THEMES_PAGE } from '../../../src/core/commands/deps.js';
import { runAction, runEventCommand } from '../../../src/core/commands/index.js';
import type { CommandResult, Reply } from '../../../src/core/commands/reply.js';
import { relevanceContext } from '../../helpers/search.js';

const context = await relevanceContext('America/New_York');
const run = async (text: string, offset?: number) =>
  await runEventCommand({ text, offset, userId: 'U123' }, context.commands);
const as = <K extends Reply['kind']>(result: CommandResult, kind: K) => {
  expect(result.reply.kind).toBe(kind);
  return result.reply as Extract<Reply, { kind: K }>;
};
const DINNER = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';

describe('/event <search>', () => {
  it('finds the dinner from a typo and says how it read the query', async () => {
    const reply = as(await run('peacekeepng finland'), 'event');
    expect(reply.event.id).toBe(DINNER);
    expect(reply.heading).toMatch(/"peacekeeping".*you typed peacekeepng/);
    expect(reply.more.length).toBeLessThanOrEqual(4);
  });

  it('narrows by a date phrase and says so', async () => {
    const reply = as(await run('peacekeeping september 2013'), 'event');
    expect(reply.event.id).toBe(DINNER);
    expect(reply.heading).toMatch(/Within September 2013/);
    for (const hit of reply.more) expect(hit.event.start.slice(0, 7)).toBe('2013-09');
  });

  it('applies type:, speaker:, host:, theme:, before: and after: filters', async () => {
    const byType = as(await run('type:"Ministerial Dinner" peacekeeping'), 'event');
    expect(
      [byType.event, ...byType.more.map((h) => h.event)].every((e) => e.type === 'Ministerial Dinner'),
    ).toBe(true);
    expect(as(await run('speaker:kaljulaid'), 'event').event.speakers.map((s) => s.name)).toContain(
      'Kersti Kaljulaid',
    );
    expect(as(await run('host:uruguay peacekeeping'), 'event').event.id).toBe(DINNER);
    expect(as(await run('theme:"asymmetric threats"'), 'event').event.id).toBe(DINNER);
    const dated = as(await run('peacekeeping after:2013 before:2016'), 'event');
    for (const e of [dated.event, ...dated.more.map((h) => h.event)]) {
      expect(e.start >= '2014' && e.start < '2016').toBe(true);
    }
  });

  it('offers the next page while more matches exist, and the page continues the ranking', async () => {
    const first = as(await run('peacekeeping'), 'event');
    const next = first.actions.find((a) => a.kind === 'page');
    expect(next).toEqual({
      kind: 'page',
      direction: 'next',
      page: { subcommand: 'search', words: 'peacekeeping', offset: 5 },
    });
    const second = as(await runAction(next!, context.commands), 'event');
    const seen = [first.event, ...first.more.map((h) => h.event)].map((e) => e.id);
    expect(seen).not.toContain(second.event.id);
    expect(second.actions).toContainEqual({
      kind: 'page',
      direction: 'previous',
      page: { subcommand: 'search', words: 'peacekeeping', offset: 0 },
    });
  });

  it.each(['quantum chromodynamics', 'kubernetes autoscaling', 'sourdough baking workshop'])(
    'answers "%s" honestly with no match',
    async (text) => {
      const reply = as(await run(text), 'no-match');
      expect(reply.query).toBe(text);
      expect(reply.hint).toMatch(/Try/);
    },
  );

  it.each(['', '   ', '\t', '!!!', '🙂🕊️'])('answers %j with help that uses real examples', async (text) => {
    const reply = (await run(text)).reply;
    expect(reply.kind).toBe('help');
    const help = reply as Extract<Reply, { kind: 'help' }>;
    expect(help.sections.flatMap((s) => s.examples).some((e) => e.command.startsWith('/event theme '))).toBe(
      true,
    );
  });

  it.each([
    ['a 4,000-character query', `peacekeeping ${'mali '.repeat(790)}`, 'event'],
    ['emoji with words', '🕊️ peacekeeping 🇫🇮 finland', 'event'],
    ['SQL and FTS metacharacters', `'; DROP TABLE events; -- " NEAR(a b) OR * ^ peacekeeping`, 'no-match'],
    ['regex metacharacters', '.* (a|b)+ [^x] \\d{3} $^ peacekeeping', 'no-match'],
    ['an injection attempt', '<!channel> <@U123> <http://evil.example|click> peacekeeping', 'no-match'],
  ] as const)('survives %s with a clear %s answer', async (_label, text, kind) => {
    const result = await run(text);
    expect(result.visibility).toBe('ephemeral');
    if (kind === 'event') {
      const reply = as(result, 'event');
      expect(`${reply.event.title} ${reply.event.summary}`.toLowerCase()).toMatch(/peacekeeping/);
      if (text.length > 1000) expect(reply.heading).toMatch(/query was long/);
    } else {
      // Mostly words no event uses: said honestly, with the query echoed and archive suggestions.
      const reply = as(result, 'no-match');
      expect(reply.query).toBe(text.trim());
      expect(reply.actions.length).toBeGreaterThan(0);
      expect(reply.actions.every((a) => a.kind === 'suggest')).toBe(true);
    }
  });

  it('answers punctuation alone with help that says no words were found', async () => {
    const reply = as(await run('?!.,;:()[]{}<>"\'`~'), 'help');
    expect(reply.problem).toMatch(/couldn't find any words/);
  });

  it('events stay intact after a hostile query', async () => {
    await run(`'); DELETE FROM events; --`);
    expect(context.store.stats().events).toBe(120);
  });
});

describe('/event upcoming', () => {
  it('lists the next events from now, soonest first', async () => {
    const reply = as(await run('upcoming'), 'list');
    const starts = reply.items.map((h) => Date.parse(h.event.start));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((s) => s >= Date.parse('2026-11-29T12:00:00Z'))).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(reply.items[0].event.title).toBe('The Review of Peace Operations: Findings and Next Steps');
  });

  it.each([
    ['next week', ['The Review of Peace Operations: Findings and Next Steps']],
    ['this week', []],
    ['in march', ['Women Mediators and the Future of Peace Processes']],
  ])('reads the range "%s"', async (range, titles) => {
    const reply = as(await run(`upcoming ${range}`), 'list');
    // Exactly these: "this week" (the clock is on a Sunday afternoon) has nothing left in it.
    expect(reply.items.map((h) => h.event.title)).toEqual(titles);
    expect(reply.empty).toMatch(/No events are scheduled/);
  });

  it('says what to type when the range is unreadable', async () => {
    expect(as(await run('upcoming whenever'), 'notice').text).toMatch(/upcoming next week/);
  });
});

describe('/event themes and theme lookups', () => {
  it('counts every theme across the archive, near-duplicate spellings together, a page at a time', async () => {
    const reply = as(await run('themes'), 'themes');
    const distinct = context.db
      .prepare(
        'SELECT count(*) AS n FROM (SELECT 1 FROM events, json_each(events.themes) t GROUP BY lower(t.value))',
      )
      .get() as { n: number };
    // "Ceasefire and sequencing" and "Ceasefires and sequencing" are one theme.
    expect(reply.total).toBe(distinct.n - 1);
    expect(reply.themes.length).toBe(THEMES_PAGE);
    expect(reply.position).toEqual({ offset: 0, shown: THEMES_PAGE, total: reply.total });
    const top = context.db
      .prepare(
        `SELECT count(DISTINCT seq) AS n FROM events, json_each(events.themes) t GROUP BY lower(t.value)
         ORDER BY n DESC LIMIT 1`,
      )
      .get() as { n: number };
    expect(reply.themes[0].count).toBe(top.n);
    const counts = reply.themes.map((t) => t.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(reply.themes[0].action).toEqual({ kind: 'theme', theme: reply.themes[0].title });
    expect(reply.actions).toEqual([
      { kind: 'page', direction: 'next', page: { subcommand: 'themes', words: '', offset: THEMES_PAGE } },
    ]);
  });

  it('pages through the rest of the themes, and finds the merged one under one name', async () => {
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = as(await runEventCommand({ text: 'themes', offset }, context.commands), 'themes');
      seen.push(...page.themes.map((t) => t.title));
      const next = page.actions.find((a) => a.kind === 'page' && a.direction === 'next');
      if (next?.kind !== 'page') break;
      offset = next.page.offset;
    }
    expect(seen.length).toBe(new Set(seen).size);
    const ceasefire = seen.filter((t) => /^ceasefires? and sequencing$/i.test(t));
    expect(ceasefire).toHaveLength(1);
  });

  it('runs the theme lookup for a theme picked from the list', async () => {
    const picked = await runAction({ kind: 'theme', theme: 'Resourcing' }, context.commands);
    const list = as(picked, 'list');
    expect(list.heading).toContain('Resourcing');
    expect(list.items.map((i) => i.event.id)).toContain(DINNER);
  });

  it('finds events for a misspelled theme name', async () => {
    const reply = as(await run('theme resourcng'), 'list');
    expect(reply.items[0].event.id).toBe(DINNER);
  });

  it('shows one theme of one event in detail', async () => {
    const reply = as(await run('theme 3 of peacekeeping finland uruguay'), 'theme-detail');
    expect(reply.event.themes[reply.index].title).toMatch(/^UN peacekeeping.s legitimacy$/);
  });

  it('explains an out-of-range theme number', async () => {
    expect(as(await run('theme 9 of peacekeeping finland uruguay'), 'notice').text).toMatch(
      /has 7 key themes; ask for one from 1 to 7/,
    );
  });
});

describe('/event speaker and host', () => {
  it('finds a speaker by surname, even misspelled', async () => {
    for (const text of ['speaker kaljulaid', 'speaker kaljuliad']) {
      const reply = as(await run(text), 'list');
      expect(reply.items[0].event.speakers.map((s) => s.name)).toContain('Kersti Kaljulaid');
    }
  });

  it('finds a host', async () => {
    expect(as(await run('host uruguay'), 'list').items.map((h) => h.event.id)).toContain(DINNER);
  });

  it('says what to type when the name is missing', async () => {
    expect(as(await run('speaker'), 'notice').text).toMatch(/\/event speaker kaljulaid/);
  });
});

describe('/event share', () => {
  it('previews a clearly best match privately: Post · Add a note · Cancel, the card as it would appear', async () => {
    const result = await run('share peacekeepng finland uruguay');
    expect(result.visibility).toBe('ephemeral');
    const preview = as(result, 'share-preview');
    expect(preview.card).toMatchObject({ sharedBy: 'U123', event: { id: DINNER } });
    expect(preview.actions).toEqual([
      { kind: 'share-post', eventId: DINNER },
      { kind: 'share-note', eventId: DINNER },
      { kind: 'share-cancel', eventId: DINNER },
    ]);
  });

  it('offers a picker when several events fit', async () => {
    const result = await run('share peacekeeping');
    expect(result.visibility).toBe('ephemeral');
    const picker = as(result, 'list');
    expect(picker.items.length).toBeGreaterThan(1);
    for (const item of picker.items)
      expect(item.actions).toEqual([{ kind: 'share', eventId: item.event.id }]);
  });

  it('posts into the channel only from the preview, with the note, and a cancel removes the preview', async () => {
    expect((await runAction({ kind: 'share', eventId: DINNER }, context.commands, 'U9')).visibility).toBe(
      'ephemeral',
    );
    const posted = await runAction(
      { kind: 'share-post', eventId: DINNER, note: '  Read   this ' },
      context.commands,
      'U9',
    );
    expect(posted.visibility).toBe('in_channel');
    const card = as(posted, 'event');
    expect(card).toMatchObject({ sharedBy: 'U9', note: 'Read this' });
    // A past event shared: only its page, nothing to remind anyone of.
    expect(card.actions.map((a) => a.kind)).toEqual(['event-page']);
    expect(
      as(await runAction({ kind: 'share-cancel', eventId: DINNER }, context.commands), 'dismiss'),
    ).toEqual({
      kind: 'dismiss',
    });
    expect(as(await runAction({ kind: 'open', eventId: 'gone' }, context.commands), 'notice').text).toMatch(
      /no longer in the archive/,
    );
  });

  it('keeps Remind me and Add to calendar on a shared upcoming card', async () => {
    const review = as(await run('review of peace operations'), 'event').event;
    const card = as(
      await runAction({ kind: 'share-post', eventId: review.id }, context.commands, 'U9'),
      'event',
    );
    expect(card.actions.map((a) => a.kind)).toEqual(['remind', 'calendar']);
  });
});

describe('controls by tense', () => {
  it('gives a past event its page, Share, Related and Read more, never Remind me', async () => {
    const reply = as(await run('peacekeepng finland'), 'event');
    expect(reply.when.upcoming).toBe(false);
    expect(reply.actions.filter((a) => a.kind !== 'page').map((a) => a.kind)).toEqual([
      'event-page',
      'share',
      'more-like',
      'read-more',
    ]);
  });

  it('gives an upcoming event Remind me with only the times still ahead, and Add to calendar', async () => {
    const reply = as(await run('review of peace operations'), 'event');
    expect(reply.when.upcoming).toBe(true);
    expect(reply.actions[0]).toEqual({
      kind: 'remind',
      eventId: reply.event.id,
      choices: ['day-before', 'hour-before', 'morning-of'],
    });
    expect(reply.actions[1]).toEqual({ kind: 'calendar', eventId: reply.event.id });
  });

  it('drops the choices already past: on the event’s own morning only "an hour before" is left', async () => {
    const late = await relevanceContext('America/New_York');
    const review = as(
      await runEventCommand({ text: 'review of peace operations' }, late.commands),
      'event',
    ).event;
    // 3 December 2026, 10:00 in New York: the event starts at 13:15.
    const deps = { ...late.commands, clock: { now: () => new Date('2026-12-03T15:00:00Z') } };
    const reply = as(await runAction({ kind: 'open', eventId: review.id }, deps), 'event');
    expect(reply.actions[0]).toMatchObject({ kind: 'remind', choices: ['hour-before'] });
    late.close();
  });
});

describe('read more, calendar and more like this', () => {
  it('Read more gives the event in full, with the card’s other actions', async () => {
    const reply = as(
      await runAction({ kind: 'read-more', eventId: DINNER }, context.commands),
      'event-detail',
    );
    expect(reply.event.themes.length).toBe(7);
    expect(reply.actions.map((a) => a.kind)).not.toContain('read-more');
  });

  it('Add to calendar gives Google and Outlook links, and the .ics address when the bot has one', async () => {
    const review = as(await run('review of peace operations'), 'event').event;
    const plain = as(await runAction({ kind: 'calendar', eventId: review.id }, context.commands), 'calendar');
    expect(plain.links.google).toMatch(/^https:\/\/calendar\.google\.com\//);
    expect(plain.links.outlook).toMatch(/^https:\/\/outlook\.office\.com\//);
    expect(plain.links.ics).toBeUndefined();
    const served = await runAction(
      { kind: 'calendar', eventId: review.id },
      { ...context.commands, publicBaseUrl: 'https://bot.example.org' },
    );
    expect(as(served, 'calendar').links.ics).toBe(
      `https://bot.example.org/calendar/${encodeURIComponent(review.id)}/the-review-of-peace-operations-findings-and-next-steps.ics`,
    );
    expect(
      as(await runAction({ kind: 'calendar', eventId: DINNER }, context.commands), 'notice').text,
    ).toMatch(/took place on Wed 25 Sep 2013/);
  });

  it('finds more like an event by shared themes, tags or speakers, each saying why', async () => {
    const reply = as(await runAction({ kind: 'more-like', eventId: DINNER }, context.commands), 'list');
    expect(reply.items.length).toBeGreaterThan(0);
    expect(reply.items.map((h) => h.event.id)).not.toContain(DINNER);
    for (const item of reply.items) expect(item.why).toMatch(/^Shares (speaker|theme|tag)/);
    const dinner = context.commands.index.events([DINNER])[0];
    const first = reply.items[0].event;
    const shared =
      first.tags.some((t) => dinner.tags.includes(t)) ||
      first.speakers.some((s) => dinner.speakers.some((d) => d.name === s.name)) ||
      first.themes.some((t) => dinner.themes.some((d) => d.title.toLowerCase() === t.title.toLowerCase()));
    expect(shared || /themes about/.test(reply.items[0].why ?? '')).toBe(true);
  });
});
