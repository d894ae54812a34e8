import { headerSignature, isTarget, mapHeaders, TARGETS } from '../../src/core/import';
import { EXACT_NAMES, LIKELY_NAMES } from '../../src/core/import/header-names';

const targets = (headers: string[]) => mapHeaders(headers).map((m) => [m.header, m.target, m.confidence]);
const one = (header: string) => mapHeaders([header])[0];

describe('mapHeaders: the names people use', () => {
  const exact: [string, string][] = [
    // French
    ['Prénom', 'first_name'],
    ['Nom', 'last_name'],
    ['Nom de famille', 'last_name'],
    ['Courriel', 'email'],
    ['E-mail', 'email'],
    ['Mail', 'email'],
    ['Adresse e-mail', 'email'],
    ['Téléphone', 'phone'],
    ['Portable', 'mobile'],
    ['Mobile', 'mobile'],
    ['Code postal', 'postal_code'],
    ['CP', 'postal_code'],
    ['Ville', 'city'],
    ['Pays', 'country'],
    ['Société', 'organisation_name'],
    ['Organisation', 'organisation_name'],
    ['Date de naissance', 'birthday'],
    ['Étiquettes', 'tags'],
    ['Nom complet', 'full_name'],
    ['Remarques', 'notes'],
    // Spanish
    ['Nombre', 'first_name'],
    ['Apellido', 'last_name'],
    ['Apellidos', 'last_name'],
    ['Apellido(s)', 'last_name'],
    ['Correo electrónico', 'email'],
    ['Teléfono', 'phone'],
    ['Móvil', 'mobile'],
    ['Celular', 'mobile'],
    ['Código postal', 'postal_code'],
    ['Ciudad', 'city'],
    ['Provincia', 'region'],
    ['Empresa', 'organisation_name'],
    ['Etiquetas', 'tags'],
    ['Nombre completo', 'full_name'],
    ['Observaciones', 'notes'],
    // Portuguese
    ['Nome', 'first_name'],
    ['Sobrenome', 'last_name'],
    ['Apelido', 'last_name'],
    ['Telefone', 'phone'],
    ['Telemóvel', 'mobile'],
    ['CEP', 'postal_code'],
    ['Cidade', 'city'],
    ['Estado', 'region'],
    ['Nome completo', 'full_name'],
    ['Observações', 'notes'],
    // English
    ['Email Address', 'email'],
    ['First Name', 'first_name'],
    ['Last Name', 'last_name'],
    ['Zip', 'postal_code'],
    ['ZIP Code', 'postal_code'],
    ['Postcode', 'postal_code'],
    ['Company', 'organisation_name'],
    ['Tags', 'tags'],
    ['Full name', 'full_name'],
    ['Notes', 'notes'],
    // Our own export's columns
    ['first_name', 'first_name'],
    ['postal_code', 'postal_code'],
    ['email_opt_out', 'email_opt_out'],
    ['next_contact_date', 'next_contact_date'],
    ['organisation_id', 'organisation_id'],
  ];
  it.each(exact)('%s → %s', (header, target) => {
    expect(one(header)).toEqual({ header, target, confidence: 'exact' });
  });

  it('ignores case, accents, punctuation, spaces, "*" and a trailing "(optional)"', () => {
    const cases: [string, string][] = [
      ['PRÉNOM *', 'first_name'],
      ['Téléphone (facultatif)', 'phone'],
      ['e_mail', 'email'],
      ['Correo Electronico', 'email'],
      ['Code Postal :', 'postal_code'],
      ['codigo-postal', 'postal_code'],
      ['Ville [optional]', 'city'],
      ['  Date de naissance (JJ/MM/AAAA) *', 'birthday'],
    ];
    for (const [header, target] of cases) expect(one(header)).toEqual({ header, target, confidence: 'exact' });
  });

  it('guesses from a known name inside a question, and from a misspelt one', () => {
    const cases: [string, string][] = [
      ['Quel est votre prénom ?', 'first_name'],
      ['Your name', 'full_name'],
      ['Prenon', 'first_name'],
      ['Telefnoe', 'phone'],
      ['Numéro de mobile', 'mobile'],
      ['Nom de la société', 'organisation_name'],
      ['Montant', 'donation.amount'],
    ];
    for (const [header, target] of cases) expect(one(header)).toEqual({ header, target, confidence: 'guess' });
    // A guess never decides who is who: an address column only guessed waits for a person to confirm it.
    expect(one('Votre adresse mail')).toEqual({ header: 'Votre adresse mail', target: 'custom', confidence: 'guess', suggestion: 'email' });
    expect(one('Adresse e-mail professionnelle')).toEqual({ header: 'Adresse e-mail professionnelle', target: 'custom', confidence: 'guess', suggestion: 'email_2' });
    // 'Nom' is three letters: too short to be looked for inside other words.
    expect(one('Nombre de places')).toEqual({ header: 'Nombre de places', target: 'custom', confidence: 'none' });
  });

  it('leaves unknown headers to the person, as custom columns', () => {
    expect(targets(['Pointure', 'T-shirt size', '(column 7)', ''])).toEqual([
      ['Pointure', 'custom', 'none'],
      ['T-shirt size', 'custom', 'none'],
      ['(column 7)', 'custom', 'none'],
      ['', 'custom', 'none'],
    ]);
  });

  it('never maps two headers to one single-valued target: the better match wins, the leftmost on a tie', () => {
    expect(targets(['Votre adresse mail', 'Email', 'Courriel'])).toEqual([
      ['Votre adresse mail', 'custom', 'none'],
      ['Email', 'email', 'exact'],
      ['Courriel', 'custom', 'none'],
    ]);
    expect(targets(['Prenon', 'Quel est votre prénom ?'])).toEqual([
      ['Prenon', 'first_name', 'guess'],
      ['Quel est votre prénom ?', 'custom', 'none'],
    ]);
    expect(targets(['Home Address 1', 'Home Address 2'])).toEqual([
      ['Home Address 1', 'street', 'exact'],
      ['Home Address 2', 'custom', 'none'],
    ]);
  });

  it('lets several columns add tags or become custom columns', () => {
    expect(targets(['Tags', 'Étiquettes', 'Pointure', 'Taille'])).toEqual([
      ['Tags', 'tags', 'exact'],
      ['Étiquettes', 'tags', 'exact'],
      ['Pointure', 'custom', 'none'],
      ['Taille', 'custom', 'none'],
    ]);
  });
});

