/** What the demo data is made of, in the four languages of the CRM. The names are chosen to carry
 *  what real contact lists carry and spreadsheets like to damage: accents (Zoé, Núñez, Conceição),
 *  ligatures (Lecœur), apostrophes (O'Brien), hyphens (Beaumont-Laurent), postal codes with leading
 *  zeros ('01000', '08001', '02108', '01310-100') and phone numbers that start with + or 0. */

export type DemoLanguage = 'en' | 'fr' | 'es' | 'pt';
export type DemoCountry = 'US' | 'GB' | 'FR' | 'ES' | 'PT' | 'BR';

export interface Place {
  city: string;
  postal_code: string;
  region: string;
  country: DemoCountry;
}

export interface LanguagePack {
  givenNames: string[];
  familyNames: string[];
  organisations: string[];
  jobTitles: string[];
  /** '{n}' is a street number. */
  streets: string[];
  places: Place[];
  notes: string[];
  subjects: Record<'call' | 'email' | 'meeting' | 'event' | 'note' | 'letter' | 'sms' | 'form', string[]>;
  outcomes: string[];
  volunteerTag: string;
}

const fr = (city: string, postal_code: string, region: string): Place => ({ city, postal_code, region, country: 'FR' });
const es = (city: string, postal_code: string, region: string): Place => ({ city, postal_code, region, country: 'ES' });
const pt = (city: string, postal_code: string, region: string): Place => ({ city, postal_code, region, country: 'PT' });
const br = (city: string, postal_code: string, region: string): Place => ({ city, postal_code, region, country: 'BR' });
const us = (city: string, postal_code: string, region: string): Place => ({ city, postal_code, region, country: 'US' });
const gb = (city: string, postal_code: string, region: string): Place => ({ city, postal_code, region, country: 'GB' });

