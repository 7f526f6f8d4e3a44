import { describe, expect, it } from 'vitest';
import type { HomeModel } from '../../../src/core/home/home.js';
import { SlackIds } from '../../../src/slack/ids.js';
import { homeView, VIEW_BLOCK_LIMIT } from '../../../src/slack/views/home.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { makeEvent } from '../../helpers/events.js';
import { listItems } from '../../helpers/replies.js';
import { interactives, texts, withoutBotTokens } from './inspect.js';

const HOSTILE = 'Panel <!channel> on <@U123> & <https://evil.example|your bank>';

function model(overrides: Partial<HomeModel> = {}, many = 8): HomeModel {
  const upcoming = Array.from({ length: many }, (_, i) =>
    makeEvent({ id: `ev-${i}`, title: `${HOSTILE} ${i}`, start: '2026-12-03T13:15:00-05:00' }),
  );
  const items = listItems(upcoming).map((item) => ({
    ...item,
    actions: [{ kind: 'remind' as const, eventId: item.event.id }],
  }));
  return {
    weeks: [
      { heading: 'This week', items, empty: 'Nothing this week.', total: 12 },
      { heading: 'Next week', items, empty: 'Nothing next week.' },
    ],
    reminders: {
      items: Array.from({ length: 10 }, (_, i) => ({
        reminderId: String(i + 1),
        position: i + 1,
        eventId: `ev-${i}`,
        title: HOSTILE,
        dueMs: Date.parse('2026-12-02T13:15:00Z'),
        dueText: 'Wednesday, 2 December 2026 at 08:15 EST',
        label: '1 day before',
        sending: i === 9,
        actions: i === 9 ? [] : [{ kind: 'cancel-reminder' as const, reminderId: String(i + 1) }],
      })),
      total: 14,
      empty: 'No reminders.',
    },
    digests: {
      items: [
        {
          channelId: 'C0NEWS',
          what: '“<!here> peace”',
          schedule: 'every Monday at 09:00',
          nextRunText: 'Mon',
          paused: false,
        },
        {
          channelId: '<!channel>',
          channelName: 'x<y',
          what: 'all',
          schedule: 'daily',
          nextRunText: 'tomorrow',
          paused: true,
        },
      ],
      empty: 'No digests.',
    },
    recent: { heading: 'Recently added', items: listItems(upcoming.slice(0, 5)), empty: 'Nothing new.' },
    ...overrides,
  };
}

describe('the Home tab view', () => {
  it('fits a full Home tab within Slack’s 100 blocks and every other limit', () => {
    const view = homeView(model());
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(VIEW_BLOCK_LIMIT);
    expect(checkLimits(view.blocks).filter((v) => v.path !== 'blocks' && v.limit !== 13_000)).toEqual([]);
  });

  it('offers Remind me on upcoming events and Cancel (behind a confirm) on reminders not being sent', () => {
    const view = homeView(model());
    const found = interactives(view.blocks);
    const reminds = found.filter((i) => i.actionId === SlackIds.surfaces.homeRemind);
    const cancels = found.filter((i) => i.actionId === SlackIds.surfaces.homeCancelReminder);
    expect(reminds).toHaveLength(16);
    expect(reminds[0].values).toEqual(['{"e":"ev-0"}']);
    expect(cancels).toHaveLength(9);
    const cancelButton = view.blocks
      .map((b) => (b as { accessory?: Record<string, unknown> }).accessory)
      .find((a) => a?.action_id === SlackIds.surfaces.homeCancelReminder);
    expect(cancelButton).toMatchObject({ style: 'danger', confirm: { style: 'danger' } });
    // The recent list is read-only: its card actions ("Open") are not rendered on the tab.
    expect(found.some((i) => i.actionId === SlackIds.actions.open)).toBe(false);
  });

  it('never lets archive or digest text ping anyone or forge a link', () => {
    const all = texts(homeView(model()).blocks).map(withoutBotTokens).join('\n');
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
    expect(all).toContain('&lt;!channel&gt;');
    const digestText = texts(homeView(model()).blocks).find((t) => t.includes('every Monday'));
    expect(digestText).toContain('<#C0NEWS>');
    expect(digestText).toContain('x&lt;y');
  });

  it('says so when a week, the reminders and the digests are empty', () => {
    const view = homeView(
      model({
        weeks: [{ heading: 'This week', items: [], empty: 'Nothing is scheduled this week.' }],
        reminders: { items: [], total: 0, empty: 'No reminders yet.' },
        digests: { items: [], empty: 'No digests yet.' },
        note: 'Reminder set for “<!here>”.',
      }),
    );
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('Nothing is scheduled this week.');
    expect(all).toContain('No reminders yet.');
    expect(all).toContain('No digests yet.');
    expect(all).toContain('Reminder set for “&lt;!here&gt;”.');
  });
});