describe('mapHeaders: the usual exports', () => {
  it('maps a Mailchimp audience', () => {
    const headers = [
      'Email Address',
      'First Name',
      'Last Name',
      'Address',
      'Phone Number',
      'Birthday',
      'MEMBER_RATING',
      'OPTIN_TIME',
      'OPTIN_IP',
      'CONFIRM_TIME',
      'CONFIRM_IP',
      'LATITUDE',
      'LONGITUDE',
      'GMTOFF',
      'DSTOFF',
      'TIMEZONE',
      'CC',
      'REGION',
      'LAST_CHANGED',
      'LEID',
      'EUID',
      'NOTES',
      'TAGS',
    ];
    expect(mapHeaders(headers).map((m) => m.target)).toEqual([
      'email',
      'first_name',
      'last_name',
      'street',
      'phone',
      'birthday',
      'custom',
      'consent_at',
      'ignore',
      'custom',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'country',
      'region',
      'ignore',
      'ignore',
      'external_id',
      'notes',
      'tags',
    ]);
    expect(mapHeaders(headers).every((m) => m.confidence === 'exact')).toBe(true);
  });

  it('maps Eventbrite attendees', () => {
    const headers = [
      'Order #',
      'Order Date',
      'First Name',
      'Last Name',
      'Email',
      'Quantity',
      'Ticket Type',
      'Attendee Status',
      'Home Address 1',
      'Home City',
      'Home State',
      'Home Zip',
      'Home Country',
      'Cell Phone',
      'Work Phone',
      'Job Title',
      'Company',
      'Birth Date',
      'Attendee #',
    ];
    expect(mapHeaders(headers).map((m) => m.target)).toEqual([
      'custom',
      'custom',
      'first_name',
      'last_name',
      'email',
      'custom',
      'custom',
      'custom',
      'street',
      'city',
      'region',
      'postal_code',
      'country',
      'mobile',
      'phone',
      'job_title',
      'organisation_name',
      'birthday',
      'external_id',
    ]);
  });

  it('maps Google Forms responses in the four languages', () => {
    const forms = [
      ['Timestamp', 'Email address'],
      ['Horodateur', 'Adresse e-mail'],
      ['Marca temporal', 'Dirección de correo electrónico'],
      ['Carimbo de data/hora', 'Endereço de e-mail'],
    ];
    for (const [timestamp, email] of forms) {
      expect(targets([timestamp, email])).toEqual([
        [timestamp, 'custom', 'exact'],
        [email, 'email', 'exact'],
      ]);
    }
    expect(targets(['¿Cuál es tu nombre completo?', 'Qual é o seu telefone?', 'Votre numéro de portable', "Souhaitez-vous recevoir notre lettre d'information ?"])).toEqual([
      ['¿Cuál es tu nombre completo?', 'full_name', 'guess'],
      ['Qual é o seu telefone?', 'phone', 'guess'],
      ['Votre numéro de portable', 'mobile', 'guess'],
      ["Souhaitez-vous recevoir notre lettre d'information ?", 'newsletter_flag', 'guess'],
    ]);
  });

  it('maps HubSpot contacts', () => {
    const headers = [
      'Record ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Mobile Phone Number',
      'Company Name',
      'Job Title',
      'Street Address',
      'City',
      'State/Region',
      'Postal Code',
      'Country/Region',
      'Lifecycle Stage',
      'Contact owner',
    ];
    expect(mapHeaders(headers).map((m) => m.target)).toEqual([
      'external_id',
      'first_name',
      'last_name',
      'email',
      'phone',
      'mobile',
      'organisation_name',
      'job_title',
      'street',
      'city',
      'region',
      'postal_code',
      'country',
      'ignore',
      'custom',
    ]);
  });

  it('maps memberships, donations and notes columns', () => {
    const headers = [
      'Cotisation',
      "Date d'adhésion",
      "Date d'expiration",
      'Niveau',
      'Périodicité',
      'Montant du don',
      'Date du don',
      'Campagne',
      'Fonds',
      'Mode de paiement',
      'Commentaire',
      'N° adhérent',
    ];
    expect(mapHeaders(headers).map((m) => m.target)).toEqual([
      'membership.amount',
      'membership.start_date',
      'membership.end_date',
      'membership.level',
      'membership.frequency',
      'donation.amount',
      'donation.date',
      'donation.campaign',
      'donation.fund',
      'donation.method',
      'interaction.note',
      'external_id',
    ]);
  });
});

