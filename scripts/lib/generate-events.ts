import {
  af_ZA,
  cs_CZ,
  da,
  de,
  en,
  en_AU,
  en_GH,
  en_IN,
  en_NG,
  en_ZA,
  es,
  es_MX,
  fi,
  fr,
  fr_SN,
  hr,
  hu,
  id_ID,
  it,
  type LocaleDefinition,
  lv,
  nb_NO,
  nl,
  pl,
  pt_BR,
  pt_PT,
  ro,
  sk,
  sr_RS_latin,
  sv,
  tr,
  vi,
  yo_NG,
  zu_ZA,
} from '@faker-js/faker';
import { deriveEventId, type Event, type EventInput } from '../../src/core/model.js';

/**
 * A seeded synthetic archive of peace-and-security events, for benchmarks and load tests.
 * Everything random comes from one small PRNG, so the same seed and `now` always give the same archive;
 * faker contributes only its word and name lists.
 */

// ---------------------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: tiny, fast and good enough for test data; `Math.random` cannot be seeded. */
class Rng {
  private state: number;

  constructor(seed: number) {
    let s = Math.floor(seed) ^ 0x9e3779b9;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35);
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** `k` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

/** A word list written compactly: items separated by "|", spread over as many lines as suit. */
function list(text: string): readonly string[] {
  return text
    .split('|')
    .map((item) => item.replace(/\s+/g, ' ').trim())
    .filter((item) => item.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary: topics, places, institutions
// ---------------------------------------------------------------------------------------------------------

interface Topic {
  /** As it appears in titles: "Climate and Security". */
  name: string;
  /** A short noun for running text: "climate security". */
  short: string;
  tag: string;
  /** Specific sub-subjects; they give titles, themes and summaries most of their variety. */
  terms: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    name: 'UN Peacekeeping',
    short: 'peacekeeping',
    tag: 'Peacekeeping',
    terms: list(`
      troop contributions | force generation | peacekeeper safety and security | casualty evacuation |
      mandate implementation | camp security | rapid deployment | performance accountability |
      unmanned aerial vehicles | peacekeeping budgets | status-of-forces agreements | field support
    `),
  },
  {
    name: 'Mediation',
    short: 'mediation',
    tag: 'Mediation',
    terms: list(`
      mediation support | insider mediators | ceasefire negotiations | process design |
      confidence-building measures | shuttle diplomacy | peace agreement implementation |
      mediation standby teams | back-channel talks | entry points for dialogue
    `),
  },
  {
    name: 'Women, Peace and Security',
    short: 'the women, peace and security agenda',
    tag: 'Women, Peace and Security',
    terms: list(`
      women mediators | gender-responsive budgeting | national action plans |
      women's meaningful participation | women human rights defenders | gender advisers |
      feminist foreign policy | women-led civil society | gender parity in uniformed personnel |
      Resolution 1325
    `),
  },
  {
    name: 'Climate and Security',
    short: 'climate security',
    tag: 'Climate and Security',
    terms: list(`
      climate-related security risks | drought and displacement | sea-level rise |
      climate adaptation finance | environmental peacebuilding | transboundary water management |
      desertification | climate security advisers | early warning for extreme weather | loss and damage
    `),
  },
  {
    name: 'Counterterrorism',
    short: 'counterterrorism',
    tag: 'Counterterrorism',
    terms: list(`
      terrorist financing | foreign terrorist fighters | prison radicalization | repatriation of detainees |
      terrorist use of the internet | border screening | rehabilitation and reintegration |
      human rights safeguards | designation regimes | aviation security
    `),
  },
  {
    name: 'Violent Extremism',
    short: 'the prevention of violent extremism',
    tag: 'Violent Extremism',
    terms: list(`
      community resilience | online radicalization | youth engagement | religious leaders |
      counter-narratives | local prevention networks | disengagement programs | education for tolerance
    `),
  },
  {
    name: 'Humanitarian Access',
    short: 'humanitarian access',
    tag: 'Humanitarian Action',
    terms: list(`
      humanitarian negotiations | cross-line deliveries | cross-border aid | sanctions exemptions |
      aid worker security | bureaucratic impediments | principled humanitarian action |
      deconfliction mechanisms | access monitoring
    `),
  },
  {
    name: 'Security Council Reform',
    short: 'Council reform',
    tag: 'UN Security Council',
    terms: list(`
      veto restraint | permanent membership | elected members | working methods | penholdership |
      intergovernmental negotiations | equitable regional representation | the Arria-formula |
      sanctions committees
    `),
  },
  {
    name: 'Small Arms and Light Weapons',
    short: 'small arms control',
    tag: 'Arms Control',
    terms: list(`
      weapons and ammunition management | stockpile security | illicit arms flows | marking and tracing |
      the Arms Trade Treaty | end-user certificates | craft-produced weapons | diversion of arms
    `),
  },
  {
    name: 'Cyber Norms',
    short: 'cyber diplomacy',
    tag: 'Cyber',
    terms: list(`
      responsible state behavior in cyberspace | ransomware | critical infrastructure protection |
      the Open-Ended Working Group | attribution of cyber operations | cyber capacity building |
      confidence-building in cyberspace | spyware
    `),
  },
  {
    name: 'Protection of Civilians',
    short: 'civilian protection',
    tag: 'Protection of Civilians',
    terms: list(`
      explosive weapons in populated areas | unarmed civilian protection | community alert networks |
      civilian harm mitigation | protection of health care | conflict-related sexual violence |
      protection by presence | physical protection
    `),
  },
  {
    name: 'Peacebuilding',
    short: 'peacebuilding',
    tag: 'Peacebuilding',
    terms: list(`
      the Peacebuilding Fund | local peacebuilding | national ownership | social cohesion | peace dividends |
      infrastructures for peace | the peacebuilding architecture | quick-impact projects
    `),
  },
  {
    name: 'Conflict Prevention',
    short: 'prevention',
    tag: 'Conflict Prevention',
    terms: list(`
      early warning and early action | preventive diplomacy | structural prevention | risk analysis |
      good offices | horizon scanning | national prevention strategies | atrocity prevention
    `),
  },
  {
    name: 'Sustaining Peace',
    short: 'sustaining peace',
    tag: 'Sustaining Peace',
    terms: list(`
      the twin resolutions | system-wide coherence | the humanitarian-development-peace nexus |
      pooled funding | resident coordinators | joint analysis | collective outcomes
    `),
  },
  {
    name: 'Youth, Peace and Security',
    short: 'youth inclusion',
    tag: 'Youth, Peace and Security',
    terms: list(`
      youth-led peacebuilding | youth unemployment | Resolution 2250 | intergenerational dialogue |
      young mediators | youth councils | civic space for young people
    `),
  },
  {
    name: 'Nuclear Disarmament',
    short: 'nuclear disarmament',
    tag: 'Disarmament',
    terms: list(`
      the Non-Proliferation Treaty | nuclear risk reduction |
      the Treaty on the Prohibition of Nuclear Weapons | nuclear-weapon-free zones | verification |
      negative security assurances | fissile material | nuclear doctrines
    `),
  },
  {
    name: 'Responsibility to Protect',
    short: 'the responsibility to protect',
    tag: 'Responsibility to Protect',
    terms: list(`
      genocide prevention | mass atrocity crimes | timely and decisive response | national focal points |
      atrocity risk assessment | the three pillars
    `),
  },
  {
    name: 'Transitional Justice',
    short: 'transitional justice',
    tag: 'Justice and Accountability',
    terms: list(`
      truth commissions | reparations | vetting | memorialization | hybrid courts | missing persons |
      amnesty provisions | victim participation
    `),
  },
  {
    name: 'Rule of Law',
    short: 'the rule of law',
    tag: 'Rule of Law',
    terms: list(`
      justice sector reform | prison administration | customary justice | anti-corruption institutions |
      legal aid | judicial independence | the Global Focal Point | mobile courts
    `),
  },
  {
    name: 'Security Sector Reform',
    short: 'security sector reform',
    tag: 'Security Sector Reform',
    terms: list(`
      civilian oversight | defence sector governance | police reform | military justice |
      parliamentary oversight | integration of former combatants | private security companies
    `),
  },
  {
    name: 'Disarmament, Demobilization and Reintegration',
    short: 'DDR',
    tag: 'DDR',
    terms: list(`
      community violence reduction | reintegration support | cantonment | child soldiers |
      female ex-combatants | reinsertion packages | armed group dissolution
    `),
  },
  {
    name: 'Forced Displacement',
    short: 'displacement',
    tag: 'Displacement',
    terms: list(`
      durable solutions | internally displaced persons | refugee-hosting communities | statelessness |
      voluntary return | the Global Compact on Refugees | urban displacement | responsibility sharing
    `),
  },
  {
    name: 'Migration Governance',
    short: 'migration governance',
    tag: 'Migration',
    terms: list(`
      safe and regular pathways | migrant smuggling | labor mobility | remittances |
      the Global Compact for Migration | return and readmission | migrants in vulnerable situations
    `),
  },
  {
    name: 'Food Security and Conflict',
    short: 'food security',
    tag: 'Food Security',
    terms: list(`
      famine prevention | starvation as a method of warfare | Resolution 2417 | agricultural livelihoods |
      grain corridors | food price shocks | anticipatory action
    `),
  },
  {
    name: 'Water Diplomacy',
    short: 'water diplomacy',
    tag: 'Water',
    terms: list(`
      river basin organizations | dam negotiations | groundwater depletion | shared aquifers |
      water-sharing agreements | hydro-diplomacy
    `),
  },
  {
    name: 'Global Health Security',
    short: 'health security',
    tag: 'Health',
    terms: list(`
      pandemic preparedness | vaccine equity | the International Health Regulations | Ebola response |
      attacks on health workers | disease surveillance | the pandemic agreement
    `),
  },
  {
    name: 'Sanctions',
    short: 'sanctions',
    tag: 'Sanctions',
    terms: list(`
      targeted sanctions | panels of experts | humanitarian carve-outs | due process and delisting |
      the Ombudsperson | secondary sanctions | sanctions evasion
    `),
  },
  {
    name: 'Financing for Peace Operations',
    short: 'peace operations financing',
    tag: 'Financing',
    terms: list(`
      assessed contributions | Resolution 2719 | the liquidity crisis | trust funds | reimbursement rates |
      the Fifth Committee | cost-sharing arrangements
    `),
  },
  {
    name: 'UN-AU Partnership',
    short: 'the UN-AU partnership',
    tag: 'African Union',
    terms: list(`
      AU-led peace support operations | the African Standby Force | the Peace and Security Council |
      joint frameworks | burden sharing | the Silencing the Guns initiative | regional economic communities
    `),
  },
  {
    name: 'Elections and Political Transitions',
    short: 'electoral processes',
    tag: 'Elections',
    terms: list(`
      electoral violence | unconstitutional changes of government | transitional charters |
      electoral assistance | power-sharing arrangements | constitutional referendums | election observation
    `),
  },
  {
    name: 'Hate Speech and Disinformation',
    short: 'information integrity',
    tag: 'Information Integrity',
    terms: list(`
      disinformation campaigns | hate speech | platform accountability | media literacy |
      strategic communications | information integrity | deepfakes
    `),
  },
  {
    name: 'Artificial Intelligence and Security',
    short: 'AI governance',
    tag: 'Technology',
    terms: list(`
      lethal autonomous weapons systems | algorithmic early warning | AI in peace processes |
      military applications of AI | data protection | digital public infrastructure |
      human control over weapons
    `),
  },
  {
    name: 'Outer Space Security',
    short: 'space security',
    tag: 'Outer Space',
    terms: list(`
      anti-satellite tests | space debris | norms of responsible behavior in space | dual-use satellites |
      the Outer Space Treaty
    `),
  },
  {
    name: 'Maritime Security',
    short: 'maritime security',
    tag: 'Maritime Security',
    terms: list(`
      piracy | illegal fishing | freedom of navigation | the Law of the Sea | coast guard cooperation |
      undersea cables | shipping chokepoints
    `),
  },
  {
    name: 'Transnational Organized Crime',
    short: 'organized crime',
    tag: 'Organized Crime',
    terms: list(`
      drug trafficking | human trafficking | illicit financial flows | environmental crime |
      money laundering | criminal governance | gold smuggling
    `),
  },
  {
    name: 'Natural Resources and Conflict',
    short: 'resource governance',
    tag: 'Natural Resources',
    terms: list(`
      artisanal mining | critical minerals | land tenure | oil revenue sharing | conflict minerals |
      the Kimberley Process | farmer-herder conflict
    `),
  },
  {
    name: 'Children and Armed Conflict',
    short: 'child protection',
    tag: 'Children and Armed Conflict',
    terms: list(`
      grave violations against children | attacks on schools | action plans with armed groups |
      the monitoring and reporting mechanism | release of children | the Safe Schools Declaration
    `),
  },
  {
    name: 'Sexual Exploitation and Abuse',
    short: 'the fight against sexual exploitation and abuse',
    tag: 'Accountability',
    terms: list(`
      victim assistance | zero tolerance | conduct and discipline | vetting of personnel |
      the victims’ rights advocate | paternity claims
    `),
  },
  {
    name: 'Multilateralism',
    short: 'multilateralism',
    tag: 'Multilateralism',
    terms: list(`
      the Pact for the Future | the New Agenda for Peace | global governance reform | minilateral coalitions |
      networked multilateralism | UN80 reform | the Summit of the Future | trust in institutions
    `),
  },
  {
    name: 'Special Political Missions',
    short: 'special political missions',
    tag: 'Peace Operations',
    terms: list(`
      regional offices | special envoys | good offices mandates | mission transitions |
      light-footprint missions | panels of experts
    `),
  },
  {
    name: 'Peace Operations Transitions',
    short: 'mission transitions',
    tag: 'Peace Operations',
    terms: list(`
      drawdown and withdrawal | handover to country teams | residual capacities | transition planning |
      the protection gap | host-state consent
    `),
  },
  {
    name: 'Police Peacekeeping',
    short: 'UN policing',
    tag: 'Policing',
    terms: list(`
      formed police units | community-oriented policing | police capacity building |
      the Strategic Guidance Framework | specialized police teams
    `),
  },
  {
    name: 'Arctic Security',
    short: 'Arctic governance',
    tag: 'Arctic',
    terms: list(`
      the Arctic Council | polar shipping routes | Indigenous knowledge | militarization of the High North
    `),
  },
  {
    name: 'Great Power Competition',
    short: 'great power relations',
    tag: 'Geopolitics',
    terms: list(`
      strategic stability | spheres of influence | middle powers | the Global South | bloc politics |
      nonalignment
    `),
  },
  {
    name: 'Chemical and Biological Weapons',
    short: 'chemical and biological weapons control',
    tag: 'Disarmament',
    terms: list(`
      the Chemical Weapons Convention | the Biological Weapons Convention | investigations of alleged use |
      the OPCW | biosecurity
    `),
  },
  {
    name: 'Landmines and Explosive Ordnance',
    short: 'mine action',
    tag: 'Mine Action',
    terms: list(`
      humanitarian demining | improvised explosive devices | explosive ordnance risk education |
      cluster munitions | victim assistance for survivors
    `),
  },
  {
    name: 'Religion and Peace',
    short: 'interreligious dialogue',
    tag: 'Religion',
    terms: list(`
      faith-based mediation | interfaith councils | protection of religious sites | religious freedom |
      faith leaders
    `),
  },
  {
    name: 'Urban Violence',
    short: 'urban safety',
    tag: 'Urban Violence',
    terms: list(`
      gang violence | violence reduction programs | urban resilience | municipal governance | homicide rates
    `),
  },
  {
    name: 'Energy Security',
    short: 'energy security',
    tag: 'Energy',
    terms: list(`
      the energy transition | energy poverty | renewable energy in peace operations | pipeline politics |
      just transition
    `),
  },
  {
    name: 'Human Rights and Security',
    short: 'human rights',
    tag: 'Human Rights',
    terms: list(`
      human rights due diligence | the Human Rights Council | civic space | arbitrary detention |
      enforced disappearances | freedom of expression
    `),
  },
  {
    name: 'Sustainable Development',
    short: 'sustainable development',
    tag: 'Development',
    terms: list(`
      the 2030 Agenda | SDG 16 | debt distress | financing for development | inclusive growth |
      fragile and conflict-affected states
    `),
  },
  {
    name: 'International Criminal Justice',
    short: 'international justice',
    tag: 'Justice and Accountability',
    terms: list(`
      the International Criminal Court | universal jurisdiction | complementarity | the crime of aggression |
      evidence preservation | investigative mechanisms
    `),
  },
  {
    name: 'Regional Organizations',
    short: 'regional cooperation',
    tag: 'Regional Organizations',
    terms: list(`
      Chapter VIII cooperation | ECOWAS standby force | the OSCE | ASEAN-led mechanisms |
      the League of Arab States | IGAD mediation | the Organization of American States
    `),
  },
];

/** Places a title can be "in" or "from", with the region used as a tag. */
const PLACES: readonly (readonly [string, string])[] = [
  ['the Sahel', 'Africa'],
  ['the Horn of Africa', 'Africa'],
  ['the Great Lakes Region', 'Africa'],
  ['the Lake Chad Basin', 'Africa'],
  ['West Africa', 'Africa'],
  ['Central Africa', 'Africa'],
  ['Southern Africa', 'Africa'],
  ['East Africa', 'Africa'],
  ['Mali', 'Africa'],
  ['Burkina Faso', 'Africa'],
  ['Niger', 'Africa'],
  ['Nigeria', 'Africa'],
  ['Cameroon', 'Africa'],
  ['Chad', 'Africa'],
  ['Sudan', 'Africa'],
  ['South Sudan', 'Africa'],
  ['Darfur', 'Africa'],
  ['Somalia', 'Africa'],
  ['Ethiopia', 'Africa'],
  ['Tigray', 'Africa'],
  ['Eritrea', 'Africa'],
  ['Kenya', 'Africa'],
  ['the Democratic Republic of the Congo', 'Africa'],
  ['Eastern DRC', 'Africa'],
  ['the Central African Republic', 'Africa'],
  ['Burundi', 'Africa'],
  ['Mozambique', 'Africa'],
  ['Cabo Delgado', 'Africa'],
  ['Liberia', 'Africa'],
  ['Sierra Leone', 'Africa'],
  ["Côte d'Ivoire", 'Africa'],
  ['Guinea-Bissau', 'Africa'],
  ['the Gambia', 'Africa'],
  ['Libya', 'Middle East and North Africa'],
  ['Tunisia', 'Middle East and North Africa'],
  ['Egypt', 'Middle East and North Africa'],
  ['Western Sahara', 'Middle East and North Africa'],
  ['Syria', 'Middle East and North Africa'],
  ['Yemen', 'Middle East and North Africa'],
  ['Iraq', 'Middle East and North Africa'],
  ['Lebanon', 'Middle East and North Africa'],
  ['Gaza', 'Middle East and North Africa'],
  ['the Gulf', 'Middle East and North Africa'],
  ['the Red Sea', 'Middle East and North Africa'],
  ['the Levant', 'Middle East and North Africa'],
  ['the Middle East', 'Middle East and North Africa'],
  ['North Africa', 'Middle East and North Africa'],
  ['the Mediterranean', 'Europe'],
  ['Afghanistan', 'Asia and the Pacific'],
  ['Pakistan', 'Asia and the Pacific'],
  ['Myanmar', 'Asia and the Pacific'],
  ['Rakhine State', 'Asia and the Pacific'],
  ['Bangladesh', 'Asia and the Pacific'],
  ['Sri Lanka', 'Asia and the Pacific'],
  ['Nepal', 'Asia and the Pacific'],
  ['Timor-Leste', 'Asia and the Pacific'],
  ['Mindanao', 'Asia and the Pacific'],
  ['Bougainville', 'Asia and the Pacific'],
  ['the Korean Peninsula', 'Asia and the Pacific'],
  ['the South China Sea', 'Asia and the Pacific'],
  ['Southeast Asia', 'Asia and the Pacific'],
  ['South Asia', 'Asia and the Pacific'],
  ['the Pacific Islands', 'Asia and the Pacific'],
  ['the Indo-Pacific', 'Asia and the Pacific'],
  ['Central Asia', 'Europe and Central Asia'],
  ['the South Caucasus', 'Europe and Central Asia'],
  ['Nagorno-Karabakh', 'Europe and Central Asia'],
  ['Georgia', 'Europe and Central Asia'],
  ['Ukraine', 'Europe and Central Asia'],
  ['Moldova', 'Europe and Central Asia'],
  ['the Western Balkans', 'Europe and Central Asia'],
  ['Kosovo', 'Europe and Central Asia'],
  ['Bosnia and Herzegovina', 'Europe and Central Asia'],
  ['Cyprus', 'Europe and Central Asia'],
  ['Eastern Europe', 'Europe and Central Asia'],
  ['the Arctic', 'Europe and Central Asia'],
  ['the Black Sea', 'Europe and Central Asia'],
  ['the Baltic Sea Region', 'Europe and Central Asia'],
  ['Colombia', 'Americas'],
  ['Haiti', 'Americas'],
  ['Venezuela', 'Americas'],
  ['Central America', 'Americas'],
  ['the Northern Triangle', 'Americas'],
  ['the Andean Region', 'Americas'],
  ['the Caribbean', 'Americas'],
  ['Latin America', 'Americas'],
  ['the Amazon Basin', 'Americas'],
  ['Small Island Developing States', 'Global'],
  ['Fragile States', 'Global'],
  ['the Global South', 'Global'],
];

/** The UN's member states, for governments, missions and officials. */
const COUNTRIES = list(`
  Afghanistan | Albania | Algeria | Andorra | Angola | Antigua and Barbuda | Argentina | Armenia | Australia |
  Austria | Azerbaijan | the Bahamas | Bahrain | Bangladesh | Barbados | Belarus | Belgium | Belize | Benin |
  Bhutan | Bolivia | Bosnia and Herzegovina | Botswana | Brazil | Brunei Darussalam | Bulgaria |
  Burkina Faso | Burundi | Cabo Verde | Cambodia | Cameroon | Canada | the Central African Republic | Chad |
  Chile | China | Colombia | Comoros | the Congo | Costa Rica | Côte d'Ivoire | Croatia | Cuba | Cyprus |
  Czechia | the Democratic Republic of the Congo | Denmark | Djibouti | Dominica | the Dominican Republic |
  Ecuador | Egypt | El Salvador | Equatorial Guinea | Eritrea | Estonia | Eswatini | Ethiopia | Fiji |
  Finland | France | Gabon | the Gambia | Georgia | Germany | Ghana | Greece | Grenada | Guatemala | Guinea |
  Guinea-Bissau | Guyana | Haiti | Honduras | Hungary | Iceland | India | Indonesia | Iran | Iraq | Ireland |
  Israel | Italy | Jamaica | Japan | Jordan | Kazakhstan | Kenya | Kiribati | Kuwait | Kyrgyzstan | Lao PDR |
  Latvia | Lebanon | Lesotho | Liberia | Libya | Liechtenstein | Lithuania | Luxembourg | Madagascar |
  Malawi | Malaysia | Maldives | Mali | Malta | the Marshall Islands | Mauritania | Mauritius | Mexico |
  Micronesia | Monaco | Mongolia | Montenegro | Morocco | Mozambique | Myanmar | Namibia | Nauru | Nepal |
  the Netherlands | New Zealand | Nicaragua | Niger | Nigeria | North Macedonia | Norway | Oman | Pakistan |
  Palau | Panama | Papua New Guinea | Paraguay | Peru | the Philippines | Poland | Portugal | Qatar |
  the Republic of Korea | Moldova | Romania | the Russian Federation | Rwanda | Saint Kitts and Nevis |
  Saint Lucia | Saint Vincent and the Grenadines | Samoa | San Marino | Sao Tome and Principe | Saudi Arabia |
  Senegal | Serbia | Seychelles | Sierra Leone | Singapore | Slovakia | Slovenia | the Solomon Islands |
  Somalia | South Africa | South Sudan | Spain | Sri Lanka | Sudan | Suriname | Sweden | Switzerland | Syria |
  Tajikistan | Thailand | Timor-Leste | Togo | Tonga | Trinidad and Tobago | Tunisia | Türkiye |
  Turkmenistan | Tuvalu | Uganda | Ukraine | the United Arab Emirates | the United Kingdom | Tanzania |
  the United States | Uruguay | Uzbekistan | Vanuatu | Venezuela | Viet Nam | Yemen | Zambia | Zimbabwe
`);

/** Countries that host, fund and speak at such events far more often than the rest. */
const FREQUENT_COUNTRIES = list(`
  Norway | Finland | Sweden | Denmark | Germany | the Netherlands | Switzerland | Ireland | Canada | Japan |
  the Republic of Korea | Australia | Uruguay | Ghana | Kenya | Rwanda | Ethiopia | Bangladesh | India |
  Pakistan | Nepal | Indonesia | Brazil | Mexico | Colombia | Egypt | Morocco | Bahrain | Qatar |
  the United Arab Emirates | Türkiye | Austria | Italy | France | the United Kingdom | the United States |
  Senegal | Nigeria | South Africa | Chile | Kazakhstan | Slovakia | Estonia | Malta | Sierra Leone
`);

interface City {
  city: string;
  zone: string;
  weight: number;
  venues: readonly string[];
}

const CITIES: readonly City[] = [
  {
    city: 'New York',
    zone: 'America/New_York',
    weight: 40,
    venues: [
      'Trygve Lie Center for Peace, Security and Development',
      'United Nations Headquarters',
      'UN Headquarters, Conference Room 4',
      'UN Headquarters, ECOSOC Chamber',
      'Ford Foundation Center for Social Justice',
      'Millennium Hilton New York One UN Plaza',
      'Institute Headquarters, 777 United Nations Plaza',
    ],
  },
  {
    city: 'Geneva',
    zone: 'Europe/Zurich',
    weight: 8,
    venues: ['Palais des Nations', 'Maison de la Paix', 'Graduate Institute', 'Geneva Press Club'],
  },
  {
    city: 'Vienna',
    zone: 'Europe/Vienna',
    weight: 6,
    venues: ['Vienna International Centre', 'Hofburg Congress Center', 'Diplomatic Academy of Vienna'],
  },
  {
    city: 'Manama',
    zone: 'Asia/Bahrain',
    weight: 3,
    venues: ['Four Seasons Bahrain Bay', 'Gulf Convention Centre'],
  },
  {
    city: 'Addis Ababa',
    zone: 'Africa/Addis_Ababa',
    weight: 3,
    venues: ['African Union Commission', 'UN Conference Centre', 'Sheraton Addis'],
  },
  {
    city: 'Washington, DC',
    zone: 'America/New_York',
    weight: 4,
    venues: ['National Press Club', 'Carnegie Conference Center', 'Ronald Reagan Building'],
  },
  { city: 'Brussels', zone: 'Europe/Brussels', weight: 3, venues: ['Residence Palace', 'Egmont Palace'] },
  {
    city: 'Nairobi',
    zone: 'Africa/Nairobi',
    weight: 2,
    venues: ['UN Gigiri Complex', 'Kenyatta International Convention Centre'],
  },
  {
    city: 'Dakar',
    zone: 'Africa/Dakar',
    weight: 1.5,
    venues: ['King Fahd Palace', 'Centre International Abdou Diouf'],
  },
  { city: 'Abuja', zone: 'Africa/Lagos', weight: 1, venues: ['ECOWAS Commission', 'Transcorp Hilton'] },
  {
    city: 'Bamako',
    zone: 'Africa/Bamako',
    weight: 0.6,
    venues: ['Centre International de Conférences de Bamako'],
  },
  {
    city: 'Cairo',
    zone: 'Africa/Cairo',
    weight: 1,
    venues: ['Cairo International Center for Conflict Resolution'],
  },
  { city: 'Amman', zone: 'Asia/Amman', weight: 0.8, venues: ['Royal Cultural Center'] },
  { city: 'Beirut', zone: 'Asia/Beirut', weight: 0.6, venues: ['UN House Beirut'] },
  {
    city: 'Doha',
    zone: 'Asia/Qatar',
    weight: 1,
    venues: ['Sheraton Grand Doha', 'Qatar National Convention Centre'],
  },
  { city: 'Abu Dhabi', zone: 'Asia/Dubai', weight: 1, venues: ['Emirates Palace'] },
  { city: 'Istanbul', zone: 'Europe/Istanbul', weight: 1, venues: ['Istanbul Congress Center'] },
  {
    city: 'Oslo',
    zone: 'Europe/Oslo',
    weight: 2,
    venues: ['Oslo Forum, Losby Gods', 'Norwegian Nobel Institute'],
  },
  { city: 'Stockholm', zone: 'Europe/Stockholm', weight: 1, venues: ['Folke Bernadotte Academy'] },
  {
    city: 'Helsinki',
    zone: 'Europe/Helsinki',
    weight: 1.5,
    venues: ['Hanasaari Cultural Centre', 'Finlandia Hall'],
  },
  { city: 'Copenhagen', zone: 'Europe/Copenhagen', weight: 0.8, venues: ['UN City Copenhagen'] },
  { city: 'Berlin', zone: 'Europe/Berlin', weight: 1.5, venues: ['Federal Foreign Office', 'Allianz Forum'] },
  {
    city: 'Paris',
    zone: 'Europe/Paris',
    weight: 1.2,
    venues: ['Centre de conférences ministériel', 'OECD Conference Centre'],
  },
  { city: 'London', zone: 'Europe/London', weight: 1.2, venues: ['Chatham House', 'Lancaster House'] },
  {
    city: 'The Hague',
    zone: 'Europe/Amsterdam',
    weight: 1,
    venues: ['Peace Palace', 'World Forum The Hague'],
  },
  { city: 'Rome', zone: 'Europe/Rome', weight: 0.6, venues: ['Farnesina', 'FAO Headquarters'] },
  { city: 'Madrid', zone: 'Europe/Madrid', weight: 0.5, venues: ['Casa Árabe'] },
  { city: 'Tokyo', zone: 'Asia/Tokyo', weight: 1, venues: ['UN University Headquarters'] },
  { city: 'Seoul', zone: 'Asia/Seoul', weight: 0.8, venues: ['Lotte Hotel Seoul'] },
  { city: 'Beijing', zone: 'Asia/Shanghai', weight: 0.6, venues: ['Diaoyutai State Guesthouse'] },
  { city: 'Jakarta', zone: 'Asia/Jakarta', weight: 0.6, venues: ['ASEAN Secretariat'] },
  { city: 'Bangkok', zone: 'Asia/Bangkok', weight: 0.6, venues: ['UN Conference Centre Bangkok'] },
  { city: 'Singapore', zone: 'Asia/Singapore', weight: 0.6, venues: ['Shangri-La Hotel'] },
  { city: 'New Delhi', zone: 'Asia/Kolkata', weight: 0.8, venues: ['India International Centre'] },
  { city: 'Islamabad', zone: 'Asia/Karachi', weight: 0.4, venues: ['Serena Hotel Islamabad'] },
  { city: 'Kabul', zone: 'Asia/Kabul', weight: 0.3, venues: ['UNAMA Compound'] },
  { city: 'Almaty', zone: 'Asia/Almaty', weight: 0.4, venues: ['Rixos Almaty'] },
  { city: 'Kyiv', zone: 'Europe/Kyiv', weight: 0.5, venues: ['Diplomatic Academy of Ukraine'] },
  {
    city: 'Bogotá',
    zone: 'America/Bogota',
    weight: 0.8,
    venues: ['Universidad de los Andes', 'Casa de Nariño'],
  },
  {
    city: 'Mexico City',
    zone: 'America/Mexico_City',
    weight: 0.6,
    venues: ['Secretaría de Relaciones Exteriores'],
  },
  { city: 'Brasília', zone: 'America/Sao_Paulo', weight: 0.5, venues: ['Palácio Itamaraty'] },
  {
    city: 'Buenos Aires',
    zone: 'America/Argentina/Buenos_Aires',
    weight: 0.5,
    venues: ['Palacio San Martín'],
  },
  { city: 'Montevideo', zone: 'America/Montevideo', weight: 0.5, venues: ['Palacio Santos'] },
  { city: 'Panama City', zone: 'America/Panama', weight: 0.3, venues: ['Ciudad del Saber'] },
  { city: 'Port-au-Prince', zone: 'America/Port-au-Prince', weight: 0.2, venues: ['Hotel Montana'] },
  {
    city: 'Ottawa',
    zone: 'America/Toronto',
    weight: 0.8,
    venues: ['Global Affairs Canada', 'Fairmont Château Laurier'],
  },
  { city: 'Canberra', zone: 'Australia/Sydney', weight: 0.4, venues: ['Australian National University'] },
  {
    city: 'Johannesburg',
    zone: 'Africa/Johannesburg',
    weight: 0.6,
    venues: ['University of the Witwatersrand'],
  },
  { city: 'Kigali', zone: 'Africa/Kigali', weight: 0.6, venues: ['Kigali Convention Centre'] },
  { city: 'Kampala', zone: 'Africa/Kampala', weight: 0.3, venues: ['Speke Resort Munyonyo'] },
  { city: 'Juba', zone: 'Africa/Juba', weight: 0.2, venues: ['UN House Juba'] },
  {
    city: 'Mogadishu',
    zone: 'Africa/Mogadishu',
    weight: 0.2,
    venues: ['Mogadishu International Airport Complex'],
  },
  { city: 'Tunis', zone: 'Africa/Tunis', weight: 0.4, venues: ['Dar Dhiafa'] },
  { city: 'Rabat', zone: 'Africa/Casablanca', weight: 0.4, venues: ['Mohammed V University'] },
  {
    city: 'Accra',
    zone: 'Africa/Accra',
    weight: 0.6,
    venues: ['Kofi Annan International Peacekeeping Training Centre'],
  },
  { city: 'Monrovia', zone: 'Africa/Monrovia', weight: 0.2, venues: ['Ministerial Complex'] },
  { city: 'Niamey', zone: 'Africa/Niamey', weight: 0.2, venues: ['Palais des Congrès de Niamey'] },
  { city: 'Kinshasa', zone: 'Africa/Kinshasa', weight: 0.3, venues: ['Palais du Peuple'] },
  {
    city: 'Maputo',
    zone: 'Africa/Maputo',
    weight: 0.3,
    venues: ['Joaquim Chissano International Conference Centre'],
  },
  { city: 'Dili', zone: 'Asia/Dili', weight: 0.2, venues: ['Palácio do Governo'] },
  { city: 'Suva', zone: 'Pacific/Fiji', weight: 0.2, venues: ['Pacific Islands Forum Secretariat'] },
];

const WEIGHTED_CITIES = CITIES.map((c) => [c, c.weight] as const);

const HOUSE = 'International Peace Institute';

const UN_ENTITIES = list(`
  UN Department of Peace Operations | UN Department of Political and Peacebuilding Affairs |
  UN Office for the Coordination of Humanitarian Affairs | UN Women | UN Development Programme |
  UN High Commissioner for Refugees | UN Office on Drugs and Crime | UN Office for Disarmament Affairs |
  UN Office of Counter-Terrorism | Peacebuilding Support Office | UN Institute for Disarmament Research |
  UNICEF | World Food Programme | International Organization for Migration | UN Environment Programme |
  Office of the High Commissioner for Human Rights | World Bank Group |
  International Committee of the Red Cross
`);

const REGIONAL_BODIES = list(`
  African Union Commission | Permanent Observer Mission of the African Union to the UN |
  Delegation of the European Union to the UN | European External Action Service |
  Organization for Security and Co-operation in Europe | ECOWAS Commission |
  Intergovernmental Authority on Development | League of Arab States | ASEAN Secretariat |
  Organization of American States | Pacific Islands Forum Secretariat | Organisation of Islamic Cooperation |
  Southern African Development Community | Economic Community of Central African States
`);

const UN_MISSIONS = list(`
  MINUSMA | MONUSCO | UNMISS | UNIFIL | UNFICYP | MINURSO | UNAMA | UNAMI | UNSMIL | UNMIK | UNDOF | UNTSO |
  UNMOGIP | UNISFA | MINUSCA | MINUSTAH | UNAMID | UNMIL | UNOCI | UNSOM | BINUH | UNITAMS | UNOWAS | UNRCCA |
  UNOCA | UNVMC | UNMHA | AMISOM | ATMIS
`);

const FIELDS = list(`
  Strategic Studies | International Affairs | Peace and Conflict Research | Security Policy |
  Humanitarian Studies | Global Governance | Conflict Resolution | Human Security | Development Policy |
  Foreign Policy | Defence Studies | Democracy and Electoral Assistance | Disarmament Research |
  International Law | Peace Operations | Migration Policy | Climate Diplomacy | African Security |
  Middle East Policy | Asian Security | Cyber Policy | Transitional Justice
`);

const UNIVERSITY_CITIES = list(`
  Oxford | Cambridge | Uppsala | Oslo | Copenhagen | Helsinki | Bradford | Coventry | Edinburgh | St Andrews |
  Leiden | Amsterdam | Utrecht | Hamburg | Heidelberg | Konstanz | Bologna | Florence | Salamanca | Coimbra |
  Geneva | Lausanne | Zurich | Vienna | Innsbruck | Warsaw | Krakow | Tartu | Ljubljana | Belgrade |
  Sarajevo | Istanbul | Ankara | Tel Aviv | Birzeit | Beirut | Cairo | Khartoum | Nairobi | Makerere |
  Dar es Salaam | Addis Ababa | Ibadan | Lagos | Ghana | Dakar | Cape Town | Pretoria | Stellenbosch |
  Johannesburg | Harare | Kinshasa | Toronto | Ottawa | McGill | Columbia | Georgetown | Princeton | Harvard |
  Yale | Stanford | Notre Dame | Denver | Michigan | Texas | Tufts | Syracuse | Maryland | Sydney |
  Melbourne | Queensland | Otago | Tokyo | Kyoto | Seoul | Yonsei | Peking | Fudan | Singapore | Malaya |
  Gadjah Mada | Delhi | Jawaharlal Nehru | Dhaka | Colombo | Kathmandu | Lahore | Kabul | Tehran | Baghdad |
  Jordan | the West Indies | São Paulo | Buenos Aires | Chile | the Andes | Los Andes | Mexico | Costa Rica |
  Lima | Quito
`);

const NGOS = list(`
  Crisis Group | Center for Civilians in Conflict | Search for Common Ground | Conciliation Resources |
  Saferworld | Interpeace | Nonviolent Peaceforce | Global Partnership for the Prevention of Armed Conflict |
  Women Waging Peace | Cordaid | Mercy Corps | Norwegian Refugee Council | Danish Refugee Council |
  Human Rights Watch | Amnesty International | Small Arms Survey | Control Arms | Peace Direct |
  Institute for Economics and Peace | Kofi Annan Foundation | Elders Foundation | Berghof Foundation |
  Centre for Humanitarian Dialogue | Geneva Call | Swisspeace | ACCORD |
  West Africa Network for Peacebuilding | Femmes Africa Solidarité | Global Network of Women Peacebuilders |
  United Network of Young Peacebuilders | Inclusive Peace | Life & Peace Institute | Hedayah |
  Global Center on Cooperative Security | Stimson Center | Security Council Report |
  Global Centre for the Responsibility to Protect | Africa Center for Strategic Studies |
  Institute for Security Studies | Arab Reform Initiative | Igarapé Institute | Folke Bernadotte Academy |
  Clingendael Institute | Chr. Michelsen Institute | Norwegian Institute of International Affairs |
  Stockholm International Peace Research Institute | Geneva Centre for Security Policy | DCAF |
  Austrian Centre for Peace | Finnish Institute of International Affairs | Crisis Management Initiative
`);

const SERIES = list(`
  Distinguished Speaker Series | Global Leaders Series | Africa Program Series |
  Middle East and North Africa Series | Sustaining Peace Series | Policy Forum Series |
  Women in Leadership Series | Peace Operations Series | Independent Commission on Multilateralism |
  Asia-Pacific Dialogue | Vienna Conversations | Geneva Dialogues | Manama Dialogue |
  Annual Ambassadors Retreat | New Voices Series
`);

const MEETINGS = list(`
  the Summit of the Future | the World Humanitarian Summit | the review of the peacebuilding architecture |
  the Security Council's open debate | the General Assembly high-level week |
  the UN Peacekeeping Ministerial | the NPT Review Conference | the climate negotiations |
  the High-Level Political Forum | the Human Rights Council session | the African Union summit |
  the Munich Security Conference | the Global Refugee Forum |
  the Fourth International Conference on Financing for Development |
  the Secretary-General's selection process | the World Social Summit | the Peacebuilding Commission meeting
`);

const SUBTITLES: readonly ((c: Ctx) => string)[] = [
  (c) => `Lessons from ${c.place2}`,
  (c) => `A Fresh Dialogue on ${c.subject2}`,
  (c) =>
    `What Role for the ${c.rng.pick(['United Nations', 'Security Council', 'African Union', 'European Union', 'General Assembly', 'Peacebuilding Commission', 'Secretary-General', 'G20', 'Private Sector', 'Regional Organizations'])}?`,
  () => 'From Rhetoric to Practice',
  () => 'Options for the Next Decade',
  () => 'Challenges and Opportunities',
  (c) => `Perspectives from ${c.place2}`,
  () => 'Bridging Policy and Practice',
  (c) => `Implications for ${c.subject2}`,
  () => 'Voices from the Field',
  (c) => `Priorities for ${titleCase(c.rng.pick(MEETINGS))}`,
  () => 'Taking Stock',
  () => 'Where Do We Go from Here?',
  (c) => `Evidence from ${c.place2}`,
  (c) => `A Conversation with ${c.people[0].name}`,
  () => 'Building Coalitions for Change',
  () => 'Local Perspectives',
  (c) => `The View from ${c.place2}`,
  () => 'Risks and Responses',
  () => 'New Approaches',
  () => 'Closing the Implementation Gap',
  () => 'Twenty Years On',
  () => 'Ten Years After',
  () => 'Progress and Setbacks',
  () => 'Toward a Common Agenda',
  (c) => `Connecting ${c.subject2} and Development`,
  () => 'What Works?',
  () => 'Old Problems, New Tools',
  () => 'A Practitioners’ Dialogue',
  (c) =>
    `Launch of the ${c.rng.pick(['Report', 'Policy Paper', 'Issue Brief', 'Independent Review', 'Global Study', 'Field Assessment'])}`,
];

const BOOK_MAINS = list(`
  Keeping the Peace | Fragile Bargains | The Politics of Protection | Guns and Governance |
  After the Ceasefire | Blue Helmets, Red Lines | The Long Road Home | Making Peace Last | Broken Promises |
  The Art of Mediation | Soldiers of Peace | A World in Disorder | The Quiet Diplomats |
  Beyond the Battlefield | Islands of Order | The Price of Peace | Negotiating with Rebels |
  Inside the Council | Words Into Action | Unfinished Business | Peace at What Cost? | The Sentinels |
  The Peacemakers | Rebel Rulers | Sanctuary and Siege | Thin Blue Lines | The Mediator’s Dilemma |
  When the Guns Fall Silent | Sovereignty and Its Discontents | Borderlands | The Reluctant Guardians |
  Nobody’s Children | A Seat at the Table | The Hollow Mandate | Rising Waters | Shifting Sands |
  The Fog of Peace | Building States, Breaking Nations | Stealing the Future | Networks of Violence |
  Dust and Diplomacy | The Last Resort | Counting the Dead | Order Without Hegemony
`);

const GROUPS = list(`
  Women | Youth | Civil Society | Religious Leaders | Parliamentarians | Local Communities | Cities |
  The Private Sector | Diasporas | Indigenous Peoples | Persons with Disabilities | Small States |
  Middle Powers | Troop-Contributing Countries | Elected Council Members | Regional Organizations |
  Journalists
`);

const ERAS = list(`
  Great Power Competition | Fragmentation | Polycrisis | Shrinking Budgets | Artificial Intelligence |
  Climate Change | Geopolitical Rivalry | Declining Trust | Populism | Pandemics | Proxy Wars
`);

const ADJ_TITLE = list(`
  Inclusive | Effective | Local | Sustainable | Networked | Preventive | Predictable | People-Centered |
  Smarter | Accountable | Adaptive | Integrated | Nationally Owned | Gender-Responsive
`);

const MILESTONES = list(`
  the Pandemic | Afghanistan | the Brahimi Report | the HIPPO Report | the Arab Spring | Srebrenica |
  the 2015 Reviews | Resolution 1325 | the Cold War | the Paris Agreement | the Withdrawal | Mali
`);

const ACTORS = list(`
  troop- and police-contributing countries | member states | the Security Council | the Secretariat |
  host governments | regional organizations | civil society organizations | women-led organizations |
  youth networks | humanitarian agencies | international financial institutions | the African Union |
  the European Union | ECOWAS | IGAD | ASEAN | the League of Arab States | the OSCE | local authorities |
  traditional leaders | religious leaders | the private sector | donors | the World Bank |
  the Peacebuilding Commission | UN country teams | special envoys | national parliaments | security forces |
  non-state armed groups | de facto authorities | diaspora communities | journalists | researchers | the G20 |
  mayors and municipal leaders | philanthropic foundations | the General Assembly | resident coordinators |
  the Human Rights Council | national human rights institutions | technology companies
`);

const BODIES = list(`
  the Security Council | the General Assembly | the Human Rights Council | the Peacebuilding Commission |
  member states | the Fifth Committee | the Special Committee on Peacekeeping Operations (C-34) |
  the African Union Peace and Security Council
`);

const DOMAIN_ADJ = list(`
  fragile | protracted | asymmetric | multidimensional | fragmented | underfunded | overstretched |
  contested | polarized | transnational | hybrid | unpredictable | localized | volatile | politicized |
  context-specific | people-centered | conflict-sensitive | risk-informed | evidence-based | short-term |
  top-down | piecemeal | siloed | ambitious | incremental | unsustainable | militarized | donor-driven |
  state-centric | reactive | opaque | under-resourced
`);

const DOMAIN_NOUNS = list(`
  accountability | benchmarks | ceasefires | logistics | procurement | livelihoods | grievances | mistrust |
  impunity | corruption | elite bargains | power-sharing | decentralization | reconciliation | demining |
  border controls | biometric registration | land disputes | unemployment | inflation | debt | polarization |
  state legitimacy | service delivery | taxation | public trust | political will | predictable financing |
  local ownership | data sharing | situational awareness | interoperability | language skills | training |
  medical capacity | helicopters | night-flight capability | engineering units | intelligence | vetting |
  mobility | community engagement | strategic communications | coordination | sequencing | exit strategies |
  host-state consent | impartiality | the use of force | civil-military relations | national dialogue |
  constitutional reform | customary authorities | pastoral corridors | seasonal migration | cattle raiding |
  kidnapping for ransom | artisanal gold | charcoal trade | checkpoints | curfews | detention |
  humanitarian corridors | evacuations | refugee camps | cash transfers | school closures | food prices
`);

const CRISIS_ADJ = list(`
  protracted | overlapping | volatile | fragmented | transnational | hybrid | localized | escalating |
  cascading | complex | multidimensional | prolonged | recurring | regionalized
`);

const GOALS = list(`
  restoring international peace | preventing the recurrence of conflict | protecting civilians |
  building durable peace | managing crises | reducing violence | sustaining political processes |
  rebuilding trust between communities | upholding international law | preventing mass atrocities
`);

const PRESSURES = list(`
  shrinking budgets | great power rivalry | rising humanitarian needs | a global financial recession |
  declining trust in multilateral institutions | the spread of armed groups | more demanding mandates |
  competing crises elsewhere | the fragmentation of armed actors | record levels of displacement
`);

const ASPECTS: readonly ((c: Ctx) => string)[] = [
  () => 'Resourcing',
  (c) => `${capitalize(c.topic.short)}'s legitimacy`,
  () => 'The use of new technologies',
  () => 'Partnerships with regional organizations',
  () => 'Partnership with host countries',
  (c) => `${capitalize(c.topic.short)} governance`,
  () => 'The challenges posed by riskier environments and asymmetric threats',
  () => 'Political primacy',
  () => 'Local ownership',
  () => 'Inclusion of women and youth',
  () => 'Accountability',
  () => 'Data and early warning',
  () => 'Financing',
  () => 'Coordination across the UN system',
  () => 'Mandate design',
  () => 'Sequencing and prioritization',
  () => 'Exit strategies',
  () => 'Public trust',
  () => 'The role of the Security Council',
  () => 'The role of civil society',
  (c) => `Lessons from ${c.place}`,
  (c) => `The role of ${c.actor()}`,
  (c) => `${capitalize(c.term())}`,
  (c) => `${capitalize(c.term())} and ${c.term()}`,
  (c) => `${capitalize(c.term())} in ${c.place}`,
  (c) => `Financing ${c.term()}`,
  (c) => `The politics of ${c.term()}`,
  (c) => `${capitalize(c.noun())} and ${c.noun()}`,
  (c) => `Rethinking ${c.term()}`,
  (c) => `Regional dimensions in ${c.place2}`,
  () => 'Looking ahead',
  () => 'Human rights and the rule of law',
  () => 'Prevention as a priority',
  () => 'Measuring impact',
  (c) => `${capitalize(c.domainAdj())} approaches to ${c.term()}`,
];

const THEME_SENTENCES: readonly ((c: Ctx) => string)[] = [
  (c) =>
    `Participants stressed that progress on ${c.term()} depends on ${c.noun()} and on sustained political support from ${c.actor()}.`,
  (c) =>
    `Several speakers questioned whether the capabilities available to ${c.actor()} are adequate to address ${c.term()} in ${c.place}.`,
  (c) =>
    `It was noted that work on ${c.term()} remains ${c.domainAdj()} and relies heavily on voluntary funding, which lacks the necessary predictability.`,
  (c) => `Speakers from ${c.place2} described how ${c.term()} has changed since ${c.pastYear()}.`,
  (c) => `A plea was made for ${c.actor()} to act on ${c.term()} before crises escalate.`,
  (c) =>
    `Some participants warned that ${c.term()} could become a substitute for a political strategy rather than part of one.`,
  (c) => `Calls were made for ${c.actor()} to share information on ${c.noun()} more systematically.`,
  (c) =>
    `The discussion highlighted the gap between commitments on ${c.term()} and what happens on the ground in ${c.place}.`,
  (c) =>
    `One participant argued that ${c.term()} will not be a panacea, but could make a real difference to ${c.noun()}.`,
  (c) =>
    `Examples from ${c.place2} showed that efforts on ${c.term()} work best when actors such as ${c.actor()} are involved from the outset.`,
  (c) =>
    `There was broad agreement that ${c.topic.short} is only as strong as its partnerships with ${c.actor()}.`,
  (c) => `Others cautioned against ${c.domainAdj()} approaches that overlook ${c.noun()}.`,
  (c) =>
    `Participants called for clearer benchmarks on ${c.term()} and regular reporting to ${c.rng.pick(BODIES)}.`,
  (c) =>
    `Speakers pointed to ${c.term()} as an area where ${c.actor()} and ${c.actor()} could do more together.`,
  (c) => `Concerns were raised about ${c.noun()}, ${c.noun()}, and ${c.noun()} in ${c.place}.`,
  (c) =>
    `Experience in ${c.place2} suggests that progress on ${c.term()} takes years, not months, to bear fruit.`,
  (c) =>
    `Funding for ${c.term()} fell sharply after ${c.pastYear()}, participants said, leaving ${c.actor()} to fill the gap.`,
  (c) =>
    `Several member states offered to host follow-up consultations on ${c.term()} in ${c.rng.pick(CITIES).city}.`,
  (c) => `The importance of ${c.term()} for ${c.term()} was highlighted repeatedly.`,
  (c) =>
    `A number of participants felt that ${c.noun()} had been neglected in recent ${c.rng.pick(['mandates', 'resolutions', 'strategies', 'reviews', 'budgets'])}.`,
  (c) =>
    `The ${c.rng.pick(['failure', 'inability', 'reluctance'])} of ${c.rng.pick(BODIES)} to agree on ${c.term()} was lamented by several participants.`,
  (c) =>
    `Participants urged greater efforts by ${c.actor()} to invest in ${c.noun()}, training, and other capacity-building support.`,
];

const SUMMARY_SENTENCES: readonly ((c: Ctx) => string)[] = [
  (c) =>
    c.topicProblem
      ? `${capitalize(c.topicLower)} remains one of the most serious obstacles to ${c.rng.pick(GOALS)}.`
      : `${capitalize(c.topicLower)} is one of the international community's most important tools for ${c.rng.pick(GOALS)}, but it is only as strong as the partnerships behind it.`,
  (c) =>
    `In recent years, ${c.rng.pick(CRISIS_ADJ)} crises in ${c.place} have combined with ${c.rng.pick(PRESSURES)} to put ${c.topic.short} under strain.`,
  (c) => `The discussion focused on ${c.term()}, ${c.term()}, and ${c.noun()}.`,
  (c) => `Participants considered how ${c.actor()} and ${c.actor()} could work together on ${c.term()}.`,
  (c) => `Speakers drew on recent experience in ${c.place} and ${c.place2}.`,
  (c) => `Questions from the audience focused on ${c.term()} and the role of ${c.actor()}.`,
  (c) => `The conversation took place ahead of ${c.rng.pick(MEETINGS)}.`,
  (c) => `Participants agreed that progress on ${c.topic.short} will depend on ${c.noun()} and ${c.noun()}.`,
  (c) =>
    `Speakers examined the links between ${c.topic.short} and ${c.topic2.short}, an area where ${c.actor()} and ${c.actor()} have often worked in silos.`,
  (c) => `Several participants noted that ${c.term()} in ${c.place} offers lessons for ${c.place2}.`,
  (c) =>
    `Much of the debate turned on ${c.noun()}, ${c.noun()}, and the question of who pays for ${c.term()}.`,
  (c) =>
    `The event also marked the release of a new ${c.rng.pick(['report', 'policy paper', 'issue brief', 'field study'])} on ${c.term()}.`,
];

const OFF_TOPIC_QUERIES = list(`
  quantum chromodynamics lecture | kubernetes autoscaling | sourdough baking workshop |
  marathon training plan | javascript bundler benchmarks | tax deductible home office |
  vintage guitar restoration | knitting circle | astrophotography tips | espresso machine descaling |
  fantasy football draft | orchid repotting | react hooks tutorial | chess openings sicilian |
  wedding photography pricing | tesla battery warranty | gluten free pancakes | postgres vacuum tuning |
  yoga retreat bali | dinosaur fossils museum | mortgage refinancing rates | skateboard ramp plans |
  pokemon card grading | sushi rolling class | excel pivot table | birdwatching binoculars |
  violin sheet music | home brewing kegerator | cat litter comparison | lawn mower repair |
  python asyncio deadlock | salsa dancing lessons | wine tasting napa | crossfit competition |
  origami cranes | rust borrow checker | beekeeping for beginners | ski resort snow report |
  podcast microphone setup | tomato seedlings
`);

// ---------------------------------------------------------------------------------------------------------
// People: faker's name lists per locale, chosen by a speaker's country when we know one
// ---------------------------------------------------------------------------------------------------------

interface NamePool {
  female: readonly string[];
  male: readonly string[];
  lastFemale: readonly string[];
  lastMale: readonly string[];
}

const LATIN = /^[\p{Script=Latin}' .-]+$/u;

function poolFrom(locale: LocaleDefinition): NamePool {
  const first = (locale.person?.first_name ?? {}) as Partial<Record<'generic' | 'female' | 'male', string[]>>;
  const last = (locale.person?.last_name ?? {}) as Partial<Record<'generic' | 'female' | 'male', string[]>>;
  const clean = (names: string[] | undefined) => (names ?? []).filter((n) => LATIN.test(n) && n.length > 1);
  const generic = clean(first.generic);
  const female = clean(first.female).concat(generic);
  const male = clean(first.male).concat(generic);
  const lastGeneric = clean(last.generic);
  return {
    female: female.length ? female : male,
    male: male.length ? male : female,
    lastFemale: lastGeneric.length ? lastGeneric : clean(last.female),
    lastMale: lastGeneric.length ? lastGeneric : clean(last.male),
  };
}

function listPool(first: string, last: string): NamePool {
  const firstNames = first.split(' ');
  return {
    female: firstNames.filter((_, i) => i % 2 === 0),
    male: firstNames.filter((_, i) => i % 2 === 1),
    lastFemale: last.split(' '),
    lastMale: last.split(' '),
  };
}

/** Regions faker has no Latin-script names for; transliterations as they appear in English-language programmes. */
const ARABIC_NAMES = listPool(
  'Fatima Ahmed Layla Omar Nadia Khalid Rania Youssef Salma Hassan Mona Karim Amira Tarek Hala Walid Noura Ziad Dina Rami Reem Faisal Lina Abdullah Huda Jamal Samira Mahmoud Yasmin Mustafa Nour Ibrahim Hiba Tariq Aisha Saad Maryam Nabil Zainab Hussein',
  'Al-Hashimi El-Masri Haddad Khoury Nasser Saleh Mansour Hamdan Qasim Abdelaziz Benali Toumi Al-Mahmoud Al-Kuwari Othman Sfeir Jaber Aziz Farouk Rahman Hamid Karam Darwish Shaheen Yassin Najjar Sabbagh Qureshi El-Amin Bouzid Chaabane Trabelsi Al-Sayed Abboud Zahran Khalil Barakat Fakhoury Al-Mutairi Benjelloun',
);
const EAST_AFRICAN_NAMES = listPool(
  'Amina Abiy Wanjiru Tedros Njeri Kamau Achieng Otieno Fadumo Abdi Hodan Warsame Selam Mulugeta Meron Yonas Nasra Hamza Grace Emmanuel Aisha Joseph Rukia Mohamed Mercy Samuel Zahra Dawit',
  'Mwangi Kariuki Odhiambo Ochieng Wambui Kiplagat Farah Warsame Hassan Tesfaye Bekele Haile Abebe Girma Alemu Osman Yusuf Ndikumana Ssempala Nsengiyumva Uwimana Habimana Mugisha Okello Opio Massawe Kimaro Mushi Wekesa',
);
const EAST_ASIAN_NAMES = listPool(
  'Mei Wei Yuki Hiroshi Ji-woo Min-jun Li Jun Aiko Takeshi Soo-jin Seung-ho Xia Hao Emiko Kenji Hye-jin Dong-hyun Lin Tao Sakura Daisuke Eun-ji Jae-won',
  'Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim',
);
const SOUTH_ASIAN_NAMES = listPool(
  'Ayesha Imran Farah Asad Sana Bilal Nasreen Tahir Shirin Rashid Malalai Zalmay Fawzia Hamid Roya Ashraf Sima Omid Hina Faraz',
  'Khan Ahmadzai Noori Hakimi Rahimi Hussain Qureshi Malik Chaudhry Siddiqui Javed Mirza Baig Rahman Hossain Chowdhury Akhtar Popalzai Durrani Afridi',
);

const LOCALE_POOLS = {
  en: poolFrom(en),
  en_AU: poolFrom(en_AU),
  fi: poolFrom(fi),
  sv: poolFrom(sv),
  nb_NO: poolFrom(nb_NO),
  da: poolFrom(da),
  de: poolFrom(de),
  fr: poolFrom(fr),
  fr_SN: poolFrom(fr_SN),
  en_NG: poolFrom(en_NG),
  yo_NG: poolFrom(yo_NG),
  en_GH: poolFrom(en_GH),
  en_IN: poolFrom(en_IN),
  it: poolFrom(it),
  es: poolFrom(es),
  es_MX: poolFrom(es_MX),
  pt_BR: poolFrom(pt_BR),
  pt_PT: poolFrom(pt_PT),
  pl: poolFrom(pl),
  nl: poolFrom(nl),
  tr: poolFrom(tr),
  id_ID: poolFrom(id_ID),
  vi: poolFrom(vi),
  ro: poolFrom(ro),
  cs_CZ: poolFrom(cs_CZ),
  sk: poolFrom(sk),
  hu: poolFrom(hu),
  hr: poolFrom(hr),
  sr_RS_latin: poolFrom(sr_RS_latin),
  lv: poolFrom(lv),
  en_ZA: poolFrom(en_ZA),
  zu_ZA: poolFrom(zu_ZA),
  af_ZA: poolFrom(af_ZA),
  arabic: ARABIC_NAMES,
  eastAfrican: EAST_AFRICAN_NAMES,
  eastAsian: EAST_ASIAN_NAMES,
  southAsian: SOUTH_ASIAN_NAMES,
} satisfies Record<string, NamePool>;
type PoolName = keyof typeof LOCALE_POOLS;

const COUNTRY_POOLS: Readonly<Record<string, PoolName>> = Object.fromEntries(
  (
    [
      ['fi', 'Finland'],
      ['sv', 'Sweden'],
      ['nb_NO', 'Norway|Iceland'],
      ['da', 'Denmark'],
      ['de', 'Germany|Austria|Switzerland|Liechtenstein'],
      ['fr', 'France|Belgium|Luxembourg|Monaco|Haiti'],
      [
        'fr_SN',
        "Senegal|Mali|Niger|Burkina Faso|Guinea|Côte d'Ivoire|Chad|Mauritania|Benin|Togo|Cameroon|Gabon|the Democratic Republic of the Congo|the Congo|the Central African Republic|Madagascar|Burundi|Djibouti|Comoros",
      ],
      ['en_NG', 'Nigeria'],
      ['en_GH', 'Ghana|Liberia|Sierra Leone|the Gambia'],
      ['en_IN', 'India|Nepal|Sri Lanka|Bhutan|Maldives|Mauritius|Fiji'],
      ['it', 'Italy|Malta|San Marino'],
      ['es', 'Spain|Andorra|Equatorial Guinea'],
      [
        'es_MX',
        'Mexico|Colombia|Argentina|Chile|Peru|Uruguay|Guatemala|Honduras|El Salvador|Nicaragua|Costa Rica|Panama|Cuba|the Dominican Republic|Ecuador|Bolivia|Paraguay|Venezuela',
      ],
      ['pt_BR', 'Brazil'],
      ['pt_PT', 'Portugal|Mozambique|Angola|Cabo Verde|Guinea-Bissau|Timor-Leste|Sao Tome and Principe'],
      ['pl', 'Poland'],
      ['nl', 'the Netherlands|Suriname'],
      ['tr', 'Türkiye|Azerbaijan|Turkmenistan|Kazakhstan|Uzbekistan|Kyrgyzstan'],
      ['id_ID', 'Indonesia|Malaysia|Brunei Darussalam'],
      ['vi', 'Viet Nam'],
      ['ro', 'Romania|Moldova'],
      ['cs_CZ', 'Czechia'],
      ['sk', 'Slovakia'],
      ['hu', 'Hungary'],
      ['hr', 'Croatia|Bosnia and Herzegovina|Slovenia'],
      ['sr_RS_latin', 'Serbia|Montenegro|North Macedonia|Albania'],
      ['lv', 'Latvia|Lithuania|Estonia'],
      ['zu_ZA', 'South Africa|Eswatini|Lesotho|Zimbabwe|Zambia|Malawi|Botswana|Namibia'],
      ['en_AU', 'Australia|New Zealand|Papua New Guinea|Samoa|Tonga|Vanuatu|the Solomon Islands'],
      [
        'en',
        'the United States|the United Kingdom|Ireland|Canada|Jamaica|Barbados|Trinidad and Tobago|Guyana|Belize',
      ],
      [
        'arabic',
        'Egypt|Jordan|Lebanon|Syria|Iraq|Yemen|Saudi Arabia|Qatar|Bahrain|Kuwait|Oman|the United Arab Emirates|Libya|Tunisia|Algeria|Morocco|Sudan|Palestine',
      ],
      ['eastAfrican', 'Kenya|Uganda|Tanzania|Rwanda|Ethiopia|Eritrea|Somalia|South Sudan'],
      ['eastAsian', 'China|Japan|the Republic of Korea|Mongolia'],
      ['southAsian', 'Pakistan|Afghanistan|Bangladesh|Iran|Tajikistan'],
    ] as const
  ).flatMap(([pool, countries]) => countries.split(/[|]/).map((country) => [country, pool])),
);

const GLOBAL_POOLS: readonly (readonly [PoolName, number])[] = [
  ['en', 10],
  ['de', 3],
  ['fr', 3],
  ['es_MX', 3],
  ['it', 2],
  ['nl', 2],
  ['fr_SN', 3],
  ['en_NG', 2],
  ['yo_NG', 1],
  ['en_GH', 2],
  ['en_IN', 3],
  ['arabic', 3],
  ['eastAfrican', 3],
  ['eastAsian', 2],
  ['southAsian', 2],
  ['sv', 1],
  ['nb_NO', 1],
  ['fi', 1],
  ['pl', 1],
  ['tr', 1],
  ['pt_BR', 1],
  ['id_ID', 1],
  ['en_ZA', 1],
  ['af_ZA', 0.5],
  ['ro', 0.5],
  ['vi', 0.5],
];

const FAKER_ADJECTIVES = en.word?.adjective ?? [];
const FAKER_NOUNS = en.word?.noun ?? [];

// ---------------------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------------------

const SMALL_WORDS = new Set(
  list('a | an | and | as | at | by | for | from | in | of | on | or | the | to | with | into | over'),
);

/** "a meeting", "an event". */
function withA(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Headline case for a phrase inside a title: small words stay lower-case, acronyms stay as they are. */
function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word) => (SMALL_WORDS.has(word) ? word : word.split('-').map(capitalize).join('-')))
    .join(' ');
}

/** "Women, Peace and Security" → "women, peace and security", keeping "UN" and "AU". */
function lowerPhrase(text: string): string {
  return text
    .split(' ')
    .map((w) => (/^[A-Z0-9-]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

/** "a, b, and c"; items that contain commas themselves are separated with semicolons instead. */
function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const sep = items.some((i) => i.includes(',')) ? ';' : ',';
  if (items.length === 2) return sep === ';' ? `${items[0]}; and ${items[1]}` : `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(`${sep} `)}${sep} and ${items[items.length - 1]}`;
}

const WITH_ARTICLE =
  /^(Government|Permanent|Ministry|International|UN (?!Women)|Delegation|Peacebuilding|Office|World|Organi[sz]ation|Institute|Centre|Center|Group|European|African|League|ASEAN|Intergovernmental|Economic|Southern|Pacific|ECOWAS|Global|Africa |Arab|Igarapé|Folke|Clingendael|Chr\.|Norwegian|Stockholm|Geneva Centre|Austrian|Finnish|Kofi|Elders|Berghof|Life & Peace|West Africa|United Network|Small Arms|Crisis Management|Stimson)|(Foundation|Institute|Commission|Secretariat|Service|Programme)$/;

/** Organizations as running text names them: "the Government of Norway", but "UN Women" and "Saferworld". */
function withArticle(name: string): string {
  return WITH_ARTICLE.test(name) ? `the ${name}` : name;
}

/** Subjects that are threats rather than tools: one counters drug trafficking, one strengthens mediation. */
const PROBLEM =
  /traffick|smuggl|violen|crime|criminal|abuse|exploitation|hate speech|disinformation|deepfake|ransomware|spyware|piracy|illegal|illicit|radicali[sz]ation|laundering|terrorist|fighters|debris|anti-satellite|desertification|drought|sea-level|depletion|shocks|starvation|attacks|violations|impunity|corruption|unemployment|evasion|crisis|diversion|child soldiers|disappearances|detention|conflict$|gang|homicide|explosive|munitions|landmines|atrocit|missing persons|statelessness|poverty|competition|militari[sz]ation|displace|polari[sz]ation|weapons|extremism|loss and damage|debt|genocide|spheres of influence|bloc politics|tests|sexual|ebola/i;
const SOLUTION =
  /prevention|protection|control|management|response|reduction|risk education|mitigation|cooperation|governance|action|assistance|accountability|disarmament|treaty|convention|justice/i;

function isProblem(subject: string): boolean {
  return PROBLEM.test(subject) && !SOLUTION.test(subject);
}

function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) === 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const MONTHS = list(
  'January | February | March | April | May | June | July | August | September | October | November | December',
);

// ---------------------------------------------------------------------------------------------------------
// One event
// ---------------------------------------------------------------------------------------------------------

interface Person {
  name: string;
  role?: string;
}

/** Everything a template may draw on while one event is being written. */
interface Ctx {
  rng: Rng;
  topic: Topic;
  topic2: Topic;
  topicLower: string;
  /** The topic is a threat to counter (organized crime), not a tool to strengthen (mediation). */
  topicProblem: boolean;
  subject: string;
  subject2: string;
  place: string;
  place2: string;
  people: Person[];
  term(): string;
  noun(): string;
  actor(): string;
  domainAdj(): string;
  pastYear(): number;
}

const EVENT_TYPES: readonly (readonly [string, number])[] = [
  ['Panel Discussion', 30],
  ['Policy Forum', 14],
  ['Roundtable', 12],
  ['Workshop', 9],
  ['Speech', 10],
  ['Book Launch', 8],
  ['Ministerial Dinner', 7],
  ['Conference', 10],
];

const GENERAL_TITLES: readonly ((c: Ctx) => string)[] = [
  (c) => `${c.subject} in ${c.place}`,
  (c) => `The Future of ${c.subject} in ${c.place} and Beyond`,
  (c) => `${c.subject}: ${c.rng.pick(SUBTITLES)(c)}`,
  (c) => `${c.subject} in ${c.place}: ${c.rng.pick(SUBTITLES)(c)}`,
  (c) => `Rethinking ${c.subject}`,
  (c) => `Rethinking ${c.subject} in ${c.place}`,
  (c) => `${c.subject} at a Crossroads`,
  (c) => `${c.subject} and ${c.subject2}`,
  (c) => `${c.subject} and ${c.subject2} in ${c.place}`,
  (c) => `Beyond ${c.subject}: ${c.rng.pick(SUBTITLES)(c)}`,
  (c) => `What Next for ${c.subject} in ${c.place}?`,
  (c) => `${c.rng.pick(GROUPS)} and ${c.subject}`,
  (c) => `${c.subject} After ${c.rng.pick(MILESTONES)}`,
  (c) => `Lessons from ${c.place} for ${c.subject}`,
  (c) => `High-Level Dialogue on ${c.subject}`,
  (c) => `${c.rng.pick(SERIES)}: ${c.subject}`,
  (c) => `${c.subject} in an Era of ${c.rng.pick(ERAS)}`,
  (c) => `From ${c.subject} to ${c.subject2}`,
  (c) => `${c.subject} in ${c.place}: ${c.rng.pick(ADJ_TITLE)} Responses to ${c.subject2}`,
];

/** Only for subjects worth building up. */
const POSITIVE_TITLES: readonly ((c: Ctx) => string)[] = [
  (c) => `Strengthening ${c.subject}: ${c.rng.pick(SUBTITLES)(c)}`,
  (c) => `Making ${c.subject} Work in ${c.place}`,
  (c) => `Toward a New Agenda for ${c.subject}`,
  (c) => `${c.rng.pick(ADJ_TITLE)} ${c.subject}`,
  (c) => `Who Pays for ${c.subject} in ${c.place}?`,
  (c) => `${c.subject} in ${c.place}: Still Fit for Purpose?`,
  (c) => `Investing in ${c.subject} in ${c.place}`,
];

/** Only for threats. */
const PROBLEM_TITLES: readonly ((c: Ctx) => string)[] = [
  (c) => `Countering ${c.subject}`,
  (c) => `Confronting ${c.subject} in ${c.place}`,
  (c) => `Responding to ${c.subject}: ${c.rng.pick(SUBTITLES)(c)}`,
  (c) => `Tackling ${c.subject} in ${c.place}`,
  (c) => `The Fight Against ${c.subject}`,
  (c) => `Ending ${c.subject}: ${c.rng.pick(SUBTITLES)(c)}`,
  (c) => `Preventing ${c.subject} in ${c.place}`,
];

const TYPE_TITLES: Readonly<Record<string, readonly ((c: Ctx) => string)[]>> = {
  Speech: [
    (c) => `${c.people[0].name} on ${c.subject}`,
    (c) => `A Conversation with ${c.people[0].name}`,
    (c) => `${c.people[0].name}: ${c.subject} in ${c.place}`,
    (c) => `Keynote Address: ${c.subject}`,
    (c) => `Address on ${c.subject} in ${c.place}`,
  ],
  'Book Launch': [
    (c) => `Book Launch: “${c.rng.pick(BOOK_MAINS)}: ${c.subject} in ${c.place}”`,
    (c) => `${c.rng.pick(BOOK_MAINS)}: ${c.subject} in ${c.place}`,
    (c) => `“${c.rng.pick(BOOK_MAINS)}”: A Book Launch on ${c.subject}`,
    (c) => `Book Launch: ${c.rng.pick(BOOK_MAINS)}`,
  ],
  'Ministerial Dinner': [
    (c) => `Ministerial Dinner on ${c.subject}`,
    (c) => `${c.subject}: A Ministerial Dialogue`,
    (c) => `Strengthening the Partnership: A Fresh Dialogue on ${c.subject}`,
    (c) => `Working Dinner: ${c.subject} in ${c.place}`,
  ],
  Workshop: [
    (c) => `Expert Workshop on ${c.subject}`,
    (c) => `${c.subject}: A Practitioners' Workshop`,
    (c) => `Training Workshop on ${c.subject} in ${c.place}`,
  ],
  Roundtable: [
    (c) => `Roundtable on ${c.subject} in ${c.place}`,
    (c) => `Closed-Door Roundtable: ${c.subject}`,
    (c) => `Breakfast Roundtable: ${c.subject} and ${c.subject2}`,
  ],
  'Policy Forum': [(c) => `Policy Forum: ${c.subject}`, (c) => `Policy Forum on ${c.subject} in ${c.place}`],
  Conference: [
    (c) => `${ordinal(c.rng.int(2, 25))} Annual Conference on ${c.subject}`,
    (c) => `International Conference on ${c.subject} in ${c.place}`,
    (c) => `Regional Conference: ${c.subject} in ${c.place}`,
  ],
};

/** Ways a later event re-titles an earlier one; real archives are full of these. */
const NEAR_DUPLICATES: readonly ((core: string, c: Ctx) => string)[] = [
  (core) => `The Future of ${core} and Beyond`,
  (core) => `${core}: Lessons Learned`,
  (core) => `Revisiting ${core}`,
  (core) => `${core}, Part II`,
  (core) => `${core}: A Follow-Up Discussion`,
  (core) => `${core} Revisited`,
  (core) => core,
  (core, c) => `${core}: ${c.rng.pick(SUBTITLES)(c)}`,
];

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function personName(rng: Rng, pool: NamePool): string {
  const female = rng.chance(0.5);
  const first = rng.pick(female ? pool.female : pool.male);
  const last = rng.pick(female ? pool.lastFemale : pool.lastMale);
  const middle = rng.chance(0.06) ? ` ${rng.pick('ABCDEFGHJKLMNPRSTW'.split(''))}.` : '';
  return `${first}${middle} ${last}`;
}

function poolFor(rng: Rng, country: string | undefined): NamePool {
  const name = country ? COUNTRY_POOLS[country] : undefined;
  return LOCALE_POOLS[name && rng.chance(0.9) ? name : rng.weighted(GLOBAL_POOLS)];
}

function institute(rng: Rng, pool: NamePool): string {
  switch (rng.int(0, 7)) {
    case 0:
      return `${rng.pick(pool.lastMale)} Foundation`;
    case 1:
      return `Institute for ${rng.pick(FIELDS)}`;
    case 2:
      return `Centre for ${rng.pick(FIELDS)}, University of ${rng.pick(UNIVERSITY_CITIES)}`;
    case 3:
      return `${rng.pick(CITIES).city} Centre for ${rng.pick(FIELDS)}`;
    default:
      return rng.pick(NGOS);
  }
}

function speaker(
  rng: Rng,
  topic: Topic,
  where: readonly [string, string],
  eventType: string,
  first: boolean,
): Person {
  // Envoys and country directors are posted to a country or region, not to "the Global South".
  const place = (where[1] === 'Global' ? 'the Sahel' : where[0]).replace(/^the /, '');
  const kind = rng.weighted([
    ['government', 30],
    ['un', 22],
    ['regional', 6],
    ['think-tank', 22],
    ['academic', 10],
    ['civil-society', 10],
  ] as const);
  const country = rng.chance(0.6) ? rng.pick(FREQUENT_COUNTRIES) : rng.pick(COUNTRIES);
  const pool = poolFor(rng, kind === 'government' ? country : undefined);
  const name = personName(rng, pool);
  if (eventType === 'Book Launch' && first)
    return { name, role: `Author of the book, ${institute(rng, pool)}` };
  if (rng.chance(0.04)) return { name };
  let role: string;
  switch (kind) {
    case 'government':
      role = rng.pick([
        `Minister of Foreign Affairs of ${country}`,
        `Minister of Defence of ${country}`,
        `Deputy Minister of Foreign Affairs of ${country}`,
        `State Secretary, Ministry of Foreign Affairs of ${country}`,
        `Permanent Representative of ${country} to the United Nations`,
        `Permanent Representative of ${country} to the UN`,
        `Deputy Permanent Representative of ${country} to the United Nations`,
        `Ambassador of ${country} to ${rng.pick(COUNTRIES)}`,
        `Special Envoy of ${country} for ${topic.name}`,
        `Prime Minister of ${country}`,
        `President of ${country}`,
        `National Security Adviser, ${country}`,
        `Director-General for Political Affairs, Ministry of Foreign Affairs of ${country}`,
        `Chief of Defence Staff, Armed Forces of ${country}`,
        `Member of Parliament, ${country}`,
      ]);
      break;
    case 'un':
      role = rng.pick([
        'Under-Secretary-General for Peace Operations',
        'Under-Secretary-General for Political and Peacebuilding Affairs',
        'Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator',
        'Under-Secretary-General for Operational Support',
        'Assistant Secretary-General for Peacebuilding Support',
        'Assistant Secretary-General for Rule of Law and Security Institutions',
        'Assistant Secretary-General for Human Rights',
        `Special Representative of the Secretary-General for ${place}`,
        'Special Representative of the Secretary-General for Children and Armed Conflict',
        'Special Representative of the Secretary-General on Sexual Violence in Conflict',
        `Special Envoy of the Secretary-General for ${place}`,
        'Executive Director of UN Women',
        'UN High Commissioner for Refugees',
        `Force Commander, ${rng.pick(UN_MISSIONS)}`,
        `Police Commissioner, ${rng.pick(UN_MISSIONS)}`,
        `Head of Mission, ${rng.pick(UN_MISSIONS)}`,
        'Executive Director, Counter-Terrorism Committee Executive Directorate',
        'President of the General Assembly',
        'Chair of the Peacebuilding Commission',
        'Director, Policy, Evaluation and Training Division, Department of Peace Operations',
        `Senior Adviser, ${rng.pick(UN_ENTITIES)}`,
        `Director, ${rng.pick(UN_ENTITIES)}`,
      ]);
      break;
    case 'regional':
      role = rng.pick([
        'Commissioner for Political Affairs, Peace and Security, African Union Commission',
        'Secretary General of the OSCE',
        'EU Special Representative for the Sahel',
        'President of the ECOWAS Commission',
        'Executive Secretary, IGAD',
        'Secretary-General of the League of Arab States',
        `Head, ${rng.pick(REGIONAL_BODIES)}`,
        `Senior Political Adviser, ${rng.pick(REGIONAL_BODIES)}`,
      ]);
      break;
    case 'think-tank':
      role = rng.pick([
        `Senior Fellow, ${institute(rng, pool)}`,
        `Director, ${topic.tag} Program, ${institute(rng, pool)}`,
        `Research Fellow, ${institute(rng, pool)}`,
        `Vice President, ${institute(rng, pool)}`,
        `President, ${institute(rng, pool)}`,
        `Senior Fellow, ${HOUSE}`,
        `Research Fellow, ${HOUSE}`,
        `Director of Research, ${HOUSE}`,
        `Senior Adviser for ${topic.tag}, ${HOUSE}`,
      ]);
      break;
    case 'academic':
      role = `${rng.pick(['Professor', 'Associate Professor', 'Assistant Professor', 'Lecturer', 'Chair'])} of ${rng.pick(['International Relations', 'Political Science', 'Peace and Conflict Studies', 'International Law', 'War Studies', 'Anthropology', 'Public Policy', 'Geography', 'History'])}, University of ${rng.pick(UNIVERSITY_CITIES)}`;
      break;
    default:
      role = rng.pick([
        `Executive Director, ${rng.pick(NGOS)}`,
        `Founder, ${rng.pick(NGOS)}`,
        `Country Director for ${place}, ${rng.pick(NGOS)}`,
        `Advocacy Director, ${rng.pick(NGOS)}`,
        `Journalist and author, ${rng.pick(CITIES).city}`,
        `Women's rights activist from ${place}`,
        `Youth peacebuilder from ${place}`,
      ]);
  }
  return { name, role };
}

function host(rng: Rng, topic: Topic): string {
  const country = rng.chance(0.6) ? rng.pick(FREQUENT_COUNTRIES) : rng.pick(COUNTRIES);
  return rng.weighted<() => string>([
    [() => `Government of ${country}`, 20],
    [() => `Permanent Mission of ${country} to the United Nations`, 18],
    [() => `Permanent Mission of ${country} to the UN`, 6],
    [() => `Ministry of Foreign Affairs of ${country}`, 8],
    [() => rng.pick(UN_ENTITIES), 12],
    [() => rng.pick(REGIONAL_BODIES), 6],
    [() => institute(rng, poolFor(rng, country)), 12],
    [() => `${rng.pick(poolFor(rng, country).lastMale)} Family Foundation`, 3],
    [() => `Group of Friends of ${topic.name}`, 3],
    [() => rng.pick(NGOS), 8],
  ])();
}

function placeOf(rng: Rng): readonly [string, string] {
  return rng.pick(PLACES);
}

/** Minutes after local midnight that suit the format: dinners at night, breakfasts early, panels mid-day. */
function timeOfDay(rng: Rng, type: string): number {
  const times =
    type === 'Ministerial Dinner'
      ? '18:30 19:00 19:30 20:00'
      : type === 'Roundtable' && rng.chance(0.4)
        ? '8:00 8:30 9:00'
        : '9:00 9:30 10:00 10:30 11:00 12:30 13:00 13:15 14:00 15:00 16:00 17:30 18:00 18:30';
  const [hour, minute] = rng.pick(times.split(' ')).split(':').map(Number);
  return hour * 60 + minute;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const yearOffsets = new Map<string, [number, number][]>();
const dayOffsets = new Map<string, number>();
/** Zones that suspend daylight saving for Ramadan, so a year can hold more than two changes. */
const IRREGULAR_ZONES = new Set(['Africa/Casablanca', 'Africa/Cairo']);

/** Minutes `zone` is ahead of UTC at the instant `utcMs`. */
function zoneOffset(zone: string, utcMs: number): number {
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    zoneFormats.set(zone, format);
  }
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(utcMs)) f[part.type] = Number(part.value);
  return Math.round((Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) - utcMs) / 60_000);
}

