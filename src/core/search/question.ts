/**
 * How people ask in plain words: "what did we host on mediation", "was there anything about the
 * Sahel", "who spoke at the Arctic forum", "how many events on cyber", "events hosted by Norway",
 * "when did Kaljulaid speak". The scaffolding is taken off; "hosted by"/"co-hosted with" name hosts,
 * "spoke"/"speech by" name speakers, and "how many"/"which"/"everything" ask for a count and a list.
 */
export interface QuestionReading {
  /** The text with the question's scaffolding removed. */
  text: string;
  /** "how many", "which", "everything": answer with a total and a dated list. */
  count: boolean;
  /** Words named as hosts ("hosted by norway") or speakers ("when did kaljulaid speak"). */
  host?: string;
  speaker?: string;
}

const VERB = '(?:host|hold|have|do|run|organi[sz]e|cover|discuss)(?:ed|ing)?';
const ABOUT = '(?:on|about|around|regarding|concerning|for|with|related to|to do with)';
const THING = '(?:anything|something|any events?|an event|events?|any panels?|a panel|panels?|sessions?)';

/** Openers that carry no meaning, each removed from the start of the text. */
const OPENERS: { pattern: RegExp; count?: boolean }[] = [
  {
    pattern: new RegExp(
      `^how many (?:events?|times|panels?|sessions?)?\\s*(?:did|have|has|do) (?:we|you|they)\\s+${VERB}\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
    count: true,
  },
  {
    pattern: new RegExp(
      `^how many (?:events?|times|panels?|sessions?)?\\s*(?:were|was|are|is) there\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
    count: true,
  },
  { pattern: new RegExp(`^how many (?:events?|panels?|sessions?)?\\s*(?:${ABOUT}\\s+)?`, 'i'), count: true },
  {
    pattern: new RegExp(
      `^which (?:events?|panels?|sessions?|ones?)?\\s*(?:(?:did|have|has) (?:we|you|they)\\s+${VERB}|were|was|are|had|have)?\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
    count: true,
  },
  {
    pattern: new RegExp(
      `^(?:list|show)(?: me)? (?:all|every)(?: of)?(?: the)? (?:events?|panels?)?\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
    count: true,
  },
  {
    pattern: new RegExp(
      `^(?:everything|every|all)(?: the)?(?: events?)?\\s*(?:(?:we|you) (?:did|had|have done|held|hosted)\\s*)?(?:${ABOUT}\\s+)?`,
      'i',
    ),
    count: true,
  },
  {
    pattern: new RegExp(
      `^what (?:events? |panels? )?(?:did|have|has|do) (?:we|you|they)\\s+${VERB}\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
  },
  { pattern: new RegExp(`^(?:was|is|were|are) there (?:ever )?${THING}\\s*(?:${ABOUT}\\s+)?`, 'i') },
  {
    pattern: new RegExp(
      `^(?:did|have|has) (?:we|you|they) (?:ever )?${VERB}\\s*(?:${THING}\\s*)?(?:${ABOUT}\\s+)?`,
      'i',
    ),
  },
  { pattern: new RegExp(`^(?:do|does) (?:we|you) have ${THING}\\s*(?:${ABOUT}\\s+)?`, 'i') },
  {
    pattern:
      /^who (?:spoke|speaks|talked|presented|was speaking|were the speakers|was on the panel|were the panelists) (?:at|on|in|about|during|for)\s+/i,
  },
  { pattern: /^who (?:hosted|organi[sz]ed|co-?hosted|ran|convened)\s+/i },
  { pattern: /^(?:when|where) (?:was|were|is|did) (?:the |our |that )?/i },
  {
    pattern: new RegExp(
      `^(?:(?:can|could) you )?(?:please )?(?:find|show|get|look up|search for|give)(?: me)?(?: the| an| any| all)? (?:events?|panels?)?\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
  },
  {
    pattern: new RegExp(
      `^(?:looking for|i'?m looking for|i need)(?: the| an| any)? (?:events?|panels?)?\\s*(?:${ABOUT}\\s+)?`,
      'i',
    ),
  },
];

/** Endings of a question: "… take place?", "… happen?", "… held?". */
const CLOSERS = /\s+(?:take place|happen|happened|held|hosted|organi[sz]ed)\s*\??$/i;

/** Words that end a name: what follows is about something else ("hosted by norway on mediation"). */
const NAME_END =
  '(?=\\s+(?:in|on|about|during|at|after|before|since|from|for|and|or|with|where|when|that|who)\\b|[?.!,;]|$)';
const NAME = "([\\p{L}\\p{N}'’.-]+(?:\\s+[\\p{L}\\p{N}'’.-]+){0,3}?)";

const HOSTED = new RegExp(
  `\\b(?:co-?hosted|hosted|organi[sz]ed|convened|co-?organi[sz]ed|sponsored)\\s+(?:by|with|together with)\\s+${NAME}${NAME_END}`,
  'iu',
);
const SPEECH_BY = new RegExp(
  `\\b(?:speech|talk|remarks|address|keynote|lecture)\\s+(?:by|from)\\s+${NAME}${NAME_END}`,
  'iu',
);
const DID_SPEAK = new RegExp(
  `\\b(?:where|when|did|has|had|that)\\s+${NAME}\\s+(?:spoke|speak|spoken|talked|talk|presented)\\b`,
  'iu',
);
const SPOKE = new RegExp(
  `^${NAME}\\s+(?:spoke|speak|speaks|talked|presented)\\b(?:\\s+(?:at|on|about|in))?`,
  'iu',
);

/** "what did Brookings host on …": the one doing the hosting is a host. */
const WHAT_DID_HOST = new RegExp(
  `^what (?:events? )?(?:did|has|have|does) ${NAME}\\s+(?:host|hold|organi[sz]e|run|convene)d?\\s*(?:${ABOUT}\\s+)?`,
  'iu',
);
/** "what did the watch list dialogue cover": the event itself is named. */
const WHAT_DID_COVER =
  /^what (?:did|does|do|was|were) (.+?)\s+(?:cover|discuss|address|focus on|look at|talk about|about)\s*\??$/i;

/**
 * Every pattern above needs one of these words at the start, or one of these words anywhere: text
 * with neither is no question, and is not run through them. A fresh process's first query would
 * otherwise pay tens of milliseconds to compile them (case-insensitive Unicode classes).
 */
const OPENING_WORDS = [
  ...['how', 'which', 'list', 'show', 'every', 'all', 'what', 'was', 'is', 'were', 'are', 'did', 'have'],
  ...['has', 'do', 'who', 'when', 'where', 'can', 'could', 'please', 'find', 'get', 'look', 'search'],
  ...['give', 'looking', "i'm", 'im looking', 'i need'],
];
const ASKING_WORDS = [
  ...['host', 'organi', 'convened', 'sponsored', 'speech', 'talk', 'remarks', 'address', 'keynote'],
  ...['lecture', 'spoke', 'speak', 'presented', 'take place', 'happen', 'held'],
];

function mayBeQuestion(text: string): boolean {
  // /iu also folds the long s (ſ) to s; toLowerCase does not.
  const lower = text.toLowerCase().replace(/\u017f/g, 's');
  return OPENING_WORDS.some((w) => lower.startsWith(w)) || ASKING_WORDS.some((w) => lower.includes(w));
}

/** Reads the question in `text`, or returns it unchanged when it is not one. */
export function readQuestion(input: string): QuestionReading {
  let text = input.trim();
  let count = false;
  if (!mayBeQuestion(text)) return { text: text.replace(/\s+/g, ' ').trim(), count, host: undefined };
  const covered = WHAT_DID_COVER.exec(text);
  if (covered) text = covered[1];
  let host: string | undefined;
  const hosting = WHAT_DID_HOST.exec(text);
  if (hosting && !/^(?:we|you|they|i)$/i.test(hosting[1])) {
    host = hosting[1];
    text = text.slice(hosting[0].length);
  }
  for (const { pattern, count: counts } of OPENERS) {
    const match = pattern.exec(text);
    if (!match?.[0].trim()) continue;
    text = text.slice(match[0].length);
    count ||= counts === true;
    break;
  }
  text = text.replace(CLOSERS, '');
  const reading: QuestionReading = { text, count, host };
  const take = (pattern: RegExp, key: 'host' | 'speaker') => {
    const match = pattern.exec(reading.text);
    if (!match || reading[key]) return;
    reading[key] = match[1];
    reading.text = `${reading.text.slice(0, match.index)} ${reading.text.slice(match.index + match[0].length)}`;
  };
  take(HOSTED, 'host');
  take(SPEECH_BY, 'speaker');
  take(DID_SPEAK, 'speaker');
  take(SPOKE, 'speaker');
  reading.text = reading.text.replace(/\s+/g, ' ').trim();
  return reading;
}
