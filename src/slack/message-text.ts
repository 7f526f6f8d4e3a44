/**
 * Reading what someone typed in a Slack message as plain text. Slack sends message text in its own
 * markup: `&amp;`, `&lt;`, `&gt;` for the three control characters, `<@U123>` for a mention,
 * `<#C123|name>` for a channel, `<https://…|label>` for a link, `<!here>` for a broadcast. A use-case
 * wants the words; the views escape whatever it echoes back, so nothing here can inject a mention.
 */

/** Plain text of Slack message markup: links as their URL, mentions of `dropUser` removed, others as `@user`. */
export function plainMessageText(text: string, dropUser?: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_token, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return target.slice(1) === dropUser ? ' ' : label ? `@${label}` : ' ';
    if (target.startsWith('#')) return label ? `#${label}` : ' ';
    if (target.startsWith('!')) return ' ';
    return target;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * What a mention or a DM asks, as `/event` text: the bot's own mention and a leading `/event` or
 * `event` are dropped, so "@Event Archive upcoming mediation" and "/event upcoming" both read
 * "upcoming mediation".
 */
export function commandTextFromMessage(text: string, botUserId?: string): string {
  return plainMessageText(text, botUserId)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/?event\b:?\s*/i, '');
}
