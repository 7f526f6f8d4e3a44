import { afterAll, describe, expect, it } from 'vitest';
import { isArchiveHost, unfurlCards } from '../../../src/core/links/unfurl.js';
import { relevanceContext } from '../../helpers/search.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());
const DARFUR =
  'https://www.ipinst.org/events/darfur-after-the-abuja-agreement-protecting-civilians-on-the-ground';
const deps = () => ({ commands: context.commands, domains: ['ipinst.org'] });

describe('unfurling pasted links', () => {
  it('matches an event’s URL whatever the scheme, www, trailing slash or query string', () => {
    const pasted = [
      DARFUR,
      DARFUR.replace('https://', 'http://'),
      DARFUR.replace('www.', ''),
      `${DARFUR}/`,
      `${DARFUR}?utm_source=newsletter#top`,
    ];
    const cards = unfurlCards(
      pasted.map((url) => ({ url })),
      deps(),
    );
    expect([...cards.keys()]).toEqual(pasted);
    for (const reply of cards.values()) {
      expect(reply.kind === 'event' && reply.event.title).toBe(
        'Darfur after the Abuja Agreement: Protecting Civilians on the Ground',
      );
      expect(reply.kind === 'event' && reply.actions).toEqual([]);
    }
  });

  it('leaves other pages of the domain, other domains and odd schemes alone', () => {
    const cards = unfurlCards(
      [
        { url: 'https://www.ipinst.org/events/no-such-event' },
        { url: DARFUR.replace('ipinst.org', 'example.org') },
        { url: DARFUR.replace('https:', 'ftp:') },
        { url: 'not a url' },
      ],
      deps(),
    );
    expect(cards.size).toBe(0);
    expect(unfurlCards([{ url: DARFUR }], { ...deps(), domains: [] }).size).toBe(0);
  });

  it('knows the archive’s hosts and their subdomains, and nothing that merely ends alike', () => {
    expect(isArchiveHost('www.ipinst.org', ['ipinst.org'])).toBe(true);
    expect(isArchiveHost('IPINST.ORG', ['ipinst.org'])).toBe(true);
    expect(isArchiveHost('evilipinst.org', ['ipinst.org'])).toBe(false);
  });
});
