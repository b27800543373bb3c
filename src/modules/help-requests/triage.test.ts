import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  analyseText,
  type Circumstances,
  type HelpCategory,
  helpCategories,
  maxAnalysedChars,
  type Reason,
  reasonCodes,
  stemItalian,
  suggestCategories,
  suggestUrgency,
  urgencies,
  urgencyForPoints,
} from './triage.ts';
import { triageMessages } from './triage-messages.ts';

const top = (text: string): HelpCategory | undefined => suggestCategories(text)[0]?.category;
const words = (text: string, category: HelpCategory): (string | number | undefined)[] =>
  suggestCategories(text)
    .find((s) => s.category === category)
    ?.reasons.map((r) => r.params?.word) ?? [];
const codes = (reasons: Reason[]): string[] => reasons.map((r) => r.code);

describe('stemItalian', () => {
  it.each([
    [['farmaci', 'farmacia', 'farmacista', 'Farmacie'], 'farmac'],
    [['spesa', 'spese'], 'spes'],
    [['accompagnare', 'accompagnamento', 'accompagnarmi', 'accompagni', 'accompagnato'], 'accompagn'],
    [['medicine', 'medicina'], 'medicin'],
    [['bollette', 'bolletta', 'BOLLETTA'], 'bollett'],
    [['sola', 'solo', 'soli', 'sole'], 'sol'],
    [['perché', 'perche', 'PERCHÉ'], 'perc'],
    [['caduto', 'caduta', 'cadere'], 'cad'],
  ])('gives %j the same stem %s', (forms, stem) => {
    for (const form of forms) expect(stemItalian(form), form).toBe(stem);
  });

  it('follows the Snowball Italian steps', () => {
    expect(stemItalian('abbandonata')).toBe('abbandon'); // verb ending
    expect(stemItalian('abbassamento')).toBe('abbass'); // -amento in RV
    expect(stemItalian('sentirmi')).toBe('sent'); // attached pronoun after an infinitive
    expect(stemItalian('sentendomi')).toBe('sent'); // attached pronoun after a gerund
    expect(stemItalian('pratiche')).toBe('pratic'); // -ch → -c
    expect(stemItalian('invalidità')).toBe('invalid'); // -ità, accent folded
    expect(stemItalian('solitudine')).toBe('solitudin'); // not the same word as "solo"
    expect(stemItalian('medicinali')).toBe('medicinal');
  });

  it('leaves short words alone and never throws on odd input', () => {
    expect(stemItalian('ho')).toBe('ho');
    expect(stemItalian('')).toBe('');
    expect(stemItalian('aiuola')).toBe('aiuol');
    expect(() => stemItalian('ąčęėįšųūž日本語😀')).not.toThrow();
  });
});

