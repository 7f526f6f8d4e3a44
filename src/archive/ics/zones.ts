import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { findIana, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import type { LineProblem, ReadCalendar } from './read.js';
import displayNames from './windows-display-names.json' with { type: 'json' };

/** Where floating times go (X-WR-TIMEZONE, else the configured default), and the calendar's own zone. */
export type Placement = { floating: string; calendar?: string };

/**
 * An IANA zone as ical.js sees it, for TZIDs without a usable VTIMEZONE: offsets come from the IANA
 * database through luxon, so ical.js's recurrence, EXDATE and UNTIL arithmetic is right in every year.
 */
export class IanaTimezone extends ICAL.Timezone {
  /** By wall-clock minute: ical.js asks for the same few times over and over while iterating. */
  private readonly offsets = new Map<string, number>();

  /** `shown`: whether events are recorded in this zone by name; not for fixed offsets like UTC+1. */
  constructor(
    readonly iana: string,
    readonly shown = true,
  ) {
    super({ tzid: iana });
  }

  override utcOffset({ year, month, day, hour, minute }: ICAL.Time): number {
    const key = `${year}-${month}-${day} ${hour}:${minute}`;
    const wall = { year, month, day, hour, minute };
    const offset = this.offsets.get(key) ?? DateTime.fromObject(wall, { zone: this.iana }).offset * 60;
    this.offsets.set(key, offset);
    return offset;
  }
}

/** How a TZID was understood; `guess` says what was assumed where the file did not say it plainly. */
interface Zone {
  tz: ICAL.Timezone;
  /** The IANA name events are shown in, when there is one. */
  iana?: string;
  guess?: string;
}

/** The canonical IANA name for `name`, if it is one ("US/Pacific" → "America/Los_Angeles"). */
export function canonicalZone(name: string): string | undefined {
  if (!name || !IANAZone.isValidZone(name)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

/**
 * Tells ical.js every zone the file uses, so its recurrence, EXDATE and UNTIL arithmetic sees real
 * offsets (it reads a TZID it does not know as floating). The registry is global: the caller resets it
 * after each file. Returns where floating times go: X-WR-TIMEZONE, else the configured default.
 */
export function registerZones(read: ReadCalendar, defaultZone: string, warnings: LineProblem[]): Placement {
  const all = read.roots.flatMap((root) => root.getAllSubcomponents('vtimezone'));
  const vtimezones = new Map(all.map((vtz) => [String(vtz.getFirstPropertyValue('tzid') ?? ''), vtz]));
  let placement: Placement = { floating: defaultZone };
  const declared = read.roots[0].getFirstProperty('x-wr-timezone');
  const name = String(declared?.getFirstValue() ?? '').trim();
  if (name) {
    const zone = resolveZone(name, vtimezones);
    if (zone?.iana) placement = { floating: zone.iana, calendar: zone.iana };
    const message = zone?.iana ? zone.guess : `cannot read floating times in "${name}"; using ${defaultZone}`;
    if (message) warnings.push({ line: read.lineOf(declared), field: 'X-WR-TIMEZONE', message });
  }
  for (const [tzid, line] of read.tzids) {
    const zone = resolveZone(tzid, vtimezones);
    const message = zone ? zone.guess : `unknown time zone "${tzid}"; read in ${placement.floating}`;
    if (message) warnings.push({ line, field: 'TZID', message });
    ICAL.TimezoneService.register(zone?.tz ?? new IanaTimezone(placement.floating), tzid);
  }
  // ical.js prefers a file's VTIMEZONE to the registry; where the IANA database knows the zone it is the
  // better source (Exchange writes only the current year's rules), so the file's copy is set aside.
  for (const [tzid, vtz] of vtimezones) {
    if (ICAL.TimezoneService.get(tzid) instanceof IanaTimezone) vtz.parent?.removeSubcomponent(vtz);
  }
  return placement;
}

/**
 * Resolves a TZID: IANA names, Windows ids and display names, the file's own VTIMEZONE (custom
 * Microsoft and numeric TZIDs), then with a guess: UTC/GMT offsets and "Area/Country".
 */
function resolveZone(tzid: string, vtimezones: Map<string, ICAL.Component>): Zone | undefined {
  // germany_at_end_of_day_repeating.ics (Google) writes `DTEND;TZID=TZID=Europe/Germany:…`.
  const name = tzid.replace(/^\s*TZID=/i, '').trim();
  const iana = (zone: string | undefined, guess?: string) =>
    zone && { tz: new IanaTimezone(zone), iana: zone, guess };
  const vtz = vtimezones.get(tzid) ?? vtimezones.get(name);
  // A VTIMEZONE may name its IANA zone itself, as libical and Mozilla calendars write it.
  const location = String(vtz?.getFirstPropertyValue('x-lic-location') ?? '');
  const known = iana(canonicalZone(name) ?? windowsZone(name) ?? canonicalZone(location));
  if (known || vtz) return known || { tz: new ICAL.Timezone(vtz) };
  const offset = /^\(?\s*(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?/i.exec(name);
  if (offset) {
    const fixed = `UTC${offset[1]}${Number(offset[2])}${Number(offset[3] ?? 0) ? `:${offset[3]}` : ''}`;
    return {
      tz: new IanaTimezone(fixed, false),
      guess: `"${name}" read as ${fixed}, without daylight saving`,
    };
  }
  const country = countryZone(/^[A-Za-z]+\/([A-Za-z _]+)$/.exec(name)?.[1] ?? '');
  return iana(country, `"${name}" is not a time zone; read as ${country}`) || undefined;
}

/** "W. Europe Standard Time", or a display name such as "(UTC-05:00) Eastern Time (US & Canada)". */
function windowsZone(name: string): string | undefined {
  const display = name.replace(/^\((?:UTC|GMT)[^)]*\)\s*/i, '');
  const ids: Record<string, string> = displayNames;
  // windows-quoted-tz-rrule.ics writes "(UTC-05:00) Eastern Time (US and Canada)" for Windows's "US & Canada".
  const id = ids[display] ?? ids[display.replace(/ and /g, ' & ')] ?? name;
  return findIana(id).map(canonicalZone).find(Boolean);
}

/** "Germany" → Europe/Berlin, from the English names of the territories windows-iana maps. */
function countryZone(country: string): string | undefined {
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  const named = (territory: string) => /^[A-Z]{2}$/.test(territory) && regions.of(territory) === country;
  const iana = WINDOWS_TO_IANA_MAP.find((e) => named(e.territory))?.iana[0];
  return iana && (canonicalZone(iana) ?? iana);
}
