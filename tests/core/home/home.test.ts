import { afterAll, describe, expect, it } from 'vitest';
import { remindCommand } from '../../../src/core/commands/remind-command.js';
import { subscribeCommand } from '../../../src/core/commands/subscribe-command.js';
import { actionChangesHome, commandChangesHome, homeModel, homeNote } from '../../../src/core/home/home.js';
import { relevanceContext } from '../../helpers/search.js';

const context = await relevanceContext('America/New_York');
afterAll(async () => context.close());
const deps = () => ({ ...context.commands, feed: context.feed });

describe('the Home tab’s model', () => {
  it('lists this week and next from now, each event offering a reminder', async () => {
    const model = await homeModel('U0HOME1', 'America/New_York', deps());
    expect(model.weeks.map((w) => w.heading)).toEqual(['This week', 'Next week']);
    const titles = model.weeks.flatMap((w) => w.items.map((i) => i.event.title));
    expect(titles).toContain('The Review of Peace Operations: Findings and Next Steps');
    expect(titles).not.toContain('2027: Ten Issues to Watch in Peace & Security');
    for (const item of model.weeks.flatMap((w) => w.items)) {
      expect(Date.parse(item.event.start)).toBeGreaterThan(Date.parse('2026-11-29T12:00:00Z'));
      expect(item.actions).toEqual([{ kind: 'remind', eventId: item.event.id }]);
    }
  });

  it('shows the user’s own reminders with Cancel, and the digests they set up', async () => {
    const asker = { userId: 'U0HOME2', userZone: 'America/New_York' };
    remindCommand({ ...asker, text: 'review of peace operations' }, context.commands);
    subscribeCommand(
      { ...asker, text: 'humanitarian weekly monday', channelId: 'C0DIGEST', channelName: 'news' },
      context.commands,
    );
    const model = await homeModel('U0HOME2', 'America/New_York', deps());
    expect(model.reminders.total).toBe(1);
    expect(model.reminders.items[0].title).toBe('The Review of Peace Operations: Findings and Next Steps');
    expect(model.reminders.items[0].actions).toContainEqual({
      kind: 'cancel-reminder',
      reminderId: model.reminders.items[0].reminderId,
    });
    expect(model.digests.items).toHaveLength(1);
    expect(model.digests.items[0]).toMatchObject({ channelId: 'C0DIGEST', what: '“humanitarian”' });
    expect((await homeModel('U0SOMEONEELSE', undefined, deps())).reminders.items).toEqual([]);
    expect((await homeModel('U0SOMEONEELSE', undefined, deps())).digests.items).toEqual([]);
  });

  it('lists the most recently added events, and none without a feed', async () => {
    const model = await homeModel('U0HOME3', undefined, deps());
    expect(model.recent.items.length).toBe(5);
    expect((await homeModel('U0HOME3', undefined, context.commands)).recent.items).toEqual([]);
  });

  it('knows which commands and clicks change a Home tab', async () => {
    expect(commandChangesHome('remind review 2h before')).toBe(true);
    expect(commandChangesHome('subscribe peacekeeping')).toBe(true);
    expect(commandChangesHome('unsubscribe 1')).toBe(true);
    expect(commandChangesHome('peacekeeping')).toBe(false);
    expect(actionChangesHome({ kind: 'cancel-reminder', reminderId: '1' })).toBe(true);
    expect(actionChangesHome({ kind: 'open', eventId: 'x' })).toBe(false);
  });

  it('says in a sentence what a click did', async () => {
    expect(homeNote({ kind: 'notice', tone: 'info', text: 'Cancelled.' })).toBe('Cancelled.');
    expect(homeNote({ kind: 'help', examples: [], actions: [] } as never)).toBeUndefined();
  });
});