describe('suggestCategories', () => {
  const examples: Record<Exclude<HelpCategory, 'other'>, string[]> = {
    shopping: [
      'Sono anziana e vivo sola, non riesco a fare la spesa',
      'Qualcuno potrebbe portarmi la spesa dal supermercato? Ho la gamba ingessata.',
      'Mia madre non può più uscire per le spese di tutti i giorni',
      'I need someone to do my shopping',
    ],
    medicines: [
      'Mi servirebbe qualcuno che ritiri i farmaci in farmacia',
      'Il medico mi ha fatto la ricetta ma non posso andare a prendere le medicine',
      'Non riesco a ritirare i medicinali per mio marito',
      'Can someone pick up my medicines at the pharmacy?',
    ],
    company: [
      'Vorrei qualcuno che mi faccia una telefonata ogni tanto, mi sento sola',
      'Mio padre ha 90 anni e gli farebbe piacere un po’ di compagnia',
      'Cerco qualcuno che venga a trovarmi per due chiacchiere',
    ],
    escort: [
      'Devo andare a una visita all’ospedale Civile e non ho nessuno che mi accompagni',
      "Devo andare a una visita all'ospedale Civile e non ho nessuno che mi accompagni",
      'Ho bisogno di un accompagnamento per gli esami del sangue',
      'Chi può accompagnarmi alla visita medica di martedì?',
    ],
    paperwork: [
      'non riesco a compilare la domanda ISEE',
      'Non so fare lo SPID e mi serve per la pensione',
      'Ho ricevuto delle bollette che non capisco e dei moduli da compilare',
      'Mi aiutate con le pratiche per il permesso di soggiorno?',
    ],
    psychological_support: [
      'mi sento molto in ansia da quando è morto mio marito',
      'Da mesi sono depressa e non esco più di casa',
      'Ho bisogno di parlare con uno psicologo, sto attraversando un lutto',
      'Soffro di attacchi di panico',
    ],
    housing: [
      'Mi hanno dato lo sfratto e non riesco a pagare l’affitto',
      'Siamo senza casa da una settimana, dormo in macchina con mio figlio',
      'Il riscaldamento è rotto e il padrone di casa non risponde',
    ],
    work: [
      'Cerco lavoro, qualcuno mi aiuta a scrivere il curriculum?',
      'Sono stato licenziato e non so come fare il CV',
      'Mi serve aiuto per iscrivermi al centro per l’impiego',
    ],
    food: [
      'Non ho da mangiare, mi servirebbe un pacco alimentare',
      'Con tre figli non riusciamo più a comprare il cibo',
      'Come si fa a ricevere i buoni spesa del Comune?',
      'Non abbiamo niente da mangiare in casa',
    ],
  };

  for (const [category, sentences] of Object.entries(examples)) {
    it.each(sentences)(`suggests ${category} first for %j`, (sentence) => {
      expect(top(sentence)).toBe(category);
    });
  }

  it('explains each suggestion with the words as the person wrote them', () => {
    const [first] = suggestCategories('Mi servirebbe qualcuno che ritiri i FARMACI in Farmacia');
    expect(first?.category).toBe('medicines');
    expect(first?.reasons).toEqual([
      { code: 'triage.reason.keyword', params: { word: 'ritiri i FARMACI' } },
      { code: 'triage.reason.keyword', params: { word: 'Farmacia' } },
    ]);
    expect(words('non riesco a compilare la domanda ISEE', 'paperwork')).toEqual(['compilare', 'ISEE']);
  });

  it('ranks best first with scores that add up keyword points', () => {
    const suggestions = suggestCategories(
      'Devo andare a una visita medica, qualcuno mi può accompagnare? Poi servirebbe anche la spesa',
    );
    expect(suggestions.map((s) => s.category)).toEqual(['escort', 'shopping']);
    expect(suggestions[0]!.score).toBeGreaterThan(suggestions[1]!.score);
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ignores accents, case and punctuation', () => {
    const plain = suggestCategories('perche non riesco a pagare le bollette e l affitto');
    expect(
      suggestCategories('PERCHÉ NON RIESCO A PAGARE LE BOLLETTE E L’AFFITTO!!!').map((s) => s.category),
    ).toEqual(plain.map((s) => s.category));
    expect(plain.map((s) => s.category).sort()).toEqual(['housing', 'paperwork']);
    expect(top('...spesa???')).toBe('shopping');
    expect(top('SOLITUDINE')).toBe('company');
  });

  it('understands inflections', () => {
    expect(top('mi serve un accompagnamento')).toBe('escort');
    expect(top('potete accompagnarmi?')).toBe('escort');
    expect(top('la bolletta della luce')).toBe('paperwork');
    expect(top('medicinali scaduti')).toBe('medicines');
    expect(top('ho parlato col farmacista')).toBe('medicines');
    expect(top('mi sento sola')).toBe('company');
    expect(top('sono solo, da solo')).toBeUndefined(); // "solo" also means "only"
  });

  it('reads the longest phrase: "buoni spesa" is food, not shopping', () => {
    expect(suggestCategories('vorrei i buoni spesa').map((s) => s.category)).toEqual(['food']);
    expect(suggestCategories('ho tante spese mediche').map((s) => s.category)).toEqual(['medicines']);
  });

  it('does not join a phrase across punctuation', () => {
    expect(words('Devo fare. La spesa poi', 'shopping')).toEqual(['spesa']);
    expect(words('Devo fare la spesa', 'shopping')).toEqual(['fare la spesa']);
  });

  it('counts a repeated keyword once', () => {
    const [first] = suggestCategories('farmaci farmaci FARMACI farmacia');
    expect(first).toEqual({
      category: 'medicines',
      score: 2,
      reasons: [{ code: 'triage.reason.keyword', params: { word: 'farmaci' } }],
    });
  });

  it('returns nothing when nothing matches, and never suggests "other"', () => {
    expect(suggestCategories('')).toEqual([]);
    expect(suggestCategories('   \n\t ')).toEqual([]);
    expect(suggestCategories('!!! ??? ...')).toEqual([]);
    expect(suggestCategories('Buongiorno, come state? Grazie mille')).toEqual([]);
    for (const sentences of Object.values(examples)) {
      for (const s of sentences) expect(suggestCategories(s).map((x) => x.category)).not.toContain('other');
    }
  });

  it('does not throw on HTML, scripts or odd input', () => {
    expect(() =>
      suggestCategories('<script>alert("farmaci")</script><img src=x onerror=alert(1)>'),
    ).not.toThrow();
    expect(top('<p>Mi serve <b>la spesa</b></p>')).toBe('shopping');
    expect(() => suggestCategories('\u0000\uFFFF\uD800 😀 '.repeat(100))).not.toThrow();
    expect(suggestCategories(undefined as unknown as string)).toEqual([]);
    expect(suggestCategories('a'.repeat(50_000))).toEqual([]);
  });

  it('reads only the first characters of a huge text', () => {
    const padding = 'bla '.repeat(maxAnalysedChars / 4);
    expect(top(`farmaci ${padding}`)).toBe('medicines');
    expect(top(`${padding} farmaci`)).toBeUndefined();
  });

  it('handles a 10,000-character text in less than 5 ms', () => {
    const sentence = 'Mi servirebbe aiuto con la spesa e con i farmaci, perché vivo sola e ho paura. ';
    const text = sentence.repeat(Math.ceil(10_000 / sentence.length)).slice(0, 10_000);
    expect(text).toHaveLength(10_000);
    suggestCategories(text); // warm up
    const times = Array.from({ length: 7 }, () => {
      const start = performance.now();
      suggestCategories(text);
      suggestUrgency({ category: 'shopping', description: text });
      return performance.now() - start;
    });
    expect(Math.min(...times)).toBeLessThan(5);
    // Ties keep the order of helpCategories.
    expect(suggestCategories(text).map((s) => [s.category, s.score])).toEqual([
      ['shopping', 2],
      ['medicines', 2],
      ['psychological_support', 1],
    ]);
  });
});