export const LANGUAGE_PACKS: Record<DemoLanguage, LanguagePack> = {
  en: {
    givenNames: [
      'Olivia',
      'James',
      'Amelia',
      'Noah',
      'Siobhán',
      'Aoife',
      'Zoë',
      'Chloë',
      'Renée',
      'Liam',
      'Grace',
      'Ethan',
      'Maya',
      'Daniel',
      'Aisha',
      'Priya',
      'Chidi',
      'Mei',
      'Connor',
      'Hannah',
      'Seán',
      'Eleanor',
    ],
    familyNames: [
      'Smith',
      'Johnson',
      "O'Brien",
      'Williams',
      'Brown',
      'Taylor',
      'MacDonald',
      'Nguyen',
      'Patel',
      'Okafor',
      'Davies',
      'Evans',
      'Harris-Green',
      'Kowalski',
      'Fitzgerald',
      'Clarke',
      'Hughes',
      'Campbell',
      "D'Souza",
      'Müller',
    ],
    organisations: [
      'Riverside Community Newsroom',
      'Friends of the Free Press',
      'Open Records Foundation',
      'Northside Tenants Association',
      'The Harbour Gazette',
      'Civic Data Trust',
      'Youth Media Collective',
      'Local Voices Radio',
    ],
    jobTitles: ['Editor', 'Reporter', 'Programme officer', 'Director', 'Volunteer coordinator', 'Data journalist', 'Trustee', 'Head of partnerships'],
    streets: ['{n} Baker Street', '{n} Elm Avenue', 'Flat {n}, 12 Harbour Road', '{n} Mill Lane', '{n} Church Street', '{n} Market Square'],
    places: [
      us('San Francisco', '94103', 'CA'),
      us('New York', '10001', 'NY'),
      us('Boston', '02108', 'MA'),
      us('Newark', '07102', 'NJ'),
      us('Chicago', '60601', 'IL'),
      us('Portland', '97204', 'OR'),
      gb('London', 'EC1A 1BB', 'England'),
      gb('Manchester', 'M1 1AE', 'England'),
      gb('Edinburgh', 'EH1 1YZ', 'Scotland'),
      gb('Cardiff', 'CF10 1EP', 'Wales'),
      gb('Belfast', 'BT1 5GS', 'Northern Ireland'),
    ],
    notes: [
      'Met at the spring fundraiser.\nInterested in the housing investigation; wants to hear when it is published.',
      'Prefers phone calls to email. Do not call before 10am.',
      'Former board member (2019–2022). Knows everyone at City Hall.',
      'Asked for a receipt for tax purposes — sent 3 March.\nCheck the address: she moved in January.',
    ],
    subjects: {
      call: ['Thank-you call', 'Renewal reminder', 'Follow-up on the spring appeal', 'Question about a receipt'],
      email: ['Welcome to the community', 'Your receipt', 'Invitation: readers’ evening', 'Re: story tip'],
      meeting: ['Coffee with the editor', 'Partnership meeting', 'Major gift conversation'],
      event: ['Readers’ evening', 'Annual general meeting', 'Data journalism workshop'],
      note: ['Changed address', 'Prefers post', 'Mentioned a possible legacy gift'],
      letter: ['Annual report sent', 'Thank-you letter'],
      sms: ['Event reminder', 'Payment failed'],
      form: ['Newsletter sign-up', 'Volunteer form'],
    },
    outcomes: ['Will renew', 'No answer, left a message', 'Interested', 'Asked to be called back', 'Not now'],
    volunteerTag: 'volunteer',
  },
  fr: {
    givenNames: [
      'Zoé',
      'Hélène',
      'François',
      'Chloé',
      'Léa',
      'Mathéo',
      'Inès',
      'Gaëlle',
      'Jérôme',
      'Noël',
      'Anaïs',
      'Benoît',
      'Cécile',
      'Théo',
      'Joël',
      'Maëlys',
      'Loïc',
      'Amélie',
      'Clément',
      'Édouard',
      'Marie-Hélène',
      'Jean-François',
    ],
    familyNames: [
      'Martin',
      'Dubois',
      'Lefèvre',
      'Moreau',
      'Girard',
      'Rousseau',
      'Fournier',
      'Mercier',
      'Lemaître',
      'Châtelet',
      'Beaumont-Laurent',
      'Faure',
      'Brûlé',
      'Lévêque',
      'Lecœur',
      "N'Diaye",
      'Diallo',
      'Haddad',
      'Garnier',
      'Chevalier',
    ],
    organisations: [
      'Le Petit Écho de la Bresse',
      "Fondation pour l'Enquête Indépendante",
      'Association Les Voix du Quartier',
      'Maison des Journalistes Solidaires',
      'Collectif Données Ouvertes',
      "Radio Côte d'Azur Libre",
    ],
    jobTitles: ['Rédactrice en chef', 'Journaliste', 'Chargé de mission', 'Directrice', 'Trésorier', 'Responsable des partenariats', 'Bénévole référente'],
    streets: ['{n} rue de la République', '{n} bis avenue Jean-Jaurès', '{n} place du Marché', '{n} chemin des Écoliers', 'Appt {n}, 3 allée des Tilleuls', '{n} quai de Saône'],
    places: [
      fr('Paris', '75011', 'Île-de-France'),
      fr('Lyon', '69003', 'Auvergne-Rhône-Alpes'),
      fr('Bourg-en-Bresse', '01000', 'Auvergne-Rhône-Alpes'),
      fr('Nice', '06000', 'Provence-Alpes-Côte d’Azur'),
      fr('Laon', '02000', 'Hauts-de-France'),
      fr('Gap', '05000', 'Provence-Alpes-Côte d’Azur'),
      fr('Troyes', '10000', 'Grand Est'),
      fr('Marseille', '13001', 'Provence-Alpes-Côte d’Azur'),
      fr('Nantes', '44000', 'Pays de la Loire'),
      fr('Strasbourg', '67000', 'Grand Est'),
      fr('Rennes', '35000', 'Bretagne'),
    ],
    notes: [
      "Rencontrée au festival d'Avignon.\nIntéressée par les enquêtes locales ; souhaite être invitée aux soirées lecteurs.",
      'Préfère être contacté par courrier. Ne pas appeler le mercredi.',
      'Ancien trésorier de l’association (2018–2021).\nConnaît très bien la mairie.',
      'A demandé un reçu fiscal — envoyé le 3 mars. Vérifier l’adresse : déménagement en janvier.',
    ],
    subjects: {
      call: ['Appel de remerciement', 'Relance adhésion', 'Suivi de l’appel aux dons', 'Question sur le reçu fiscal'],
      email: ['Bienvenue parmi nous', 'Votre reçu fiscal', 'Invitation : soirée des lecteurs', 'Re : piste d’enquête'],
      meeting: ['Café avec la rédaction', 'Rendez-vous partenariat', 'Entretien grand donateur'],
      event: ['Soirée des lecteurs', 'Assemblée générale', 'Atelier journalisme de données'],
      note: ['Changement d’adresse', 'Préfère le courrier', 'Évoque un legs'],
      letter: ['Envoi du rapport annuel', 'Lettre de remerciement'],
      sms: ['Rappel événement', 'Échec de prélèvement'],
      form: ['Inscription à la lettre', 'Formulaire bénévole'],
    },
    outcomes: ['Va renouveler', 'Messagerie, message laissé', 'Intéressée', 'À rappeler', 'Pas pour l’instant'],
    volunteerTag: 'bénévole',
  },
  es: {
    givenNames: [
      'José',
      'María José',
      'Lucía',
      'Martín',
      'Sofía',
      'Álvaro',
      'Íñigo',
      'Begoña',
      'Nuria',
      'Ramón',
      'Inés',
      'Jesús',
      'Ainhoa',
      'Raúl',
      'Alba',
      'Andrés',
      'Mónica',
      'Joaquín',
      'Pilar',
      'Óscar',
    ],
    familyNames: [
      'García',
      'Núñez',
      'Muñoz',
      'Ibáñez',
      'Peña',
      'Fernández',
      'López',
      'Martínez',
      'Rodríguez',
      'Sánchez',
      'Pérez',
      'Gómez',
      'Díaz',
      'Álvarez',
      'Ortiz',
      'Castaño',
      'Iglesias',
      'Yáñez',
      'Bermúdez',
      'Zubizarreta',
    ],
    organisations: [
      'Fundación Periodismo Abierto',
      'Asociación Vecinal de La Latina',
      'Diario Independiente del Sur',
      'Colectivo Datos Públicos',
      'Radio Comunitaria Aurora',
      'Fundación Memoria y Prensa',
    ],
    jobTitles: ['Directora', 'Periodista', 'Coordinador de voluntariado', 'Tesorera', 'Responsable de alianzas', 'Editor'],
    streets: ['Calle Mayor {n}, 3º B', 'Avenida de la Constitución {n}', 'Plaza de España {n}', 'Carrer de Sant Pere {n}, 2º 1ª', 'Calle del Olmo {n}'],
    places: [
      es('Madrid', '28013', 'Comunidad de Madrid'),
      es('Barcelona', '08001', 'Cataluña'),
      es('Girona', '17001', 'Cataluña'),
      es('Sevilla', '41001', 'Andalucía'),
      es('Cádiz', '11001', 'Andalucía'),
      es('Valencia', '46001', 'Comunidad Valenciana'),
      es('Bilbao', '48001', 'País Vasco'),
      es('A Coruña', '15001', 'Galicia'),
      es('Logroño', '26001', 'La Rioja'),
    ],
    notes: [
      'La conocimos en la feria del libro.\nQuiere colaborar como voluntaria en la campaña de verano.',
      'Prefiere WhatsApp. No llamar por la mañana.',
      'Antiguo miembro de la junta (2017–2020).',
      'Pidió el certificado de donación para Hacienda — enviado el 3 de marzo.',
    ],
    subjects: {
      call: ['Llamada de agradecimiento', 'Recordatorio de renovación', 'Seguimiento de la campaña', 'Consulta sobre el certificado'],
      email: ['Bienvenida a la comunidad', 'Tu certificado de donación', 'Invitación: encuentro con lectores', 'Re: pista para una investigación'],
      meeting: ['Café con la redacción', 'Reunión de alianza', 'Conversación sobre una gran donación'],
      event: ['Encuentro con lectores', 'Asamblea general', 'Taller de periodismo de datos'],
      note: ['Cambio de dirección', 'Prefiere correo postal', 'Mencionó un legado'],
      letter: ['Memoria anual enviada', 'Carta de agradecimiento'],
      sms: ['Recordatorio del evento', 'Pago rechazado'],
      form: ['Alta en el boletín', 'Formulario de voluntariado'],
    },
    outcomes: ['Renovará', 'Buzón de voz', 'Interesada', 'Volver a llamar', 'Ahora no'],
    volunteerTag: 'voluntario',
  },
  pt: {
    givenNames: [
      'João',
      'Conceição',
      'Ana Luísa',
      'Gonçalo',
      'Inês',
      'Tomás',
      'Leonor',
      'Luís',
      'Sebastião',
      'Joana',
      'Thiago',
      'Júlia',
      'Vitória',
      'Caio',
      'Lúcia',
      'Antônio',
      'Maria da Conceição',
      'Beatriz',
      'Estêvão',
      'Mônica',
    ],
    familyNames: [
      'Silva',
      'Santos',
      'Conceição',
      'Gonçalves',
      'Araújo',
      'Magalhães',
      'Simões',
      'Guimarães',
      'Assunção',
      'Loureiro',
      'Brandão',
      'Falcão',
      'Pereira',
      'Carvalho',
      'da Silva',
      'dos Santos',
      'Nascimento',
      'Sá-Carneiro',
      'Ribeiro',
      'Fonseca',
    ],
    organisations: ['Associação Cultural Olhar Crítico', 'Fundação Memória Viva', 'Jornal da Comunidade', 'Instituto Conceição de Jornalismo', 'Rádio Comunitária Esperança', 'Coletivo Dados Abertos'],
    jobTitles: ['Diretora', 'Jornalista', 'Coordenador de voluntários', 'Tesoureira', 'Responsável de parcerias', 'Editor'],
    streets: ['Rua Augusta {n}', 'Avenida Paulista {n}, apto 42', 'Rua da Conceição {n}, 2º Esq.', 'Travessa do Carmo {n}', 'Rua das Flores {n}, casa 2'],
    places: [
      br('São Paulo', '01310-100', 'SP'),
      br('Rio de Janeiro', '20040-020', 'RJ'),
      br('Belo Horizonte', '30130-010', 'MG'),
      br('Salvador', '40020-000', 'BA'),
      br('Porto Alegre', '90010-150', 'RS'),
      br('Florianópolis', '88010-400', 'SC'),
      pt('Lisboa', '1100-148', 'Lisboa'),
      pt('Porto', '4000-322', 'Porto'),
      pt('Coimbra', '3000-214', 'Coimbra'),
      pt('Évora', '7000-508', 'Alentejo'),
    ],
    notes: [
      'Conhecemos na feira do livro.\nQuer ser voluntária na campanha de Natal.',
      'Prefere contato por WhatsApp. Não ligar à noite.',
      'Ex-membro do conselho (2016–2019). Muito ligado à associação de moradores.',
      'Pediu o recibo da doação — enviado em 3 de março.',
    ],
    subjects: {
      call: ['Ligação de agradecimento', 'Lembrete de renovação', 'Acompanhamento da campanha', 'Dúvida sobre o recibo'],
      email: ['Boas-vindas à comunidade', 'Seu recibo', 'Convite: encontro com leitores', 'Re: sugestão de pauta'],
      meeting: ['Café com a redação', 'Reunião de parceria', 'Conversa sobre grande doação'],
      event: ['Encontro com leitores', 'Assembleia geral', 'Oficina de jornalismo de dados'],
      note: ['Mudou de endereço', 'Prefere correio', 'Mencionou um legado'],
      letter: ['Relatório anual enviado', 'Carta de agradecimento'],
      sms: ['Lembrete do evento', 'Pagamento recusado'],
      form: ['Inscrição na newsletter', 'Formulário de voluntariado'],
    },
    outcomes: ['Vai renovar', 'Caixa postal', 'Interessada', 'Ligar de novo', 'Agora não'],
    volunteerTag: 'voluntário',
  },
};