/** The offset at local noon of the calendar day that starts at `dayMs` (00:00 UTC of that date). */
function noonOffset(zone: string, dayMs: number): number {
  const noon = dayMs + DAY_MS / 2;
  return zoneOffset(zone, noon - zoneOffset(zone, noon) * 60_000);
}

/** The first day in (lo, hi] whose noon offset is `target`, given one change between them. */
function firstDayWith(zone: string, lo: number, hi: number, target: number): number {
  while (hi - lo > DAY_MS) {
    const mid = lo + Math.floor((hi - lo) / DAY_MS / 2) * DAY_MS;
    if (noonOffset(zone, mid) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A year as [first day, offset] segments: one without daylight saving, up to three with it. */
function segmentsOfYear(zone: string, year: number): [number, number][] {
  const jan = Date.UTC(year, 0, 1);
  const jul = Date.UTC(year, 6, 1);
  const dec = Date.UTC(year, 11, 31);
  const [a, m, z] = [noonOffset(zone, jan), noonOffset(zone, jul), noonOffset(zone, dec)];
  const segments: [number, number][] = [[jan, a]];
  if (m !== a) segments.push([firstDayWith(zone, jan, jul, m), m]);
  if (z !== m) segments.push([firstDayWith(zone, jul, dec, z), z]);
  return segments;
}

/**
 * The offset in force during the working hours of a local calendar day (`dayMs` is that date at 00:00 UTC).
 * Zones change offset at night, so local noon stands for the whole 8:00–22:00 range events use. Each
 * zone-year is resolved once (a binary search for its changes) rather than asking Intl or luxon per event,
 * which was the largest cost at 100k events.
 */
function offsetOnDay(zone: string, dayMs: number): number {
  if (IRREGULAR_ZONES.has(zone)) {
    const key = `${zone}|${dayMs}`;
    let offset = dayOffsets.get(key);
    if (offset === undefined) {
      offset = noonOffset(zone, dayMs);
      dayOffsets.set(key, offset);
    }
    return offset;
  }
  const year = new Date(dayMs).getUTCFullYear();
  const key = `${zone}|${year}`;
  let segments = yearOffsets.get(key);
  if (!segments) {
    segments = segmentsOfYear(zone, year);
    yearOffsets.set(key, segments);
  }
  let offset = segments[0][1];
  for (const [from, value] of segments) if (dayMs >= from) offset = value;
  return offset;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(dayMs: number): string {
  const d = new Date(dayMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface GenState {
  rng: Rng;
  fromMs: number;
  nowMs: number;
  toMs: number;
  ids: Set<string>;
  cores: string[];
}

function nextEvent(state: GenState): EventInput {
  const { rng } = state;
  const type = rng.weighted(EVENT_TYPES);
  const topic = rng.pick(TOPICS);
  let topic2 = rng.pick(TOPICS);
  if (topic2 === topic) topic2 = TOPICS[(TOPICS.indexOf(topic) + 1) % TOPICS.length];
  const where = placeOf(rng);
  const [place, region] = where;
  let [place2] = placeOf(rng);
  if (place2 === place) [place2] = placeOf(rng);
  const city = rng.weighted(WEIGHTED_CITIES);

  // When: uniform over the span, nudged off weekends.
  let dayMs = Math.floor((state.fromMs + rng.next() * (state.toMs - state.fromMs)) / DAY_MS) * DAY_MS;
  const weekday = new Date(dayMs).getUTCDay();
  if ((weekday === 0 || weekday === 6) && rng.chance(0.9)) dayMs += (weekday === 6 ? 2 : 1) * DAY_MS;
  const day = new Date(dayMs);
  const year = day.getUTCFullYear();
  const date = isoDate(dayMs);
  const dateOnly = rng.chance(type === 'Conference' ? 0.5 : 0.1);
  const startMinutes = timeOfDay(rng, type);
  const offset = offsetOnDay(city.zone, dayMs);
  const clock = (m: number) => `${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00${isoOffset(offset)}`;
  const start = dateOnly ? date : clock(startMinutes);
  let end: string | undefined;
  if (dateOnly && type === 'Conference' && rng.chance(0.7)) end = isoDate(dayMs + rng.int(1, 3) * DAY_MS);
  else if (!dateOnly && rng.chance(0.6)) end = clock(startMinutes + rng.pick([60, 90, 105, 120, 150, 180]));
  const upcoming = dayMs + (startMinutes - offset) * 60_000 > state.nowMs;

  const speakerCount = rng.weighted([
    [1, 10],
    [2, 20],
    [3, 30],
    [4, 25],
    [5, 15],
  ] as const);
  const people: Person[] = [];
  for (let i = 0; i < speakerCount; i++) people.push(speaker(rng, topic, where, type, i === 0));

  const useTerm = rng.chance(0.5);
  const ctx: Ctx = {
    rng,
    topic,
    topic2,
    topicLower: lowerPhrase(topic.name),
    topicProblem: isProblem(topic.name),
    subject: useTerm ? titleCase(rng.pick(topic.terms)) : topic.name,
    subject2: rng.chance(0.5) ? titleCase(rng.pick(topic2.terms)) : topic2.name,
    place,
    place2,
    people,
    term: () => (rng.chance(0.75) ? rng.pick(topic.terms) : rng.pick(topic2.terms)),
    noun: () => rng.pick(DOMAIN_NOUNS),
    actor: () => rng.pick(ACTORS),
    domainAdj: () => rng.pick(DOMAIN_ADJ),
    pastYear: () => rng.int(Math.max(1995, year - 20), year - 1),
  };

  // Title: a fresh one, or a variation on one used before.
  let title: string;
  if (state.cores.length > 20 && rng.chance(0.08)) {
    title = rng.pick(NEAR_DUPLICATES)(rng.pick(state.cores), ctx);
  } else {
    const own = TYPE_TITLES[type];
    const leaning = isProblem(ctx.subject) ? PROBLEM_TITLES : POSITIVE_TITLES;
    if (own && rng.chance(0.5)) title = rng.pick(own)(ctx);
    else title = rng.chance(0.25) ? rng.pick(leaning)(ctx) : rng.pick(GENERAL_TITLES)(ctx);
    // Short formulas ("Policy Forum: Mediation") would repeat thousands of times in a large archive.
    const open = !title.includes(place) && !title.includes(people[0].name) && !/[?”]$/.test(title);
    if (open && rng.chance(0.55)) {
      title += title.includes(':') || rng.chance(0.5) ? ` in ${place}` : `: ${rng.pick(SUBTITLES)(ctx)}`;
    }
    if (rng.chance(0.3)) {
      const core = rng.chance(0.5) ? `${ctx.subject} in ${place}` : ctx.subject;
      if (state.cores.length < 500) state.cores.push(core);
      else state.cores[rng.int(0, state.cores.length - 1)] = core;
    }
  }

  title = capitalize(title).replace(/(: |“)the /g, '$1The ');

  const hostCount = rng.weighted([
    [1, 40],
    [2, 40],
    [3, 20],
  ] as const);
  const hosts: string[] = rng.chance(0.6) ? [HOUSE] : [];
  while (hosts.length < hostCount) {
    const h = host(rng, topic);
    if (!hosts.includes(h)) hosts.push(h);
  }

  // Summary: intro, hosts, speakers, then context until it reaches about 120 words.
  const when = `${WEEKDAYS[day.getUTCDay()]}, ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${year}`;
  const label = rng.chance(0.5)
    ? type.toLowerCase()
    : rng.pick(['meeting', 'discussion', 'event', 'dialogue', 'conversation']);
  const parts: string[] = [];
  parts.push(
    upcoming
      ? `On ${when}, the ${HOUSE} will host ${withA(label)} on “${title}” that will bring together ${rng.pick(['member states', 'policymakers', 'practitioners', 'experts'])} and ${rng.pick(['civil society', 'researchers', 'UN officials', 'regional partners'])} to discuss ${ctx.topicLower} in ${place}.`
      : rng.pick([
          `${capitalize(withA(label))} on “${title},” held on ${when}, provided a chance for key stakeholders to engage on ${ctx.topicLower} and ${ctx.term()}.`,
          `On ${when}, the ${HOUSE} held ${withA(label)} on “${title}” to discuss ${ctx.topicLower} in ${place}.`,
          `A high-level ${label} on ${ctx.topicLower}, held on ${when}, brought together ${rng.pick(['member states', 'senior officials', 'practitioners', 'researchers and policymakers'])} to consider ${ctx.term()} in ${place}.`,
        ]),
  );
  parts.push(
    `The ${rng.pick(['meeting', 'event', 'discussion'])} ${upcoming ? 'is' : 'was'} ${rng.pick(['hosted', 'co-hosted', 'organized'])} by ${joinList(hosts.map(withArticle))}.`,
  );
  parts.push(
    `${upcoming ? 'Speakers will include' : 'Speakers included'} ${joinList(people.map((p) => (p.role ? `${p.name}, ${p.role}` : p.name)))}.`,
  );
  if (rng.chance(0.35) && FAKER_ADJECTIVES.length) {
    parts.push(
      `One participant described the situation in ${place} as “${rng.pick(FAKER_ADJECTIVES)},” and another as “${rng.pick(FAKER_ADJECTIVES)}.”`,
    );
  }
  if (rng.chance(0.12) && FAKER_NOUNS.length) {
    parts.push(
      `Drawing an analogy with ${withA(rng.pick(FAKER_NOUNS))}, one speaker argued that work on ${ctx.term()} needs constant maintenance.`,
    );
  }
  let words = parts.reduce((n, p) => n + wordCount(p), 0);
  for (const sentence of rng.sample(SUMMARY_SENTENCES, SUMMARY_SENTENCES.length)) {
    if (words >= 110) break;
    const text = sentence(ctx);
    parts.push(text);
    words += wordCount(text);
  }
  if (rng.chance(0.3)) parts.push('The discussion was held under the Chatham House rule.');

  const themeCount = rng.int(3, 7);
  const themes: { title: string; summary: string }[] = [];
  const themeTitles = new Set<string>();
  for (const aspect of rng.sample(ASPECTS, ASPECTS.length)) {
    if (themes.length >= themeCount) break;
    const themeTitle = aspect(ctx);
    if (themeTitles.has(themeTitle)) continue;
    themeTitles.add(themeTitle);
    const sentences = rng.sample(THEME_SENTENCES, rng.int(1, 3)).map((s) => s(ctx));
    themes.push({ title: themeTitle, summary: sentences.join(' ') });
  }

  const tags = [topic.tag];
  if (rng.chance(0.5) && topic2.tag !== topic.tag) tags.push(topic2.tag);
  if (region !== 'Global') tags.push(region);
  if (rng.chance(0.4)) tags.push(place.replace(/^the /, ''));
  if (rng.chance(0.2)) tags.push(type);

  const derived = deriveEventId(start, title);
  let id = derived;
  for (let n = 2; state.ids.has(id); n++) id = `${derived}-${n}`;
  state.ids.add(id);

  const event: EventInput = {
    title,
    type,
    start,
    ...(end ? { end } : {}),
    timezone: city.zone,
    location: rng.chance(0.2) ? city.city : `${rng.pick(city.venues)}, ${city.city}`,
    hosts,
    speakers: people.map((p) => (p.role ? { name: p.name, role: p.role } : { name: p.name })),
    summary: parts.join(' '),
    themes,
    tags,
  };
  if (year >= 2020 && rng.chance(0.1)) event.location = 'Online';
  if (id !== derived) event.id = id;
  if (rng.chance(0.97))
    event.url = `https://www.example.org/events/${start.slice(0, 4)}/${start.slice(5, 7)}/${id.slice(11)}`;
  return event;
}

/** Events one at a time, so a CLI can write a large archive without holding it all as text. */
export function* iterateEvents(count: number, options: { seed: number; now: Date }): Generator<EventInput> {
  const nowMs = options.now.getTime();
  const yearsFromNow = (years: number) => {
    const d = new Date(nowMs);
    d.setUTCFullYear(d.getUTCFullYear() + years);
    return d.getTime();
  };
  const state: GenState = {
    rng: new Rng(options.seed),
    fromMs: yearsFromNow(-19),
    nowMs,
    toMs: yearsFromNow(1),
    ids: new Set(),
    cores: [],
  };
  for (let i = 0; i < count; i++) yield nextEvent(state);
}

/**
 * `count` archive records that all pass `parseEvent`, with unique ids, spread over the 19 years before
 * `now` and the year after it. Same `seed` and `now`, same records.
 */
export function generateEvents(count: number, options: { seed: number; now: Date }): EventInput[] {
  return Array.from(iterateEvents(count, options));
}

// ---------------------------------------------------------------------------------------------------------
// Labelled queries
// ---------------------------------------------------------------------------------------------------------

/** A query as staff would type it, and the event it should find (none for off-topic queries). */
export type LabelledQuery = {
  kind: 'typo' | 'partial' | 'speaker' | 'host' | 'theme' | 'date' | 'none';
  query: string;
  expectedId?: string;
};

const STOPWORDS = new Set(
  list(
    'a | an | and | as | at | by | for | from | in | into | is | it | of | on | or | the | to | with | what | who | how | why | its | s | next | beyond | after | toward | still | over | where | do | we | go | here | than | part | ii',
  ),
);

/** Words that name the kind of organization rather than which one. */
const GENERIC_HOST_WORDS = new Set(
  list(
    'government | permanent | mission | united | nations | un | ministry | foreign | affairs | institute | foundation | family | international | peace | centre | center | university | office | department | delegation | union | commission | group | friends | organization | for | of | the | to | and',
  ),
);

function tokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

function contentTokens(text: string): string[] {
  return tokens(text).filter((t) => !STOPWORDS.has(t) && t.length > 1);
}

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qswz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

/** One slip of the fingers: a dropped, swapped, doubled or neighbouring letter, never the first one. */
function typo(rng: Rng, word: string, known: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = rng.int(1, word.length - 1);
    let out: string;
    switch (rng.int(0, 3)) {
      case 0:
        out = word.slice(0, i) + word.slice(i + 1);
        break;
      case 1:
        out = i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
        break;
      case 2:
        out = word.slice(0, i) + word[i] + word.slice(i);
        break;
      default: {
        const near = KEYBOARD_NEIGHBOURS[word[i]];
        out = near ? word.slice(0, i) + rng.pick(near.split('')) + word.slice(i + 1) : word;
      }
    }
    if (out !== word && !known.has(out)) return out;
  }
  return word.slice(0, -1);
}

interface QueryIndex {
  titleTokens: string[][];
  /** Postings over the short fields (title, theme titles, speakers, hosts), ascending event positions. */
  postings: Map<string, number[]>;
  titleDf: Map<string, number>;
  hostDf: Map<string, number>;
  known: Set<string>;
  /** The local year-month of each event's start, as written ("2017-03"). */
  monthOf(i: number): string;
}

function buildIndex(events: readonly Event[]): QueryIndex {
  const postings = new Map<string, number[]>();
  const titleDf = new Map<string, number>();
  const hostDf = new Map<string, number>();
  const titleTokens: string[][] = [];
  events.forEach((e, i) => {
    const own = [...new Set(contentTokens(e.title))];
    titleTokens.push(own);
    for (const t of own) titleDf.set(t, (titleDf.get(t) ?? 0) + 1);
    const hostTokens = new Set(e.hosts.flatMap(tokens));
    for (const t of hostTokens) hostDf.set(t, (hostDf.get(t) ?? 0) + 1);
    const short = new Set([
      ...own,
      ...e.themes.flatMap((th) => tokens(th.title)),
      ...e.speakers.flatMap((s) => tokens(s.name)),
      ...hostTokens,
    ]);
    for (const t of short) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  return {
    titleTokens,
    postings,
    titleDf,
    hostDf,
    known: new Set(postings.keys()),
    monthOf: (i) => events[i].start.slice(0, 7),
  };
}

function contains(sorted: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** How many events carry every one of `words` in their short fields (and pass `also`). */
function matches(index: QueryIndex, words: readonly string[], also?: (i: number) => boolean): number {
  const lists = words.map((w) => index.postings.get(w) ?? []).sort((a, b) => a.length - b.length);
  if (!lists.length) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (const i of lists[0]) if (lists.every((l) => contains(l, i)) && (!also || also(i))) n++;
  return n;
}

/** The title's rarest content words, rarest first; ties broken randomly so repeated runs spread out. */
function rarestTitleWords(rng: Rng, index: QueryIndex, at: number, minLength = 3): string[] {
  return index.titleTokens[at]
    .filter((t) => t.length >= minLength && !/^\d+(st|nd|rd|th)?$/.test(t))
    .map((t) => [t, (index.titleDf.get(t) ?? 0) + rng.next() * 0.5] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([t]) => t);
}

function inTitleOrder(index: QueryIndex, at: number, words: readonly string[]): string[] {
  const order = index.titleTokens[at];
  return [...words].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

type Candidate = { query: string; words: string[]; also?: (i: number) => boolean };
type Maker = (rng: Rng, event: Event, at: number, index: QueryIndex) => Candidate | undefined;

const MAKERS: Readonly<Record<Exclude<LabelledQuery['kind'], 'none'>, Maker>> = {
  typo(rng, _event, at, index) {
    const rare = rarestTitleWords(rng, index, at);
    const words = inTitleOrder(index, at, rare.slice(0, rng.int(2, 3)));
    const long = words.filter((w) => w.length >= 5);
    if (words.length < 2 || !long.length) return undefined;
    const broken = new Set(rng.sample(long, long.length > 1 && rng.chance(0.35) ? 2 : 1));
    return { query: words.map((w) => (broken.has(w) ? typo(rng, w, index.known) : w)).join(' '), words };
  },
  partial(rng, event, _at, index) {
    const raw = event.title.split(/\s+/).map((w) => w.replace(/^[“"'(]+|[”"'),:;.?!]+$/g, ''));
    const windows: { words: string[]; score: number }[] = [];
    for (let size = 2; size <= 4; size++) {
      for (let i = 0; i + size <= raw.length; i++) {
        const slice = raw.slice(i, i + size);
        const first = slice[0].toLowerCase();
        const last = slice[slice.length - 1].toLowerCase();
        if (STOPWORDS.has(first) || STOPWORDS.has(last) || slice.some((w) => !w)) continue;
        // A fragment that crosses a colon reads like two half-remembered titles, not one.
        if (
          event.title
            .split(/\s+/)
            .slice(i, i + size - 1)
            .some((w) => /[:;?]$/.test(w))
        )
          continue;
        const ts = contentTokens(slice.join(' '));
        if (!ts.length) continue;
        const score = Math.min(...ts.map((t) => index.titleDf.get(t) ?? 0)) + rng.next();
        windows.push({ words: slice, score });
      }
    }
    if (!windows.length) return undefined;
    windows.sort((a, b) => a.score - b.score);
    const chosen = windows[rng.int(0, Math.min(2, windows.length - 1))];
    return { query: chosen.words.join(' '), words: contentTokens(chosen.words.join(' ')) };
  },
  speaker(rng, event, at, index) {
    if (!event.speakers.length) return undefined;
    const surname = rng.pick(event.speakers).name.split(' ').pop() ?? '';
    const word = rarestTitleWords(rng, index, at, 4)[0];
    const surnameTokens = tokens(surname);
    if (!word || !surnameTokens.length) return undefined;
    return { query: `${surname} ${word}`, words: [...surnameTokens, word] };
  },
  host(rng, event, at, index) {
    const h = rng.pick(event.hosts);
    if (!h) return undefined;
    const hostWord = tokens(h)
      .filter((t) => !GENERIC_HOST_WORDS.has(t) && t.length >= 3)
      .sort((a, b) => (index.hostDf.get(a) ?? 0) - (index.hostDf.get(b) ?? 0))[0];
    const word = rarestTitleWords(rng, index, at, 4).find((t) => t !== hostWord);
    if (!hostWord || !word) return undefined;
    const hostOriginal = h.split(/\s+/).find((w) => tokens(w).includes(hostWord)) ?? hostWord;
    return {
      query: `${hostOriginal.replace(/[,.]$/, '')} ${word}`,
      words: [...new Set([...tokens(hostOriginal), word])],
    };
  },
  theme(rng, event, at, index) {
    const theme = rng.pick(event.themes);
    if (!theme) return undefined;
    const themeWords = [...new Set(contentTokens(theme.title))]
      .sort((a, b) => (index.postings.get(a)?.length ?? 0) - (index.postings.get(b)?.length ?? 0))
      .slice(0, rng.int(1, 3));
    const word = rarestTitleWords(rng, index, at, 4).find((t) => !themeWords.includes(t));
    if (!themeWords.length || !word) return undefined;
    const ordered = contentTokens(theme.title).filter(
      (t, i, all) => themeWords.includes(t) && all.indexOf(t) === i,
    );
    return { query: `${ordered.join(' ')} ${word}`, words: [...ordered, word] };
  },
  date(rng, event, at, index) {
    const words = inTitleOrder(index, at, rarestTitleWords(rng, index, at, 4).slice(0, rng.int(1, 2)));
    if (!words.length) return undefined;
    const month = event.start.slice(0, 7);
    const label = `${MONTHS[Number(event.start.slice(5, 7)) - 1]} ${event.start.slice(0, 4)}`;
    return { query: `${words.join(' ')} ${label}`, words, also: (i) => index.monthOf(i) === month };
  },
};

/**
 * Queries made from randomly chosen events, `perKind` of each kind, each labelled with the event it should
 * find. Words are picked for rarity (by document frequency over short fields), and of several tries the one
 * that the fewest other events also contain wins, so the label is one a good search can honour.
 */
export function generateQueries(
  events: Event[],
  options: { seed: number; perKind: number },
): LabelledQuery[] {
  const rng = new Rng(options.seed ^ 0x5bd1e995);
  const index = buildIndex(events);
  const out: LabelledQuery[] = [];
  if (events.length) {
    for (const [kind, make] of Object.entries(MAKERS) as [Exclude<LabelledQuery['kind'], 'none'>, Maker][]) {
      const used = new Set<number>();
      for (let q = 0; q < options.perKind; q++) {
        let best: { query: string; at: number; count: number } | undefined;
        for (let attempt = 0; attempt < 12 && (!best || best.count > 1); attempt++) {
          const at = rng.int(0, events.length - 1);
          if (used.has(at)) continue;
          const candidate = make(rng, events[at], at, index);
          if (!candidate) continue;
          const count = matches(index, candidate.words, candidate.also);
          if (!best || count < best.count) best = { query: candidate.query, at, count };
        }
        if (!best) continue;
        used.add(best.at);
        const query = rng.chance(0.75) ? best.query.toLowerCase() : best.query;
        out.push({ kind, query, expectedId: events[best.at].id });
      }
    }
  }
  const offTopic = rng.sample(OFF_TOPIC_QUERIES, OFF_TOPIC_QUERIES.length);
  for (let q = 0; q < options.perKind; q++) out.push({ kind: 'none', query: offTopic[q % offTopic.length] });
  return out;
}
