import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { findIana, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import displayNames from './windows-display-names.json' with { type: 'json' };

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

  override utcOffset(tt: ICAL.Time): number {
    const wall = { year: tt.year, month: tt.month, day: tt.day, hour: tt.hour, minute: tt.minute };
    const key = `${wall.year}-${wall.month}-${wall.day} ${wall.hour}:${wall.minute}`;
    const offset = this.offsets.get(key) ?? DateTime.fromObject(wall, { zone: this.iana }).offset * 60;
    this.offsets.set(key, offset);
    return offset;
  }
}

/** How a TZID was understood; `guess` says what was assumed where the file did not say it plainly. */
export interface Zone {
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
 * Resolves a TZID: IANA names, Windows ids and display names, the file's own VTIMEZONE (custom
 * Microsoft and numeric TZIDs), then with a guess: UTC/GMT offsets and "Area/Country". Undefined when
 * nothing fits.
 */
export function resolveZone(tzid: string, vtimezones: Map<string, ICAL.Component>): Zone | undefined {
  // germany_at_end_of_day_repeating.ics (Google) writes `DTEND;TZID=TZID=Europe/Germany:…`.
  const name = tzid.replace(/^\s*TZID=/i, '').trim();
  const iana = (zone: string | undefined, guess?: string) =>
    zone && { tz: new IanaTimezone(zone), iana: zone, guess };
  const vtz = vtimezones.get(tzid) ?? vtimezones.get(name);
  const location = canonicalZone(String(vtz?.getFirstPropertyValue('x-lic-location') ?? ''));
  const known = iana(canonicalZone(name) ?? windowsZone(name) ?? location);
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

let windowsNames: Map<string, string> | undefined;
const looseKey = (name: string) =>
  name
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9+-]/gi, '')
    .toLowerCase();

/** "W. Europe Standard Time", or a display name such as "(UTC-05:00) Eastern Time (US & Canada)". */
function windowsZone(name: string): string | undefined {
  if (!windowsNames) {
    windowsNames = new Map(WINDOWS_TO_IANA_MAP.map((e) => [looseKey(e.windowsName), e.windowsName]));
    for (const [display, id] of Object.entries(displayNames)) windowsNames.set(looseKey(display), id);
  }
  const id = windowsNames.get(looseKey(name.replace(/^\((?:UTC|GMT)[^)]*\)\s*/i, '')));
  return id ? findIana(id).map(canonicalZone).find(Boolean) : undefined;
}

let countryZones: Map<string, string> | undefined;

/** "Germany" → Europe/Berlin, from the English names of the territories windows-iana maps. */
function countryZone(country: string): string | undefined {
  if (!countryZones) {
    const regions = new Intl.DisplayNames(['en'], { type: 'region' });
    countryZones = new Map();
    for (const { territory, iana } of WINDOWS_TO_IANA_MAP) {
      const key = /^[A-Z]{2}$/.test(territory) ? looseKey(regions.of(territory) ?? '') : '';
      if (key && !countryZones.has(key)) countryZones.set(key, canonicalZone(iana[0]) ?? iana[0]);
    }
  }
  return countryZones.get(looseKey(country));
}
