/**
 * Explainable triage suggestions for help requests: which category a free-text request is about,
 * and how urgent it looks. Pure functions, no database, no I/O. Every suggestion carries the
 * reasons behind it (`{ code, params }`), translated in `triage-messages.ts`, so the operator who
 * confirms or changes it can see why it was made. They are suggestions: a person always decides.
 */

export const helpCategories = [
  'shopping',
  'medicines',
  'company',
  'escort',
  'paperwork',
  'psychological_support',
  'housing',
  'work',
  'food',
  'other',
] as const;
export type HelpCategory = (typeof helpCategories)[number];

export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];

/** Why a suggestion was made: a message code and the values to put in it. */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

/** Every reason code the triage can produce (each has a message in both catalogs). */
export const reasonCodes = [
  'triage.reason.keyword',
  'triage.reason.category',
  'triage.reason.lives_alone',
  'triage.reason.age',
  'triage.reason.health',
  'triage.reason.no_food',
  'triage.reason.minors',
  'triage.reason.urgent_words',
  'triage.reason.danger_words',
  'triage.reason.default',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** Only the first characters of a text are read: this bounds the work whatever is sent. */
export const maxAnalysedChars = 20_000;
/** Longer "words" (base64, URLs, keyboard mashing) are skipped. */
const maxWordLength = 40;
/** At most this many reasons of one kind (danger or urgent words) are listed. */
const maxWordReasons = 5;

// ---------------------------------------------------------------------------------------------
// Italian stemmer: the Snowball Italian algorithm (snowballstem.org/algorithms/italian), run on
// accent-folded lower-case words. Folding turns the suffix "ità" into "ita"; the verb endings
// "erà erò irà irò" are left out, as folded they would eat ordinary words ("sera", "lettera").
// ---------------------------------------------------------------------------------------------

const isVowel = (c: string | undefined): boolean =>
  c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';

const byLengthDesc = (list: readonly string[]): string[] => [...list].sort((a, b) => b.length - a.length);

const pronounSuffixes = byLengthDesc(
  'ci gli la le li lo mi ne si ti vi sene gliela gliele glieli glielo gliene mela mele meli melo mene tela tele teli telo tene cela cele celi celo cene vela vele veli velo vene'.split(
    ' ',
  ),
);

type Step1Rule = 'r2' | 'azione' | 'logia' | 'uzione' | 'enza' | 'amento' | 'amente' | 'ita' | 'ivo';
const step1Groups: [Step1Rule, string][] = [
  [
    'r2',
    'anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili ista iste isti oso osi osa ose mente atrice atrici ante anti',
  ],
  ['azione', 'azione azioni atore atori'],
  ['logia', 'logia logie'],
  ['uzione', 'uzione uzioni usione usioni'],
  ['enza', 'enza enze'],
  ['amento', 'amento amenti imento imenti'],
  ['amente', 'amente'],
  ['ita', 'ita'],
  ['ivo', 'ivo ivi iva ive'],
];
const step1Rules = new Map<string, Step1Rule>(
  step1Groups.flatMap(([rule, list]) => list.split(' ').map((s): [string, Step1Rule] => [s, rule])),
);
const step1Suffixes = byLengthDesc([...step1Rules.keys()]);

const verbSuffixes = byLengthDesc(
  'ammo ando ano are arono asse assero assi assimo ata ate ati ato ava avamo avano avate avi avo emmo enda ende endi endo erai eranno ere erebbe erebbero erei eremmo eremo ereste eresti erete erono essero ete eva evamo evano evate evi evo iamo immo irai iranno ire irebbe irebbero irei iremmo iremo ireste iresti irete irono isca iscano isce isci isco iscono issero ita ite iti ito iva ivamo ivano ivate ivi ivo ono uta ute uti uto ar ir'.split(
    ' ',
  ),
);

/** The longest suffix of `list` (sorted longest first) that ends `w` and starts at `from` or later. */
function longestSuffix(w: string, list: readonly string[], from = 0): string | undefined {
  return list.find((s) => w.endsWith(s) && w.length - s.length >= from);
}

/** Removes `suffix` when `w` ends with it and it starts at `from` or later; `null` otherwise. */
function cut(w: string, suffix: string, from: number): string | null {
  return w.endsWith(suffix) && w.length - suffix.length >= from ? w.slice(0, -suffix.length) : null;
}

/** Start of the region after the first non-vowel that follows a vowel, searching from `start`. */
function regionAfter(w: string, start: number): number {
  for (let i = start + 1; i < w.length; i++) if (isVowel(w[i - 1]) && !isVowel(w[i])) return i + 1;
  return w.length;
}

/** Start of Snowball's RV region. */
function regionRV(w: string): number {
  if (w.length < 2) return w.length;
  if (!isVowel(w[1]) || isVowel(w[0])) {
    const wantVowel = !isVowel(w[1]);
    for (let i = 2; i < w.length; i++) if (isVowel(w[i]) === wantVowel) return i + 1;
    return w.length;
  }
  return Math.min(3, w.length);
}

/** Step 1: standard suffixes (derivational endings); `null` when none was removed. */
function standardSuffix(w: string, pV: number, p1: number, p2: number): string | null {
  const suffix = longestSuffix(w, step1Suffixes);
  if (!suffix) return null;
  const at = w.length - suffix.length;
  const base = w.slice(0, at);
  const rule = step1Rules.get(suffix)!;
  if (rule === 'amento') return at >= pV ? base : null;
  if (rule === 'amente') {
    if (at < p1) return null;
    const iv = cut(base, 'iv', p2);
    if (iv !== null) return cut(iv, 'at', p2) ?? iv;
    return cut(base, 'os', p2) ?? cut(base, 'ic', p2) ?? cut(base, 'abil', p2) ?? base;
  }
  if (at < p2) return null;
  switch (rule) {
    case 'azione':
      return cut(base, 'ic', p2) ?? base;
    case 'logia':
      return `${base}log`;
    case 'uzione':
      return `${base}u`;
    case 'enza':
      return `${base}ente`;
    case 'ita':
      return cut(base, 'abil', p2) ?? cut(base, 'ic', p2) ?? cut(base, 'iv', p2) ?? base;
    case 'ivo': {
      const at2 = cut(base, 'at', p2);
      return at2 === null ? base : (cut(at2, 'ic', p2) ?? at2);
    }
    default:
      return base;
  }
}

/**
 * Stems one Italian word with the Snowball Italian algorithm, accents and case ignored:
 * "farmaci", "farmacia", "farmacista" → "farmac"; "accompagnare", "accompagnamento",
 * "accompagnarmi" → "accompagn"; "bolletta", "bollette" → "bollett"; "sola", "solo" → "sol".
 */
export function stemItalian(word: string): string {
  return stemFolded(foldWord(word));
}

/** `stemItalian` for a word already folded (lower case, no accents). */
function stemFolded(folded: string): string {
  if (folded.length < 3) return folded;
  // Prelude: "qu" and an "i" or "u" between vowels act as consonants (marked upper case).
  const chars = folded.replaceAll('qu', 'qU').split('');
  for (let i = 1; i < chars.length - 1; i++) {
    const c = chars[i];
    if ((c === 'i' || c === 'u') && isVowel(chars[i - 1]) && isVowel(chars[i + 1]))
      chars[i] = c.toUpperCase();
  }
  let w = chars.join('');
  const pV = regionRV(w);
  const p1 = regionAfter(w, 0);
  const p2 = regionAfter(w, p1);

  // Step 0: attached pronouns after a gerund or an infinitive ("accompagnarmi" → "accompagnare").
  const pronoun = longestSuffix(w, pronounSuffixes);
  if (pronoun) {
    const before = w.slice(0, -pronoun.length);
    if ((before.endsWith('ando') || before.endsWith('endo')) && before.length - 4 >= pV) w = before;
    else if (/(?:ar|er|ir)$/.test(before) && before.length - 2 >= pV) w = `${before}e`;
  }
  // Step 1, or else step 2: derivational suffixes, or else verb endings within RV.
  const standard = standardSuffix(w, pV, p1, p2);
  if (standard !== null) w = standard;
  else {
    const verb = longestSuffix(w, verbSuffixes, pV);
    if (verb) w = w.slice(0, -verb.length);
  }
  // Step 3a: a final vowel in RV, and an "i" before it in RV. Step 3b: "ch"/"gh" → "c"/"g".
  const last = w[w.length - 1];
  if ((last === 'a' || last === 'e' || last === 'i' || last === 'o') && w.length - 1 >= pV) {
    w = w.slice(0, -1);
    if (w.endsWith('i') && w.length - 1 >= pV) w = w.slice(0, -1);
  }
  if ((w.endsWith('ch') || w.endsWith('gh')) && w.length - 2 >= pV) w = w.slice(0, -1);
  return w.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Words and lexicons
// ---------------------------------------------------------------------------------------------

/** Lower case, accents and other combining marks removed ("Perché" → "perche"). */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return /^[a-z0-9]*$/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Articles and prepositions: skipped when matching phrases ("ritirare le medicine"). */
const stopWords = new Set(
  'il lo la i gli le l un uno una un di d a ad da in con su per tra fra del dello della dei degli delle dell al allo alla ai agli alle all dal dallo dalla dai dagli dalle dall nel nello nella nei negli nelle nell sul sullo sulla sui sugli sulle sull e ed o the to of an at my'.split(
    ' ',
  ),
);

interface Token {
  folded: string;
  stem: string;
  start: number;
  end: number;
  /** False when punctuation (other than apostrophes and hyphens) separates it from the previous word. */
  joined: boolean;
}

const wordPattern = /[\p{L}\p{M}\p{N}]+/gu;

/** Whether the characters between two words keep them in one phrase: spaces, apostrophes, hyphens. */
function joinsWords(source: string, from: number, to: number): boolean {
  if (to - from > 30) return false;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    // space, tab, no-break space, apostrophe, right single quotation mark, hyphen
    if (c !== 32 && c !== 9 && c !== 160 && c !== 39 && c !== 0x2019 && c !== 45) return false;
  }
  return true;
}

type Word = { folded: string; stem: string } | null;

/**
 * Words already folded and stemmed (`null`: a stop word), as written, shared by all texts: people
 * use the same few thousand words, and stemming is most of the triage's work. Bounded: when full
 * it is emptied and fills again, so no text can make it grow without limit.
 */
const wordCache = new Map<string, Word>();
const wordCacheSize = 20_000;
const digits = /^[0-9]+$/;

function analyseWord(raw: string): Word {
  // Numbers (house numbers, dates, references) are their own stem, and are not worth keeping.
  if (digits.test(raw)) return { folded: raw, stem: raw };
  let word = wordCache.get(raw);
  if (word === undefined) {
    const folded = foldWord(raw);
    word = stopWords.has(folded) ? null : { folded, stem: stemFolded(folded) };
    if (wordCache.size >= wordCacheSize) wordCache.clear();
    wordCache.set(raw, word);
  }
  return word;
}

/** The words of a text that matter (stop words dropped), with where they are in it. */
function tokenize(text: string): Token[] {
  const source = text.length > maxAnalysedChars ? text.slice(0, maxAnalysedChars) : text;
  const tokens: Token[] = [];
  let previousEnd = 0;
  let joined = false;
  for (const match of source.matchAll(wordPattern)) {
    const raw = match[0];
    const start = match.index;
    joined = joined && joinsWords(source, previousEnd, start);
    previousEnd = start + raw.length;
    if (raw.length > maxWordLength) {
      joined = false;
      continue;
    }
    const word = analyseWord(raw);
    if (word === null) continue;
    tokens.push({ folded: word.folded, stem: word.stem, start, end: previousEnd, joined });
    joined = true;
  }
  return tokens;
}

/**
 * A text cut into words and stemmed once, so that several lexicons (categories, danger words,
 * urgent words) can be looked up in it without stemming it again for each.
 */
export interface AnalysedText {
  readonly text: string;
  readonly tokens: readonly Token[];
}

/** Cuts a text into its words and stems them (only the first `maxAnalysedChars` characters). */
export function analyseText(text: string): AnalysedText {
  return { text, tokens: typeof text === 'string' ? tokenize(text) : [] };
}

/** One word of a keyword: a stem to equal, or (written "word*") a beginning of the folded word. */
type WordMatcher = { stem: string } | { prefix: string };

interface Entry<T> {
  key: string;
  words: WordMatcher[];
  targets: T[];
}

/** Keywords compiled for matching: indexed by their first word's stem or prefix. */
interface Lexicon<T> {
  byStem: Map<string, Entry<T>[]>;
  byPrefix: Map<string, Entry<T>[]>;
}

interface LexiconMatch<T> {
  entry: Entry<T>;
  /** The words as the person wrote them (spaces collapsed). */
  word: string;
}

const prefixIndexLength = 3;

/**
 * Compiles keywords into a lexicon. A keyword is a word or a short phrase, written as people
 * write it; each word is stemmed, articles and prepositions are dropped. A word ending in "*" is
 * matched as the beginning of a word instead ("depress*": depressione, depresso, depressed).
 */
function compileLexicon<T>(keywords: readonly (readonly [string, T])[]): Lexicon<T> {
  const entries = new Map<string, Entry<T>>();
  for (const [keyword, target] of keywords) {
    const words: WordMatcher[] = [];
    for (const raw of keyword.split(/[\s'’]+/)) {
      const isPrefix = raw.endsWith('*');
      const folded = foldWord(isPrefix ? raw.slice(0, -1) : raw);
      if (!folded || (!isPrefix && stopWords.has(folded))) continue;
      if (isPrefix && folded.length < prefixIndexLength) throw new Error(`Prefix too short: ${keyword}`);
      words.push(isPrefix ? { prefix: folded } : { stem: stemFolded(folded) });
    }
    if (words.length === 0) throw new Error(`Empty keyword: ${keyword}`);
    const key = words.map((m) => ('stem' in m ? m.stem : `${m.prefix}*`)).join(' ');
    const entry = entries.get(key) ?? { key, words, targets: [] };
    entry.targets.push(target);
    entries.set(key, entry);
  }
  const lexicon: Lexicon<T> = { byStem: new Map(), byPrefix: new Map() };
  // Longest phrases first: the first match found at a position is the longest one.
  for (const entry of [...entries.values()].sort((a, b) => b.words.length - a.words.length)) {
    const first = entry.words[0]!;
    const [map, index] =
      'stem' in first
        ? [lexicon.byStem, first.stem]
        : [lexicon.byPrefix, first.prefix.slice(0, prefixIndexLength)];
    map.set(index, [...(map.get(index) ?? []), entry]);
  }
  return lexicon;
}

function wordMatches(m: WordMatcher, token: Token): boolean {
  return 'stem' in m ? token.stem === m.stem : token.folded.startsWith(m.prefix);
}

/** Whether `entry` matches the words starting at `tokens[i]`. */
function entryMatchesAt<T>(entry: Entry<T>, tokens: readonly Token[], i: number): boolean {
  const { words } = entry;
  for (let k = 0; k < words.length; k++) {
    const token = tokens[i + k];
    if (token === undefined || (k > 0 && !token.joined) || !wordMatches(words[k]!, token)) return false;
  }
  return true;
}

/** The longest entry of `candidates` (sorted longest first) matching at `tokens[i]`. */
function longestAt<T>(
  candidates: Entry<T>[] | undefined,
  tokens: readonly Token[],
  i: number,
): Entry<T> | undefined {
  return candidates?.find((entry) => entryMatchesAt(entry, tokens, i));
}

/**
 * Finds the keywords of a lexicon in a text, left to right, the longest at each position (so
 * "buoni spesa" is one match, not also "spesa"). Each keyword is reported once, with its first
 * occurrence as written.
 */
function findKeywords<T>(lexicon: Lexicon<T>, analysed: AnalysedText): LexiconMatch<T>[] {
  const { text, tokens } = analysed;
  const found = new Map<string, LexiconMatch<T>>();
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const byStem = longestAt(lexicon.byStem.get(token.stem), tokens, i);
    const byPrefix = longestAt(lexicon.byPrefix.get(token.folded.slice(0, prefixIndexLength)), tokens, i);
    const best =
      byStem && byPrefix && byPrefix.words.length > byStem.words.length ? byPrefix : (byStem ?? byPrefix);
    if (!best) {
      i++;
      continue;
    }
    if (!found.has(best.key)) {
      const last = tokens[i + best.words.length - 1]!;
      found.set(best.key, { entry: best, word: text.slice(token.start, last.end).replace(/\s+/g, ' ') });
    }
    i += best.words.length;
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

/**
 * Keywords of each category. A strong keyword counts 2 points, a weak one (ambiguous, or only
 * hinting at the category) 1; a phrase of two or more words counts 1 more. A keyword may belong
 * to more than one category. "solo"/"sola" alone is no keyword: it also means "only"; "mi sento
 * sola" and "solitudine" are. 'other' has no keywords: it is never suggested.
 */
const categoryKeywords: Record<Exclude<HelpCategory, 'other'>, { strong: string[]; weak: string[] }> = {
  shopping: {
    strong: ['fare la spesa', 'spesa', 'portare la spesa', 'supermercato', 'shopping', 'grocer*'],
    weak: ['negozio', 'comprare', 'acquisti', 'commissioni', 'buy'],
  },
  medicines: {
    strong: [
      'farmaci',
      'farmacia',
      'medicine',
      'medicinali',
      'ricetta',
      'ritirare le medicine',
      'ritirare i farmaci',
      'ritirare la ricetta',
      'comprare le medicine',
      'comprare i farmaci',
      'pastiglie',
      'pillole',
      'insulina',
      'pharmac*',
      'medicines',
      'medication*',
      'prescription*',
      'pills',
    ],
    weak: ['spese mediche', 'medico di base', 'terapia'],
  },
  company: {
    strong: [
      'compagnia',
      'fare compagnia',
      'tenere compagnia',
      'telefonat*',
      'chiacchier*',
      'solitudin*',
      'mi sento sola',
      'sentirmi meno sola',
      'trovarmi*',
      'farmi visita',
      'qualcuno con cui parlare',
      'parlare con qualcuno',
      'company',
      'lonel*',
      'phone call',
    ],
    weak: ['visit', 'chat'],
  },
  escort: {
    strong: [
      'accompagnare',
      'accompan*',
      'escort',
      'visita medica',
      'visita specialistica',
      'visita in ospedale',
      'ospedale civile',
      'spedali civili',
      'esami del sangue',
      'medical appointment',
      'medical visit',
    ],
    weak: [
      'visita',
      'ospedale',
      'poliambulanza',
      'ambulatorio',
      'appuntamento',
      'esami',
      'analisi',
      'dottore',
      'medico',
      'dialisi',
      'passaggio',
      'trasporto',
      'hospital',
      'doctor',
      'appointment',
    ],
  },
  paperwork: {
    strong: [
      'compilare',
      'modulo',
      'isee',
      'spid',
      'bolletta',
      'pagare le bollette',
      'burocra*',
      'bureaucr*',
      'documenti',
      'pratica',
      'dichiarazione dei redditi',
      'carta d’identità',
      'tessera sanitaria',
      'permesso di soggiorno',
      'assegno unico',
      'assegno di inclusione',
      'caf',
      'patronato',
      'inps',
      'paperwork',
      'bills',
      'forms',
    ],
    weak: ['pensione', 'invalidità', 'bonus', 'tasse', 'multa', 'raccomandata', 'domanda online', 'bill'],
  },
  psychological_support: {
    strong: [
      'ansi*',
      'anxi*',
      'depress*',
      'lutto',
      'psicolog*',
      'psychol*',
      'panico',
      'attacchi di panico',
      'angosci*',
      'disperat*',
      'suicid*',
      'farla finita',
      'grief',
      'bereave*',
      'mental health',
      'panic',
    ],
    weak: [
      'trist*',
      'piangere',
      'piango',
      'morto',
      'vedov*',
      'paura',
      'stress*',
      'insonnia',
      'non dormo',
      'non ce la faccio più',
      'solitudin*',
      'mi sento sola',
      'lonel*',
      'sad',
    ],
  },
  housing: {
    strong: [
      'affitto',
      'sfratto',
      'sgombero',
      'senza casa',
      'senzatetto',
      'senza fissa dimora',
      'casa popolare',
      'case popolari',
      'aler',
      'alloggio',
      'riscaldamento',
      'dormo in macchina',
      'dormire per strada',
      'homeless',
      'evict*',
      'rent',
      'housing',
      'heating',
    ],
    weak: ['padrone di casa', 'mutuo', 'muffa', 'caldaia', 'condominio', 'spese condominiali', 'trasloco'],
  },
  work: {
    strong: [
      'lavoro',
      'cerco lavoro',
      'curriculum',
      'cv',
      'disoccupat*',
      'licenziat*',
      'colloquio di lavoro',
      'centro per l’impiego',
      'tirocinio',
      'cassa integrazione',
      'naspi',
      'job',
      'jobs',
      'unemploy*',
    ],
    weak: ['impiego', 'colloquio', 'stipendio', 'contratto', 'work'],
  },
  food: {
    strong: [
      'pacco alimentare',
      'pacchi alimentari',
      'banco alimentare',
      'buoni spesa',
      'spesa sospesa',
      'emporio solidale',
      'cibo',
      'non ho da mangiare',
      'niente da mangiare',
      'nulla da mangiare',
      'fame',
      'mensa',
      'pasto caldo',
      'food',
      'hungry',
      'hunger',
    ],
    weak: ['mangiare', 'alimenti', 'pasti', 'latte in polvere'],
  },
};

interface CategoryTarget {
  category: HelpCategory;
  points: number;
}

const categoryLexicon = compileLexicon<CategoryTarget>(
  Object.entries(categoryKeywords).flatMap(([category, { strong, weak }]) =>
    [...strong.map((k) => [k, 2] as const), ...weak.map((k) => [k, 1] as const)].map(
      ([keyword, base]): [string, CategoryTarget] => [
        keyword,
        { category: category as HelpCategory, points: base + (/[\s'’]/.test(keyword.trim()) ? 1 : 0) },
      ],
    ),
  ),
);

export interface CategorySuggestion {
  category: HelpCategory;
  /** Points of the keywords found (each keyword counted once): higher is more likely. */
  score: number;
  /** One `triage.reason.keyword` per keyword found, `{ word }` as the person wrote it. */
  reasons: Reason[];
}

/**
 * Suggests categories for a help request from its free text (Italian, or simple English),
 * best first (ties in the order of `helpCategories`). Case, accents and punctuation are ignored
 * and words are stemmed, so "Farmacia", "farmaci" and "FARMACISTA" are the same keyword. Empty
 * when no keyword is found: the operator chooses. Negations are not understood. Only the first
 * `maxAnalysedChars` characters are read. Takes the text, or the text already analysed
 * (`analyseText`) when it is also given to `suggestUrgency`.
 */
export function suggestCategories(text: string | AnalysedText): CategorySuggestion[] {
  const analysed = typeof text === 'object' && text !== null ? text : analyseText(text);
  if (typeof analysed.text !== 'string' || analysed.text.length === 0) return [];
  const byCategory = new Map<HelpCategory, CategorySuggestion>();
  for (const { entry, word } of findKeywords(categoryLexicon, analysed)) {
    // The same keyword may be listed twice for a category ("farmaci", "farmacia"): the higher counts.
    const points = new Map<HelpCategory, number>();
    for (const t of entry.targets) points.set(t.category, Math.max(t.points, points.get(t.category) ?? 0));
    for (const [category, p] of points) {
      const suggestion = byCategory.get(category) ?? { category, score: 0, reasons: [] };
      suggestion.score += p;
      suggestion.reasons.push({ code: 'triage.reason.keyword', params: { word } });
      byCategory.set(category, suggestion);
    }
  }
  return [...byCategory.values()].sort(
    (a, b) => b.score - a.score || helpCategories.indexOf(a.category) - helpCategories.indexOf(b.category),
  );
}

// ---------------------------------------------------------------------------------------------
// Urgency
// ---------------------------------------------------------------------------------------------

/** What the person (or the operator taking the request) said about their situation. */
export interface Circumstances {
  livesAlone?: boolean;
  age?: number;
  healthIssue?: boolean;
  noFood?: boolean;
  minorsInvolved?: boolean;
}

/** Words that suggest a danger to life or health: the request is critical whatever else. */
const dangerLexicon = compileLexicon<true>(
  [
    'suicid*',
    'farla finita',
    'togliermi la vita',
    'uccidermi',
    'ammazzarmi',
    'non voglio più vivere',
    'non respiro',
    'non respira',
    'non riesco a respirare',
    'caduto a terra',
    'caduta a terra',
    'caduto per terra',
    'caduta per terra',
    'non riesco ad alzarmi',
    'non riesce ad alzarsi',
    'dolore al petto',
    'svenut*',
    'perde sangue',
    'mi picchia',
    'mi minaccia',
    'violenz*',
    'infarto',
    'ictus',
    'overdose',
    'kill myself',
    'can’t breathe',
    'chest pain',
  ].map((k) => [k, true] as const),
);

/** Words saying the request is urgent. */
const urgentLexicon = compileLexicon<true>(
  [
    'urgent*',
    'emergenz*',
    'emergenc*',
    'subito',
    'immediat*',
    'al più presto',
    'prima possibile',
    'appena possibile',
    'asap',
  ].map((k) => [k, true] as const),
);

/**
 * Starting level of each category, as points on the scale below. 'other' starts at normal
 * without a reason of its own: with nothing else to say, the reason is `triage.reason.default`.
 */
const categoryBaseline: Record<HelpCategory, number> = {
  shopping: 2,
  medicines: 2,
  company: 0,
  escort: 2,
  paperwork: 0,
  psychological_support: 2,
  housing: 2,
  work: 0,
  food: 2,
  other: 2,
};

/** Age from which being old counts as a reason. */
export const oldAge = 75;

/**
 * Points to urgency:
 *   0–1 → low, 2–3 → normal, 4–6 → high, 7 or more → critical.
 * Points: category baseline (low categories 0, the others 2), lives alone +1, age ≥ 75 +1,
 * health issue +1, minors involved +1, no food +2, words saying it is urgent +2 (once).
 * Danger words make a request critical whatever its points.
 */
export function urgencyForPoints(points: number): Urgency {
  if (points >= 7) return 'critical';
  if (points >= 4) return 'high';
  if (points >= 2) return 'normal';
  return 'low';
}

export interface UrgencySuggestion {
  urgency: Urgency;
  /** Every rule that applied, danger words first. Never empty. */
  reasons: Reason[];
}

/**
 * Suggests how urgent a help request is, from its category, its description and the
 * circumstances given, with a reason for every rule that applied (see `urgencyForPoints`).
 */
export function suggestUrgency(
  input: {
    category: HelpCategory;
    description: string;
    circumstances?: Circumstances;
  },
  /** The description already analysed (see `analyseText`), to stem it only once. */
  analysed?: AnalysedText,
): UrgencySuggestion {
  const description =
    analysed?.text === input.description
      ? analysed
      : analyseText(typeof input.description === 'string' ? input.description : '');
  const c = input.circumstances ?? {};
  const reasons: Reason[] = [];
  let points = categoryBaseline[input.category] ?? categoryBaseline.other;

  const danger = findKeywords(dangerLexicon, description).slice(0, maxWordReasons);
  for (const { word } of danger) reasons.push({ code: 'triage.reason.danger_words', params: { word } });

  if (input.category !== 'other' && input.category in categoryBaseline) {
    reasons.push({ code: 'triage.reason.category', params: { category: input.category } });
  }
  if (c.livesAlone === true) {
    points += 1;
    reasons.push({ code: 'triage.reason.lives_alone' });
  }
  if (typeof c.age === 'number' && Number.isFinite(c.age) && c.age >= oldAge && c.age < 130) {
    points += 1;
    reasons.push({ code: 'triage.reason.age', params: { age: Math.floor(c.age) } });
  }
  if (c.healthIssue === true) {
    points += 1;
    reasons.push({ code: 'triage.reason.health' });
  }
  if (c.noFood === true) {
    points += 2;
    reasons.push({ code: 'triage.reason.no_food' });
  }
  if (c.minorsInvolved === true) {
    points += 1;
    reasons.push({ code: 'triage.reason.minors' });
  }
  const urgent = findKeywords(urgentLexicon, description).slice(0, maxWordReasons);
  if (urgent.length > 0) points += 2;
  for (const { word } of urgent) reasons.push({ code: 'triage.reason.urgent_words', params: { word } });

  if (reasons.length === 0) reasons.push({ code: 'triage.reason.default' });
  return { urgency: danger.length > 0 ? 'critical' : urgencyForPoints(points), reasons };
}
