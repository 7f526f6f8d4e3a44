import { whenOf } from '../commands/actions.js';
import type { CommandDeps } from '../commands/deps.js';
import type { Reply } from '../commands/reply.js';

/** Slack sends at most this many links per link_shared event; more would be a forged payload. */
const MAX_LINKS = 10;

/**
 * What unfurling reads: the search index (whose `eventByUrl` compares a pasted link leniently: scheme,
 * www, trailing slash, query) and which domains are the archive's.
 */
export interface UnfurlDeps {
  commands: CommandDeps;
  /** The archive's own domains; a link elsewhere is left alone. */
  domains: readonly string[];
}

/** True when `host` is one of `domains` or a subdomain of one. */
export function isArchiveHost(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * The cards to unfurl pasted links into (`link_shared` → `chat.unfurl`), keyed by the URL exactly as
 * Slack sent it. Only http(s) links on the archive's domains that point at an archived event get one;
 * every other URL is left alone. Cards carry no buttons: an unfurl belongs to someone else's message.
 */
export function unfurlCards(links: readonly { url: string }[], deps: UnfurlDeps): Map<string, Reply> {
  const out = new Map<string, Reply>();
  for (const { url } of links.slice(0, MAX_LINKS)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
    if (!isArchiveHost(parsed.hostname, deps.domains)) continue;
    const id = deps.commands.index.eventByUrl(url);
    const event = id ? deps.commands.index.events([id])[0] : undefined;
    if (!event) continue;
    out.set(url, {
      kind: 'event',
      event,
      when: whenOf(event, deps.commands),
      matched: [],
      more: [],
      actions: [],
    });
  }
  return out;
}