/** Phone numbers as people write them in each country; '#' is any digit. The US and UK ones are
 *  in the ranges reserved for fiction (555-01xx, 07700 900xxx, 020 7946 0xxx). */
export const PHONES: Record<DemoCountry, { mobile: string[]; landline: string[] }> = {
  FR: { mobile: ['06 ## ## ## ##', '07 ## ## ## ##', '+33 6 ## ## ## ##', '+33 7 ## ## ## ##', '06########'], landline: ['01 ## ## ## ##', '04 ## ## ## ##', '+33 1 ## ## ## ##'] },
  ES: { mobile: ['+34 6## ### ###', '6## ### ###', '+34 7## ### ###'], landline: ['91 ### ## ##', '+34 93 ### ## ##'] },
  PT: { mobile: ['+351 91# ### ###', '96# ### ###'], landline: ['21# ### ###', '+351 22# ### ###'] },
  BR: { mobile: ['(11) 9####-####', '+55 21 9####-####', '(31) 9####-####'], landline: ['(11) ####-####', '+55 11 ####-####'] },
  US: { mobile: ['+1 415 555 01##', '(212) 555-01##', '+1 617 555 01##'], landline: ['(415) 555-01##', '+1 312 555 01##'] },
  GB: { mobile: ['+44 7700 900###', '07700 900###'], landline: ['020 7946 0###', '+44 161 496 0###'] },
};

