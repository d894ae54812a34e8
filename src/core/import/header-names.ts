/** What people call each column, in English, French, Spanish and Portuguese, and in the exports of
 *  Mailchimp (audience), Eventbrite (attendees), Google Forms (responses) and HubSpot (contacts). Written
 *  as people write them; headers.ts compares them case-, accent-, space- and punctuation-blind. A
 *  Contacts column's own name (first_name, postal_code…) is known too, so our own exports map back. */

/** Names that say exactly where the column goes. */
export const EXACT_NAMES: Record<string, string[]> = {
  first_name: ['Prénom', 'First name', 'Firstname', 'Given name', 'Forename', 'Nombre', 'Nombre de pila', 'Nome', 'Primeiro nome'],
  last_name: [
    'Nom', 'Nom de famille', 'Nom de naissance', "Nom d'usage", 'Last name', 'Lastname', 'Surname', 'Family name', 'Apellido', 'Apellidos', 'Primer apellido', 'Sobrenome',
    'Apelido', 'Apelidos', 'Último nome',
  ],
  full_name: [
    'Full name', 'Name', 'Contact name', 'Display name', 'Attendee name', 'Nom complet', 'Nom et prénom', 'Nom prénom', 'Prénom et nom', 'Prénom nom', 'Nombre completo',
    'Nombre y apellidos', 'Nombre y apellido', 'Nome completo',
  ],
  organisation_name: [
    'Organisation', 'Organization', 'Organisation name', 'Organization name', 'Company', 'Company name', 'Employer', 'Société', 'Entreprise', "Nom de l'entreprise", 'Structure',
    'Organisme', 'Employeur', 'Raison sociale', 'Empresa', 'Nombre de la empresa', 'Organización', 'Entidad', 'Institución', 'Organização', 'Instituição', 'Nome da empresa',
  ],
  job_title: ['Job title', 'Job', 'Position', 'Fonction', 'Poste', 'Profession', 'Métier', 'Cargo', 'Puesto', 'Profesión', 'Ocupación', 'Profissão', 'Ocupação', 'Função'],
  email: [
    'Email', 'E-mail', 'E mail', 'Email address', 'E-mail address', 'Primary email', 'Mail', 'Courriel', 'Adresse e-mail', 'Adresse email', 'Adresse mail',
    'Adresse électronique', 'Adresse courriel', 'Correo', 'Correo electrónico', 'Dirección de correo electrónico', 'Dirección de correo', 'Email de contacto',
    'Endereço de e-mail', 'Endereço de email', 'E-mail de contato',
  ],
  email_2: [
    'Email 2', 'E-mail 2', 'Second email', 'Secondary email', 'Other email', 'Work email', 'Email secondaire', 'Autre email', 'Autre e-mail', 'Courriel 2', 'Email professionnel',
    'E-mail professionnel', 'Correo electrónico 2', 'Correo 2', 'Otro correo', 'Email alternativo', 'E-mail secundário', 'Outro e-mail',
  ],
  phone: [
    'Phone', 'Phone number', 'Telephone', 'Telephone number', 'Tel', 'Home phone', 'Work phone', 'Landline', 'Téléphone', 'Tél', 'Numéro de téléphone', 'Téléphone fixe', 'Fixe',
    'Teléfono', 'Teléfono fijo', 'Número de teléfono', 'Telefone', 'Telefone fixo', 'Número de telefone', 'Fone',
  ],
  mobile: [
    'Mobile', 'Mobile phone', 'Mobile phone number', 'Mobile number', 'Cell', 'Cell phone', 'Cellphone', 'Cell phone number', 'Portable', 'Téléphone portable', 'Tél portable',
    'Téléphone mobile', 'Numéro de portable', 'Móvil', 'Teléfono móvil', 'Teléfono celular', 'Celular', 'Número de celular', 'Telemóvel', 'Telefone celular', 'WhatsApp',
  ],
  street: [
    'Address', 'Street', 'Street address', 'Address 1', 'Address line 1', 'Home address', 'Home address 1', 'Mailing address', 'Adresse', 'Adresse postale', 'Adresse 1',
    'Adresse ligne 1', 'Rue', 'Dirección', 'Dirección postal', 'Calle', 'Domicilio', 'Endereço', 'Morada', 'Rua', 'Logradouro',
  ],
  postal_code: [
    'Postal code', 'Postcode', 'Post code', 'Zip', 'ZIP code', 'Zipcode', 'Zip/Postal code', 'Home zip', 'Code postal', 'CP', 'NPA', 'Código postal', 'Cod postal', 'CEP',
  ],
  city: ['City', 'Town', 'Home city', 'Ville', 'Commune', 'Localité', 'Ciudad', 'Localidad', 'Municipio', 'Población', 'Cidade', 'Município', 'Localidade'],
  region: [
    'Region', 'State', 'State/Region', 'State/Province', 'Province', 'County', 'Home state', 'Région', 'Département', 'Provincia', 'Comunidad autónoma', 'Estado', 'UF',
    'Distrito',
  ],
  country: ['Country', 'Country/Region', 'Home country', 'CC', 'Pays', 'País'],
  birthday: [
    'Birthday', 'Birth date', 'Birthdate', 'Date of birth', 'DOB', 'Date de naissance', 'Naissance', 'Né le', 'Née le', 'Anniversaire', 'Fecha de nacimiento', 'Cumpleaños',
    'Data de nascimento', 'Aniversário',
  ],
  language: ['Language', 'Preferred language', 'Langue', 'Langue préférée', 'Idioma', 'Língua'],
  newsletter_status: ['Newsletter status', 'Statut newsletter', 'Estado newsletter'],
  email_opt_out: [
    'Opt-out', 'Email opt-out', 'Unsubscribed', 'Unsubscribed from all email', 'Do not email', 'Désabonné', 'Désinscrit', 'Ne pas contacter par email', 'Baja', 'Dado de baja',
    'No enviar correos', 'Descadastrado', 'Não enviar e-mail',
  ],
  opt_out_at: ['Unsubscribe date', 'Opt-out date', 'Date de désabonnement', 'Fecha de baja', 'Data de descadastro'],
  consent_at: ['OPTIN_TIME', 'Consent date', 'Opt-in date', 'Date de consentement', 'Fecha de consentimiento', 'Data de consentimento'],
  consent_source: ['Source du consentement'],
  source: ['Source', 'Lead source', 'Origine', 'Provenance', 'Origen', 'Fuente', 'Origem'],
  owner: ['Owner', 'Owner email'],
  next_contact_date: [
    'Next contact date', 'Next contact', 'À recontacter le', 'Prochain contact', 'Date de relance', 'Próximo contacto', 'Fecha de seguimiento', 'Próximo contato',
    'Data de retorno',
  ],
  notes: ['Notes', 'Note', 'Remarks', 'Remarques', 'Remarque', 'Observations', 'Observation', 'Observaciones', 'Observación', 'Notas', 'Nota', 'Observações', 'Observação'],
  tags: ['Tags', 'Tag', 'Labels', 'Label', 'Étiquettes', 'Étiquette', 'Mots-clés', 'Etiquetas', 'Etiqueta', 'Palabras clave', 'Marcadores'],
  'membership.level': [
    'Membership level', 'Membership type', 'Member type', 'Level', 'Niveau', "Niveau d'adhésion", "Type d'adhésion", 'Formule', 'Type de cotisation', 'Nivel', 'Tipo de socio',
    'Tipo de membresía', 'Categoría de socio', 'Nível', 'Tipo de associado', 'Categoria de sócio',
  ],
  'membership.start_date': [
    'Membership start', 'Membership start date', 'Member since', 'Join date', "Date d'adhésion", 'Adhérent depuis', "Début d'adhésion", 'Fecha de alta', 'Socio desde',
    'Data de adesão', 'Sócio desde', 'Membro desde',
  ],
  'membership.end_date': [
    'Membership end', 'Membership end date', 'Expiry date', 'Expiration date', 'Renewal date', "Date d'expiration", "Fin d'adhésion", 'Échéance', 'Fecha de vencimiento',
    'Vencimiento', 'Data de validade', 'Data de vencimento', 'Validade',
  ],
  'membership.amount': [
    'Membership fee', 'Membership amount', 'Dues', 'Fee', 'Cotisation', 'Montant de la cotisation', 'Montant cotisation', 'Cuota', 'Importe de la cuota', 'Cuota de socio',
    'Anuidade', 'Mensalidade', 'Valor da anuidade', 'Quota',
  ],
  'membership.frequency': ['Frequency', 'Billing frequency', 'Fréquence', 'Périodicité', 'Frecuencia', 'Periodicidad', 'Frequência', 'Periodicidade'],
  'donation.amount': [
    'Donation', 'Donation amount', 'Gift amount', 'Gift', 'Don', 'Montant du don', 'Montant don', 'Donativo', 'Donación', 'Importe donación', 'Doação', 'Valor da doação',
    'Valor doado',
  ],
  'donation.date': ['Donation date', 'Gift date', 'Date du don', 'Date de don', 'Fecha de donación', 'Fecha del donativo', 'Data da doação'],
  'donation.fund': ['Fund', 'Designation', 'Fonds', 'Affectation', 'Fondo', 'Fundo'],
  'donation.campaign': ['Campaign', 'Appeal', 'Campagne', 'Campaña', 'Campanha'],
  'donation.method': [
    'Payment method', 'Payment type', 'Mode de paiement', 'Moyen de paiement', 'Mode de règlement', 'Règlement', 'Método de pago', 'Forma de pago', 'Medio de pago',
    'Forma de pagamento', 'Meio de pagamento', 'Método de pagamento',
  ],
  'interaction.note': [
    'Comment', 'Comments', 'Your message', 'Message', 'Commentaire', 'Commentaires', 'Votre message', 'Comentario', 'Comentarios', 'Mensaje', 'Comentário', 'Comentários',
    'Mensagem',
  ],
  member_flag: [
    'Member', 'Is member', 'Is a member', 'Paid member', 'Adhérent', 'Adhérente', 'Adhérent(e)', 'Est adhérent', 'Membre', 'Membre actif', 'À jour de cotisation',
    'Socio', 'Socia', 'Socio/a', 'Es socio', 'Miembro', 'Membro', 'Sócio', 'Sócia', 'Associado', 'Associada', 'É sócio',
  ],
  newsletter_flag: [
    'Newsletter', 'Subscribed', 'Subscriber', 'Newsletter subscriber', 'Receives newsletter', 'Abonné', 'Abonnée', 'Abonné(e)', 'Abonné newsletter', 'Inscrit newsletter',
    "Lettre d'information", 'Infolettre', 'Suscrito', 'Suscrita', 'Suscriptor', 'Boletín', 'Inscrito', 'Inscrita', 'Assinante', 'Subscrito', 'Recebe newsletter',
  ],
  external_id: [
    'ID', 'External ID', 'Record ID', 'Contact ID', 'Member ID', 'Member number', 'Membership number', 'Customer ID', 'Attendee #', 'EUID', 'Identifiant', "Numéro d'adhérent",
    'N° adhérent', 'Numéro de membre', 'Número de socio', 'Nº de socio', 'ID de socio', 'Número de sócio', 'Nº de sócio', 'Matrícula',
  ],
  // Known columns with no place of their own: kept as custom columns, and said to be recognised.
  custom: [
    'Timestamp', 'Horodateur', 'Marca temporal', 'Carimbo de data/hora', 'MEMBER_RATING', 'CONFIRM_TIME', 'Order #', 'Order Date', 'Order Type', 'Ticket Type', 'Event Name',
    'Attendee Status', 'Total Paid', 'Fees Paid', 'Eventbrite Fees', 'Eventbrite Payment Processing', 'Quantity', 'Price Tier', 'Currency', 'Create Date', 'Last Activity Date',
    'Lead Status', 'Contact owner', 'Marketing contact status', 'Prefix', 'Suffix', 'Title', 'Salutation', 'Civilité', 'Tratamiento', 'Tratamento', 'Gender', 'Genre', 'Sexe',
    'Sexo',
  ],
  // Mailchimp's technical columns, and columns the CRM writes itself (a lifecycle stage is worked out).
  ignore: [
    'OPTIN_IP', 'CONFIRM_IP', 'LATITUDE', 'LONGITUDE', 'GMTOFF', 'DSTOFF', 'TIMEZONE', 'LEID', 'LAST_CHANGED', 'created_at', 'updated_at', 'merged_into', 'deleted',
    'lifecycle_stage',
  ],
};

