/** The templates Set up puts in a new CRM, beside the switched-off "Renewal reminder email" trigger
 *  point that uses them: one per language, for people to edit. */
export const DEFAULT_TEMPLATES = [
  {
    name: 'Renewal reminder',
    language: 'en',
    subject: 'Your membership ends on {{membership.end_date}}',
    body: 'Hello {{first_name|there}},\n\nYour **{{membership.level|membership}}** ends on {{membership.end_date}}. Renewing keeps our work going: thank you for being with us.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Renewal reminder',
    language: 'fr',
    subject: 'Votre adhésion se termine le {{membership.end_date}}',
    body: 'Bonjour {{first_name|à vous}},\n\nVotre adhésion **{{membership.level}}** se termine le {{membership.end_date}}. La renouveler fait vivre notre travail : merci d’être avec nous.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Renewal reminder',
    language: 'es',
    subject: 'Su membresía termina el {{membership.end_date}}',
    body: 'Hola {{first_name}}:\n\nSu membresía **{{membership.level}}** termina el {{membership.end_date}}. Renovarla mantiene vivo nuestro trabajo: gracias por estar con nosotros.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Renewal reminder',
    language: 'pt',
    subject: 'A sua associação termina a {{membership.end_date}}',
    body: 'Olá {{first_name}},\n\nA sua associação **{{membership.level}}** termina a {{membership.end_date}}. Renová-la mantém vivo o nosso trabalho: obrigado por estar connosco.\n\n{{unsubscribe_url}}',
  },
];
