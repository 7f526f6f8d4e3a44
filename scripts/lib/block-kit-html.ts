/**
 * A small HTML rendering of Block Kit, close enough to Slack's to judge how a reply reads: headers,
 * sections (text, fields, an accessory), context, actions (buttons, selects, overflow), dividers,
 * inputs, and mrkdwn (bold, italic, strike, code, links, quotes, date tokens, mentions). It is for
 * looking at replies (scripts/render-replies.ts), not a faithful copy of Slack's client.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text that is already entity-escaped the way Slack wants (`&amp;`, `&lt;`, `&gt;`) is safe HTML text too. */
function entities(text: string): string {
  return text
    .replace(/&(?!amp;|lt;|gt;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** mrkdwn as HTML: Slack's tokens first (they hold `<` and `>`), then the inline styles, then line breaks. */
export function mrkdwnToHtml(text: string): string {
  const tokens: string[] = [];
  const keep = (html: string) => `\u0000${tokens.push(html) - 1}\u0000`;
  let s = text.replace(/<([^<>]+)>/g, (_m, inner: string) => {
    const [target, label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('!date^')) return keep(`<span class="date">${entities(label ?? target)}</span>`);
    if (target.startsWith('@'))
      return keep(`<span class="mention">@${target.slice(1, 6).toLowerCase()}…</span>`);
    if (target.startsWith('#')) return keep(`<span class="mention">#${entities(label ?? 'channel')}</span>`);
    if (target.startsWith('!')) return keep(`<span class="mention">@${entities(target.slice(1))}</span>`);
    return keep(`<a href="${entities(target)}">${entities(label ?? target)}</a>`);
  });
  s = entities(s);
  s = s.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`<code>${code}</code>`));
  s = s.replace(/(^|[\s(“"])\*([^*\n]+)\*(?=$|[\s).,:;!?”"—])/gm, '$1<b>$2</b>');
  s = s.replace(/(^|[\s(“"])_([^_\n]+)_(?=$|[\s).,:;!?”"—])/gm, '$1<i>$2</i>');
  s = s.replace(/(^|\s)~([^~\n]+)~(?=$|\s)/gm, '$1<s>$2</s>');
  s = s.replace(/^&gt; ?(.*)$/gm, '<span class="quote">$1</span>');
  // This machine has no colour-emoji font, so an emoji shows as its name rather than an empty box.
  s = s.replace(/:([a-z_]+):/g, (_m, name: string) => `<span class="emoji">${EMOJI[name] ?? name}</span>`);
  s = s.replace(/\n/g, '<br>');
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => tokens[Number(i)] ?? '');
}

const EMOJI: Record<string, string> = {
  warning: 'warning',
  information_source: 'info',
  white_check_mark: 'done',
  x: 'error',
  alarm_clock: 'alarm clock',
  calendar: 'calendar',
  mega: 'megaphone',
  lock: 'lock',
  double_vertical_bar: 'paused',
};

function textObject(node: unknown): string {
  if (!isObject(node) || typeof node.text !== 'string') return '';
  return node.type === 'mrkdwn' ? mrkdwnToHtml(node.text) : entities(node.text);
}

function element(el: unknown): string {
  if (!isObject(el)) return '';
  const a11y =
    typeof el.accessibility_label === 'string' ? ` title="${entities(el.accessibility_label)}"` : '';
  switch (el.type) {
    case 'button': {
      const style = typeof el.style === 'string' ? ` ${el.style}` : '';
      const confirm = isObject(el.confirm) ? ' <span class="confirm">(asks first)</span>' : '';
      const link = typeof el.url === 'string' ? ' ↗' : '';
      return `<span class="button${style}"${a11y}>${textObject(el.text)}${link}</span>${confirm}`;
    }
    case 'static_select':
    case 'overflow': {
      const options = Array.isArray(el.options) ? el.options : [];
      const label = el.type === 'overflow' ? '⋯' : textObject(el.placeholder);
      const list = options.map((o) => `<li>${textObject(isObject(o) ? o.text : undefined)}</li>`).join('');
      return `<span class="select">${label} ▾<ul>${list}</ul></span>`;
    }
    case 'plain_text_input':
      return `<span class="input">${textObject(el.placeholder) || '&nbsp;'}</span>`;
    case 'image':
      return '<span class="image">▣</span>';
    default:
      return `<span class="unknown">[${entities(String(el.type))}]</span>`;
  }
}

function block(b: unknown): string {
  if (!isObject(b)) return '';
  switch (b.type) {
    case 'header':
      return `<div class="header">${textObject(b.text)}</div>`;
    case 'divider':
      return '<hr>';
    case 'section': {
      const text = b.text ? `<div class="text">${textObject(b.text)}</div>` : '';
      const fields = Array.isArray(b.fields)
        ? `<div class="fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      const accessory = b.accessory ? `<div class="accessory">${element(b.accessory)}</div>` : '';
      return `<div class="section"><div class="body">${text}${fields}</div>${accessory}</div>`;
    }
    case 'context': {
      const parts = Array.isArray(b.elements) ? b.elements : [];
      return `<div class="context">${parts.map((p) => (isObject(p) && p.type === 'image' ? element(p) : `<span>${textObject(p)}</span>`)).join(' ')}</div>`;
    }
    case 'actions': {
      const parts = Array.isArray(b.elements) ? b.elements : [];
      return `<div class="actions">${parts.map(element).join(' ')}</div>`;
    }
    case 'input':
      return `<div class="inputblock"><div class="label">${textObject(b.label)}</div>${element(b.element)}${b.hint ? `<div class="context">${textObject(b.hint)}</div>` : ''}</div>`;
    default:
      return `<div class="unknown">[${entities(String(b.type))} block]</div>`;
  }
}

/** One reply as an HTML page: a title, the message's `text` fallback, and its blocks as Slack lays them out. */
export function replyPage(
  title: string,
  payload: { text?: string; blocks: readonly unknown[]; modalTitle?: string },
): string {
  const chrome = payload.modalTitle
    ? `<div class="modal-title">${entities(payload.modalTitle)}</div>`
    : '<div class="who"><b>Event Archive</b> <span class="app">APP</span> <span class="time">12:00</span></div>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${entities(title)}</title><style>${CSS}</style></head>
<body><div class="caption">${entities(title)}${payload.text ? ` · text: “${entities(payload.text)}”` : ''}</div>
<div class="message${payload.modalTitle ? ' modal' : ''}">${chrome}${payload.blocks.map(block).join('\n')}</div></body></html>`;
}

const CSS = `
body { font: 15px/1.46668 -apple-system, "Segoe UI", Lato, "Noto Sans", Arial, sans-serif; color: #1d1c1d; margin: 0; padding: 12px 16px; background: #fff; }
.caption { font-size: 12px; color: #616061; border-bottom: 1px solid #ddd; padding-bottom: 6px; margin-bottom: 10px; }
.message { max-width: 680px; }
.message.modal { border: 1px solid #ccc; border-radius: 8px; padding: 12px 20px; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.modal-title { font-weight: 900; font-size: 20px; margin-bottom: 10px; }
.who { margin-bottom: 4px; } .app { background: #e8e8e8; font-size: 10px; padding: 1px 3px; border-radius: 2px; color: #616061; } .time { color: #616061; font-size: 12px; }
.header { font-weight: 900; font-size: 18px; margin: 8px 0 4px; }
.section { display: flex; justify-content: space-between; gap: 12px; margin: 6px 0; }
.section .body { flex: 1; } .accessory { flex: none; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; margin-top: 4px; }
.context { color: #616061; font-size: 13px; margin: 4px 0; }
.context span + span::before { content: ""; }
.actions { margin: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
.button { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 3px 12px; font-weight: 700; font-size: 14px; background: #fff; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.button.danger { color: #e01e5a; border-color: #e01e5a; }
.confirm { color: #888; font-size: 11px; }
.select { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 3px 10px; font-size: 14px; color: #616061; position: relative; }
.select ul { display: none; }
.input { display: block; border: 1px solid #bbb; border-radius: 4px; padding: 6px; color: #999; min-height: 20px; }
.inputblock { margin: 10px 0; } .label { font-weight: 700; margin-bottom: 4px; }
code { font-family: Menlo, Consolas, monospace; font-size: 12px; color: #e01e5a; background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; }
a { color: #1264a3; text-decoration: none; }
.date { color: #1264a3; } .mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
.quote { border-left: 4px solid #ddd; padding-left: 8px; display: inline-block; }
hr { border: 0; border-top: 1px solid #ddd; margin: 12px 0; }
.unknown { color: #e01e5a; }
.emoji { font-size: 10px; color: #616061; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; text-transform: uppercase; }
`;