/** Names that probably mean this column but could mean another: proposed as a guess. */
export const LIKELY_NAMES: Record<string, string[]> = {
  'donation.amount': ['Amount', 'Montant', 'Importe', 'Valor', 'Total'],
  'membership.level': ['Membership', 'Adhésion', 'Membresía', 'Plano'],
  'membership.start_date': ['Start date', 'Date de début', 'Fecha de inicio', 'Data de início'],
  'membership.end_date': ['End date', 'Date de fin', 'Fecha de fin', 'Data de término'],
  tags: ['Groups', 'Groupes', 'Grupos', 'Catégories', 'Categorías', 'Categorias'],
};

/** Known names that are ordinary words elsewhere ('Nombre de places' is a count in French, 'Niveau
 *  d'études' no membership): they match a whole header, never a word inside a longer one. */
export const WHOLE_HEADER_ONLY: string[] = [
  'Nombre', 'Niveau', 'Level', 'Nivel', 'Nível', 'Note', 'Nota', 'Notes', 'Position', 'Poste', 'Fixe', 'Structure', 'Formule', 'Estado', 'State', 'Total', 'Valor', 'Fonds',
  'Fund', 'Fondo', 'Fundo', 'Source', 'Origine', 'Origen', 'Origem', 'Fuente', 'Message', 'Mensaje', 'Company', 'Relance', 'Validade', 'Quota', 'Cuota', 'Gift', 'Donation',
  'Profession', 'Fonction', 'Cargo',
];
