import type { AuditedField, AuditRecord } from '../ports/archive-audit.js';
import type { GapsReport } from './gaps.js';

/** One part of the gaps report as plain lines; every door renders these (escaping as it must). */
export interface GapsSection {
  title: string;
  lines: string[];
}

const FIELD_LABEL: Record<AuditedField, string> = {
  summary: 'a summary',
  themes: 'themes',
  speakers: 'speakers',
  url: 'a link (url)',
  timezone: 'a time zone',
};

/** Where a record lives, so a wrong one can be fixed at its source: `data/x.md:3`, or its id. */
function recordSource(record: AuditRecord): string {
  if (!record.source) return `id ${record.id}`;
  return record.source.line ? `${record.source.file}:${record.source.line}` : record.source.file;
}

function recordLine(record: AuditRecord): string {
  return `${record.title} (${record.start.slice(0, 10)}) — ${recordSource(record)}`;
}

/** The report as titled sections of plain lines, in the order keepers act on them. */
export function gapsSections(report: GapsReport): GapsSection[] {
  const plural = (n: number, one: string, many = `${one}s`) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  return [
    {
      title: `Searches that found nothing (last ${report.missDays} days)`,
      lines: report.misses.length
        ? report.misses.map(
            (m) => `“${m.query}” — ${plural(m.count, 'time')}${m.teamId ? ` · workspace ${m.teamId}` : ''}`,
          )
        : ['None: every search found something.'],
    },
    {
      title: `Records missing a field (of ${plural(report.events, 'event')})`,
      lines: report.missing.length
        ? report.missing.flatMap((m) => [
            `No ${FIELD_LABEL[m.field]}: ${plural(m.count, 'event')}`,
            ...m.examples.map((r) => `    ${recordLine(r)}`),
          ])
        : ['None: every record has a summary, themes, speakers, a link and a time zone.'],
    },
    {
      title: 'Likely duplicates',
      lines: report.duplicates.length
        ? report.duplicates.flatMap((g) => [
            g.reason === 'same-link'
              ? `Same link, ${plural(g.events.length, 'record')}:`
              : `Same title on the same day, ${plural(g.events.length, 'record')}:`,
            ...g.events.map((r) => `    ${recordLine(r)}`),
          ])
        : ['None found.'],
    },
    {
      title: 'Theme names that look alike',
      lines: report.similarThemes.length
        ? report.similarThemes.map(
            (p) =>
              `“${p.titles[0]}” (${plural(p.counts[0], 'event')}) and “${p.titles[1]}” (${plural(p.counts[1], 'event')})`,
          )
        : ['None found.'],
    },
  ];
}
