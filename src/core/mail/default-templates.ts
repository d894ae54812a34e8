/** The templates Set up puts in a new CRM, beside the switched-off trigger points that use them
 *  (renewal reminder, welcome, thank-you, win-back, birthday): one per language, for people to edit. */
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
  {
    name: 'Welcome',
    language: 'en',
    subject: 'Welcome, {{first_name|friend}}',
    body: 'Hello {{first_name|there}},\n\nWelcome, and thank you for joining us. We will keep you posted on our work.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Welcome',
    language: 'fr',
    subject: 'Bienvenue, {{first_name}}',
    body: 'Bonjour {{first_name|à vous}},\n\nBienvenue, et merci de nous rejoindre. Nous vous tiendrons au courant de notre travail.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Welcome',
    language: 'es',
    subject: 'Bienvenida, {{first_name}}',
    body: 'Hola {{first_name}}:\n\nBienvenida y gracias por sumarse. Le mantendremos al tanto de nuestro trabajo.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Welcome',
    language: 'pt',
    subject: 'Bem-vindo/a, {{first_name}}',
    body: 'Olá {{first_name}},\n\nBem-vindo/a e obrigado por se juntar a nós. Vamos mantê-lo/a a par do nosso trabalho.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Thank you',
    language: 'en',
    subject: 'Thank you for your gift',
    body: 'Dear {{first_name|friend}},\n\nThank you for your gift of **{{gift.amount}}** on {{gift.date}}. It makes our work possible.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Thank you',
    language: 'fr',
    subject: 'Merci pour votre don',
    body: 'Chère, cher {{first_name}},\n\nMerci pour votre don de **{{gift.amount}}** du {{gift.date}}. Il rend notre travail possible.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Thank you',
    language: 'es',
    subject: 'Gracias por su donación',
    body: 'Estimada/o {{first_name}}:\n\nGracias por su donación de **{{gift.amount}}** del {{gift.date}}. Hace posible nuestro trabajo.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Thank you',
    language: 'pt',
    subject: 'Obrigado pela sua doação',
    body: 'Cara/o {{first_name}},\n\nObrigado pela sua doação de **{{gift.amount}}** de {{gift.date}}. Torna o nosso trabalho possível.\n\n{{unsubscribe_url}}',
  },
  // A receipt, attached as a PDF to a thank-you ("Thank you + Receipt" as a rule's argument).
  {
    name: 'Receipt',
    language: 'en',
    subject: 'Receipt for your gift of {{gift.date}}',
    body: 'Received from: {{first_name}} {{last_name}}\n{{street}}\n{{postal_code}} {{city}}\n{{country}}\n\nAmount: {{gift.amount}}\nDate: {{gift.date}}\nFund: {{gift.fund|general}}\n\nThank you for your support.\nIssued on {{today}}.',
  },
  {
    name: 'Receipt',
    language: 'fr',
    subject: 'Reçu de votre don du {{gift.date}}',
    body: 'Reçu de : {{first_name}} {{last_name}}\n{{street}}\n{{postal_code}} {{city}}\n{{country}}\n\nMontant : {{gift.amount}}\nDate : {{gift.date}}\nFonds : {{gift.fund|général}}\n\nMerci de votre soutien.\nÉmis le {{today}}.',
  },
  {
    name: 'Receipt',
    language: 'es',
    subject: 'Recibo de su donación del {{gift.date}}',
    body: 'Recibido de: {{first_name}} {{last_name}}\n{{street}}\n{{postal_code}} {{city}}\n{{country}}\n\nImporte: {{gift.amount}}\nFecha: {{gift.date}}\nFondo: {{gift.fund|general}}\n\nGracias por su apoyo.\nEmitido el {{today}}.',
  },
  {
    name: 'Receipt',
    language: 'pt',
    subject: 'Recibo da sua doação de {{gift.date}}',
    body: 'Recebido de: {{first_name}} {{last_name}}\n{{street}}\n{{postal_code}} {{city}}\n{{country}}\n\nMontante: {{gift.amount}}\nData: {{gift.date}}\nFundo: {{gift.fund|geral}}\n\nObrigado pelo seu apoio.\nEmitido em {{today}}.',
  },
  {
    name: 'We miss you',
    language: 'en',
    subject: 'We miss you, {{first_name}}',
    body: 'Hello {{first_name|there}},\n\nYour membership ended on {{membership.end_date}}. We would love to have you with us again.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'We miss you',
    language: 'fr',
    subject: 'Vous nous manquez, {{first_name}}',
    body: 'Bonjour {{first_name|à vous}},\n\nVotre adhésion s’est terminée le {{membership.end_date}}. Nous serions heureux de vous compter à nouveau parmi nous.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'We miss you',
    language: 'es',
    subject: 'Le echamos de menos, {{first_name}}',
    body: 'Hola {{first_name}}:\n\nSu membresía terminó el {{membership.end_date}}. Nos encantaría volver a contar con usted.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'We miss you',
    language: 'pt',
    subject: 'Sentimos a sua falta, {{first_name}}',
    body: 'Olá {{first_name}},\n\nA sua associação terminou a {{membership.end_date}}. Adoraríamos tê-lo/a de novo connosco.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Happy birthday',
    language: 'en',
    subject: 'Happy birthday, {{first_name}}!',
    body: 'Dear {{first_name|friend}},\n\nHappy birthday from all of us, and thank you for being with us.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Happy birthday',
    language: 'fr',
    subject: 'Joyeux anniversaire, {{first_name}} !',
    body: 'Chère, cher {{first_name}},\n\nToute l’équipe vous souhaite un joyeux anniversaire. Merci d’être avec nous.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Happy birthday',
    language: 'es',
    subject: '¡Feliz cumpleaños, {{first_name}}!',
    body: 'Estimada/o {{first_name}}:\n\nTodo el equipo le desea un feliz cumpleaños. Gracias por estar con nosotros.\n\n{{unsubscribe_url}}',
  },
  {
    name: 'Happy birthday',
    language: 'pt',
    subject: 'Feliz aniversário, {{first_name}}!',
    body: 'Cara/o {{first_name}},\n\nToda a equipa lhe deseja um feliz aniversário. Obrigado por estar connosco.\n\n{{unsubscribe_url}}',
  },
];
