/** The programme's categories of services: a shared vocabulary, seeded for every city. */
export const categories: {
  code: string;
  parent?: string;
  it: string;
  en: string;
  descriptionIt: string;
  descriptionEn: string;
}[] = [
  {
    code: 'prima-infanzia',
    it: 'Prima infanzia (0-3 anni)',
    en: 'Early childhood (0-3)',
    descriptionIt: 'Spazi gioco, sostegno ai neo-genitori, kit nascita.',
    descriptionEn: 'Play sessions, support for new parents, newborn kit.',
  },
  {
    code: 'famiglie',
    it: 'Famiglie',
    en: 'Families',
    descriptionIt: 'Sostegno alla genitorialità e alle famiglie.',
    descriptionEn: 'Support for parents and families.',
  },
  {
    code: 'giovani',
    it: 'Ragazzi e giovani',
    en: 'Young people',
    descriptionIt: 'Centri di aggregazione, doposcuola, progetti dei ragazzi.',
    descriptionEn: 'Youth centres, after-school, youth projects.',
  },
  {
    code: 'scuola',
    it: 'Scuola e doposcuola',
    en: 'School and after-school',
    descriptionIt: 'Aiuto nei compiti, corsi, contrasto all’abbandono scolastico.',
    descriptionEn: 'Homework help, courses, preventing school drop-out.',
  },
  {
    code: 'lavoro',
    it: 'Lavoro e formazione',
    en: 'Work and training',
    descriptionIt: 'Orientamento, tirocini, inserimento lavorativo.',
    descriptionEn: 'Career guidance, internships, job placement.',
  },
  {
    code: 'poverta',
    it: 'Povertà e bisogni essenziali',
    en: 'Poverty and basic needs',
    descriptionIt: 'Aiuti economici, beni di prima necessità.',
    descriptionEn: 'Financial help, basic goods.',
  },
  {
    code: 'aiuto-alimentare',
    parent: 'poverta',
    it: 'Aiuto alimentare',
    en: 'Food aid',
    descriptionIt: 'Pacchi alimentari, empori solidali, buoni spesa, pasti.',
    descriptionEn: 'Food parcels, social grocery shops, food vouchers, meals.',
  },
  {
    code: 'farmaci',
    parent: 'poverta',
    it: 'Farmaci',
    en: 'Medicines',
    descriptionIt: 'Buoni e aiuti per i farmaci.',
    descriptionEn: 'Vouchers and help for medicines.',
  },
  {
    code: 'emergenza-freddo',
    parent: 'poverta',
    it: 'Emergenza freddo',
    en: 'Cold emergency',
    descriptionIt: 'Accoglienza notturna e aiuti nei mesi invernali.',
    descriptionEn: 'Night shelter and help in the winter months.',
  },
  {
    code: 'casa',
    it: 'Casa',
    en: 'Housing',
    descriptionIt: 'Alloggi, sfratti, contributi per l’affitto.',
    descriptionEn: 'Housing, evictions, rent support.',
  },
  {
    code: 'anziani',
    it: 'Anziani',
    en: 'Elderly people',
    descriptionIt: 'Assistenza, compagnia, centri diurni.',
    descriptionEn: 'Care, company, day centres.',
  },
  {
    code: 'disabilita',
    it: 'Disabilità',
    en: 'Disability',
    descriptionIt: 'Centri diurni, trasporto, inserimento, sostegno alle famiglie.',
    descriptionEn: 'Day centres, transport, inclusion, family support.',
  },
  {
    code: 'salute',
    it: 'Salute',
    en: 'Health',
    descriptionIt: 'Prevenzione, accompagnamento alle cure.',
    descriptionEn: 'Prevention, help getting care.',
  },
  {
    code: 'supporto-psicologico',
    it: 'Supporto psicologico',
    en: 'Psychological support',
    descriptionIt: 'Ascolto, colloqui, linee telefoniche.',
    descriptionEn: 'Listening, counselling, helplines.',
  },
  {
    code: 'migranti',
    it: 'Cittadini stranieri',
    en: 'Migrants',
    descriptionIt: 'Corsi di italiano, mediazione, orientamento ai documenti.',
    descriptionEn: 'Italian courses, mediation, help with documents.',
  },
  {
    code: 'legale',
    it: 'Aiuto legale e pratiche',
    en: 'Legal and paperwork help',
    descriptionIt: 'Sportelli per pratiche, diritti, documenti.',
    descriptionEn: 'Help desks for paperwork, rights, documents.',
  },
  {
    code: 'volontariato',
    it: 'Volontariato',
    en: 'Volunteering',
    descriptionIt: 'Dare una mano, trovare volontari.',
    descriptionEn: 'Lending a hand, finding volunteers.',
  },
  {
    code: 'cultura-socialita',
    it: 'Cultura, sport e socialità',
    en: 'Culture, sport and social life',
    descriptionIt: 'Attività per stare insieme nel quartiere.',
    descriptionEn: 'Activities to meet people in the neighbourhood.',
  },
  {
    code: 'punti-comunita',
    it: 'Punti Comunità',
    en: 'Community hubs',
    descriptionIt: 'I luoghi di quartiere dove chiedere aiuto e proporre idee.',
    descriptionEn: 'Neighbourhood places to ask for help and share ideas.',
  },
];