export const CURRENCIES: Record<DemoCountry, string> = { FR: 'EUR', ES: 'EUR', PT: 'EUR', BR: 'BRL', US: 'USD', GB: 'GBP' };

export const DEMO_TAGS: { name: string; colour: string; description: string }[] = [
  { name: 'volunteer', colour: '#2E7D32', description: 'Gives time: events, mailings, fact-checking' },
  { name: 'bénévole', colour: '#558B2F', description: 'Donne de son temps : événements, envois, vérification' },
  { name: 'voluntario', colour: '#9E9D24', description: 'Colabora como voluntario en eventos y campañas' },
  { name: 'voluntário', colour: '#827717', description: 'Colabora como voluntário em eventos e campanhas' },
  { name: 'board', colour: '#283593', description: 'Board member, past or present' },
  { name: 'press', colour: '#6A1B9A', description: 'Journalists and media contacts' },
  { name: 'major donor prospect', colour: '#EF6C00', description: 'Could give 1,000 or more: talk to the director first' },
  { name: 'event speaker', colour: '#00838F', description: 'Has spoken, or could speak, at our events' },
  { name: 'partner', colour: '#4E342E', description: 'Organisations we work with' },
  { name: 'imprensa', colour: '#AD1457', description: 'Jornalistas e contatos de imprensa' },
];

