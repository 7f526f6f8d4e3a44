import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { ListItem } from '../../core/commands/reply.js';
import type { SearchForm } from '../../core/shortcuts/search-form.js';
import { SlackIds } from '../ids.js';
import { compact, context, plain, section } from './blocks.js';
import { LIMITS } from './limits.js';
import { escapeTruncate, link, oneLine } from './mrkdwn.js';
import { slackWhen } from './text-fit.js';

const fields = SlackIds.searchFields;

/** What the search modal shows: the type choices, what was asked, and what it found. */
export interface SearchModalState {
  /** Event types offered in the type menu, most used first. */
  types: string[];
  form?: SearchForm;
  results?: { items: ListItem[]; more: boolean; summary: string };
  /** True for the placeholder opened within the trigger's 3 seconds, before the types are read. */
  loading?: boolean;
}

/**
 * The "Search the event archive" modal: words, type, year, place and speaker, then the results in the
 * same modal (Search again updates it). Titles link to the event's page; everything is escaped.
 */
export function searchModal(state: SearchModalState): ModalView {
  const base = {
    type: 'modal' as const,
    callback_id: SlackIds.surfaces.searchModal,
    title: plain('Search the archive', 24),
    close: plain('Close', 24),
  };
  if (state.loading) return { ...base, blocks: [section('Opening the archive…')] };
  const form = state.form ?? {};
  const blocks = compact([
    textInput(fields.words, 'Words', 'peacekeeping finland, a title, a theme', form.words, 300),
    typeInput(state.types, form.type),
    textInput(fields.year, 'Year', '2019', form.year, 4),
    textInput(fields.place, 'Place', 'New York', form.place, 100),
    textInput(fields.speaker, 'Speaker', 'a surname is enough', form.speaker, 100),
    ...resultBlocks(state.results),
  ]);
  return { ...base, submit: plain(state.results ? 'Search again' : 'Search', 24), blocks };
}

function textInput(
  id: string,
  label: string,
  hint: string,
  value: string | undefined,
  max: number,
): InputBlock {
  return {
    type: 'input',
    block_id: id,
    optional: true,
    label: plain(label, 2000),
    element: {
      type: 'plain_text_input',
      action_id: id,
      max_length: max,
      placeholder: plain(hint, LIMITS.placeholder),
      ...(value ? { initial_value: value.slice(0, max) } : {}),
    },
  };
}

function typeInput(types: string[], chosen: string | undefined): InputBlock | undefined {
  const options: PlainTextOption[] = types
    .filter((t) => t.length <= LIMITS.optionValue)
    .slice(0, LIMITS.selectOptions)
    .map((t) => ({ text: plain(t, LIMITS.optionText), value: t }));
  if (!options.length) return undefined;
  const initial = options.find((o) => o.value === chosen);
  return {
    type: 'input',
    block_id: fields.type,
    optional: true,
    label: plain('Type', 2000),
    element: {
      type: 'static_select',
      action_id: fields.type,
      placeholder: plain('Any type', LIMITS.placeholder),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function resultBlocks(results: SearchModalState['results']): KnownBlock[] {
  if (!results) return [];
  const heading = results.items.length
    ? `*${results.items.length}${results.more ? '+' : ''} found* for ${escapeTruncate(oneLine(results.summary), 300)}`
    : `Nothing found for ${escapeTruncate(oneLine(results.summary), 300)}. Try fewer words or filters.`;
  return compact([
    { type: 'divider' },
    section(heading),
    ...results.items.map((item) => {
      const title = item.event.url
        ? link(item.event.url, item.event.title)
        : `*${escapeTruncate(oneLine(item.event.title), 200)}*`;
      const facts = [item.event.type, item.event.location]
        .filter(Boolean)
        .map((f) => escapeTruncate(oneLine(f ?? ''), 120));
      return section(`${title}\n${[slackWhen(item.when), ...facts].join(' · ')}`);
    }),
    results.more
      ? context([escapeTruncate('More match: add words or filters to narrow it.', 200)])
      : undefined,
  ]);
}

/** Reads the modal's inputs from a view_submission's `view.state.values`. */
export function readSearchForm(
  values: Record<
    string,
    Record<string, { value?: string | null; selected_option?: { value?: string } | null }>
  >,
): SearchForm {
  const text = (id: string) => values[id]?.[id]?.value ?? undefined;
  return {
    words: text(fields.words),
    type: values[fields.type]?.[fields.type]?.selected_option?.value ?? undefined,
    year: text(fields.year),
    place: text(fields.place),
    speaker: text(fields.speaker),
  };
}