describe('suggestUrgency', () => {
  const urgency = (category: HelpCategory, description = '', circumstances?: Circumstances) =>
    suggestUrgency({ category, description, ...(circumstances ? { circumstances } : {}) });

  it('is normal, by default, when there is nothing to say', () => {
    expect(urgency('other')).toEqual({ urgency: 'normal', reasons: [{ code: 'triage.reason.default' }] });
    expect(urgency('other', 'Vorrei delle informazioni', {})).toEqual({
      urgency: 'normal',
      reasons: [{ code: 'triage.reason.default' }],
    });
  });

  it('starts from a baseline of the category', () => {
    expect(urgency('company').urgency).toBe('low');
    expect(urgency('paperwork').urgency).toBe('low');
    expect(urgency('work').urgency).toBe('low');
    for (const category of ['food', 'medicines', 'psychological_support', 'housing', 'shopping'] as const) {
      expect(urgency(category)).toEqual({
        urgency: 'normal',
        reasons: [{ code: 'triage.reason.category', params: { category } }],
      });
    }
  });

  it('adds a point and a reason for each circumstance', () => {
    const r = urgency('company', '', { livesAlone: true, age: 82 });
    expect(r.urgency).toBe('normal');
    expect(r.reasons).toEqual([
      { code: 'triage.reason.category', params: { category: 'company' } },
      { code: 'triage.reason.lives_alone' },
      { code: 'triage.reason.age', params: { age: 82 } },
    ]);
    expect(codes(urgency('company', '', { livesAlone: true }).reasons)).toContain(
      'triage.reason.lives_alone',
    );
    expect(urgency('company', '', { livesAlone: true }).urgency).toBe('low');
  });

  it('counts age from 75', () => {
    expect(codes(urgency('company', '', { age: 74 }).reasons)).not.toContain('triage.reason.age');
    expect(urgency('company', '', { age: 75 }).reasons).toContainEqual({
      code: 'triage.reason.age',
      params: { age: 75 },
    });
    expect(codes(urgency('company', '', { age: Number.NaN }).reasons)).not.toContain('triage.reason.age');
  });

  it('ignores circumstances that are false', () => {
    const r = urgency('company', '', {
      livesAlone: false,
      healthIssue: false,
      noFood: false,
      minorsInvolved: false,
    });
    expect(r).toEqual({
      urgency: 'low',
      reasons: [{ code: 'triage.reason.category', params: { category: 'company' } }],
    });
  });

  it('raises the urgency as circumstances add up', () => {
    const noFood = urgency('food', '', { noFood: true });
    expect(noFood.urgency).toBe('high');
    expect(codes(noFood.reasons)).toEqual(['triage.reason.category', 'triage.reason.no_food']);
    const many = urgency('food', '', {
      noFood: true,
      minorsInvolved: true,
      livesAlone: true,
      healthIssue: true,
    });
    expect(many.urgency).toBe('critical');
    expect(codes(many.reasons)).toEqual([
      'triage.reason.category',
      'triage.reason.lives_alone',
      'triage.reason.health',
      'triage.reason.no_food',
      'triage.reason.minors',
    ]);
    expect(urgency('medicines', '', { healthIssue: true, age: 88, livesAlone: true }).urgency).toBe('high');
  });

  it('raises the urgency when the text says it is urgent', () => {
    const r = urgency('shopping', 'Serve aiuto URGENTE, subito!');
    expect(r.urgency).toBe('high');
    expect(r.reasons).toContainEqual({ code: 'triage.reason.urgent_words', params: { word: 'URGENTE' } });
    expect(r.reasons).toContainEqual({ code: 'triage.reason.urgent_words', params: { word: 'subito' } });
  });

  it.each([
    ['Mio padre è caduto a terra e non si alza', 'caduto a terra'],
    ['Sono caduta per terra in cucina', 'caduta per terra'],
    ['Penso al suicidio', 'suicidio'],
    ['A volte vorrei farla finita', 'farla finita'],
    ['Aiuto, non respiro bene', 'non respiro'],
    ['Mia madre non riesce ad alzarsi dal letto', 'non riesce ad alzarsi'],
  ])('is critical on danger words: %j', (description, word) => {
    const r = urgency('company', description);
    expect(r.urgency).toBe('critical');
    expect(r.reasons[0]).toEqual({ code: 'triage.reason.danger_words', params: { word } });
  });

  it('is not critical without danger words', () => {
    expect(urgency('escort', 'Devo fare gli esami del sangue e vivo da sola').urgency).toBe('normal');
    expect(urgency('psychological_support', 'Sono molto triste').urgency).toBe('normal');
  });

  it('does not throw on HTML or odd input', () => {
    expect(() => urgency('food', '<script>alert("suicidio")</script>')).not.toThrow();
    expect(urgency('food', undefined as unknown as string).urgency).toBe('normal');
    expect(urgency('unknown' as HelpCategory)).toEqual({
      urgency: 'normal',
      reasons: [{ code: 'triage.reason.default' }],
    });
  });

  it('maps points to urgency with the documented thresholds', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 12].map(urgencyForPoints)).toEqual([
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });
});