export const FUNDS = ['General fund', 'Investigations fund', "Fonds d'urgence", 'Fondo de becas', 'Fundo editorial'];
export const CAMPAIGNS = ['Investigations 2026', "Fin d'année 2025", 'Giving Tuesday 2025', 'Campaña de verano 2026', 'Campanha de Natal 2025'];
export const PAYMENT_METHODS = ['card', 'direct debit', 'bank transfer', 'PayPal', 'cheque', 'cash'];
export const CONSENT_SOURCES = ['website form', 'event sign-up', 'paper form', 'petition', 'import 2024'];
export const CONTACT_SOURCES = ['website', 'event', 'referral', 'petition', 'import', 'walk-in'];
export const OPT_OUT_SOURCES = ['unsubscribe link', 'asked by phone', 'désinscription par courriel', 'bounce complaint'];
export const NEWSLETTER_SUBJECTS = ['Newsletter #41: the housing files', 'La lettre n° 42 : dans les coulisses', 'Boletín 43: datos abiertos', 'Newsletter 44: o ano em revista'];
/** Owners of contacts: the people who would follow them up. Emails only, not Staff rows, so that the
 *  demo never gives anyone access to the CRM. */
export const DEMO_OWNERS = ['camille@example.org', 'sam@example.org', 'lucia@example.org'];
export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
export const DONATION_NOTES = ['In memory of her father', 'En mémoire de Jeanne Lefèvre', 'Donación en honor de Pilar', 'Doação feita no encontro com leitores', 'Gift Aid declaration received'];