describe('the lists of names', () => {
  it('name only real targets, and never one name for two targets', () => {
    for (const target of [...Object.keys(EXACT_NAMES), ...Object.keys(LIKELY_NAMES)]) expect([target, isTarget(target)]).toEqual([target, true]);
    // Building the lists throws on a name known for two targets; mapping any header builds them.
    expect(mapHeaders(['x'])).toEqual([{ header: 'x', target: 'custom', confidence: 'none' }]);
    expect(TARGETS).not.toContain('id');
    expect(TARGETS).not.toContain('merged_into');
    expect(TARGETS).toContain('lifecycle_override');
  });
});

describe('headerSignature', () => {
  it('is the same for the same headers in any order, case or accents', () => {
    const a = headerSignature(['Prénom', 'Nom', 'Courriel']);
    expect(headerSignature(['courriel', 'PRENOM', 'nom'])).toBe(a);
    expect(headerSignature([' Nom ', 'Prénom', 'Courriel'])).toBe(a);
    expect(a).toMatch(/^3-[0-9a-z]+$/);
  });

  it('differs when a column is added, removed or renamed', () => {
    const a = headerSignature(['Prénom', 'Nom', 'Courriel']);
    const others = [
      ['Prénom', 'Nom'],
      ['Prénom', 'Nom', 'Courriel', 'Ville'],
      ['Prénom', 'Nom', 'Email'],
      ['Prénom', 'Nom', 'Courriel', 'Courriel'],
      ['PrénomNom', 'Courriel'],
    ];
    for (const headers of others) expect(headerSignature(headers)).not.toBe(a);
  });
});