describe('triage messages', () => {
  const langs = ['it', 'en'] as const;

  /** Reasons of every kind, produced by the functions themselves. */
  const produced: Reason[] = [
    ...suggestCategories('Devo fare la spesa, ritirare i farmaci e pagare l’affitto').flatMap(
      (s) => s.reasons,
    ),
    ...suggestUrgency({
      category: 'food',
      description: 'Urgente: è caduto a terra',
      circumstances: { livesAlone: true, age: 80, healthIssue: true, noFood: true, minorsInvolved: true },
    }).reasons,
    ...suggestUrgency({ category: 'other', description: '' }).reasons,
  ];

  it('produces every reason code, and only known ones', () => {
    expect(new Set(codes(produced))).toEqual(new Set(reasonCodes));
  });

  it.each(langs)('has a message for every reason code in %s', (lang) => {
    for (const code of reasonCodes) expect(triageMessages[lang][code], `${lang} ${code}`).toBeTruthy();
  });

  it.each(langs)('interpolates every produced reason with i18next in %s', async (lang) => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: lang,
      resources: { [lang]: { translation: triageMessages[lang] } },
      interpolation: { escapeValue: false },
      keySeparator: false,
    });
    for (const reason of produced) {
      const text = i18n.t(reason.code, reason.params ?? {});
      expect(text, reason.code).not.toBe(reason.code);
      expect(text, reason.code).not.toMatch(/\{\{|\}\}/);
      for (const value of Object.values(reason.params ?? {})) {
        if (reason.code !== 'triage.reason.category') expect(text).toContain(String(value));
      }
    }
  });

  it.each(langs)('names every category and urgency in %s', (lang) => {
    for (const c of helpCategories) expect(triageMessages[lang][`help.category.${c}`], c).toBeTruthy();
    for (const u of urgencies) expect(triageMessages[lang][`help.urgency.${u}`], u).toBeTruthy();
  });

  it('has the same keys in both languages and the agreed Italian names', () => {
    expect(Object.keys(triageMessages.en).sort()).toEqual(Object.keys(triageMessages.it).sort());
    expect(helpCategories.map((c) => triageMessages.it[`help.category.${c}`])).toEqual([
      'Spesa',
      'Farmaci',
      'Compagnia (una telefonata o una visita)',
      'Accompagnamento',
      'Pratiche e documenti',
      'Supporto psicologico',
      'Casa',
      'Lavoro',
      'Cibo',
      'Altro',
    ]);
    expect(urgencies.map((u) => triageMessages.it[`help.urgency.${u}`])).toEqual([
      'Bassa',
      'Normale',
      'Alta',
      'Critica',
    ]);
  });
});

describe('a text analysed once for both suggestions', () => {
  const texts = [
    'Vivo sola, ho 82 anni e non riesco più a fare la spesa: è urgente, sono caduta a terra ieri.',
    'Devo ritirare i FARMACI in farmacia e compilare il modulo ISEE (rif. 1234-5678).',
    'Non ho da mangiare. Non ce la faccio più, voglio farla finita.',
    `${'x'.repeat(45)} accompagnare ${'à'.repeat(3)}`,
    '',
  ];
  it('gives the same suggestions as the text itself, however often a word was seen before', () => {
    for (let round = 0; round < 2; round++)
      for (const description of texts) {
        const analysed = analyseText(description);
        expect(suggestCategories(analysed)).toEqual(suggestCategories(description));
        for (const category of ['food', 'other'] as const) {
          const input = { category, description, circumstances: { livesAlone: true, age: 82 } };
          expect(suggestUrgency(input, analysed)).toEqual(suggestUrgency(input));
        }
      }
  });
  it('ignores an analysis of another text', () => {
    const input = { category: 'other' as const, description: 'È urgente!' };
    expect(suggestUrgency(input, analyseText('Nulla di che'))).toEqual(suggestUrgency(input));
  });
});
