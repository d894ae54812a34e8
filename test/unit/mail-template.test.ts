/** Email templates: placeholders with fallbacks, values in the template's language, simple HTML from
 *  plain text, and no way for a value to add markup. */
import { placeholdersOf, render, unknownPlaceholders } from '../../src/core/mail/template';
import { isKnownPlaceholder, longDate, money, placeholderValue } from '../../src/core/mail/placeholders';
import type { Contact } from '../../src/core/schema/tables';

const contact = (fields: Partial<Contact> & { custom?: Record<string, string> }) => ({ first_name: '', last_name: '', ...fields }) as unknown as Contact;

describe('placeholders', () => {
  it('finds them with their fallbacks, and names the unknown ones once', () => {
    expect(placeholdersOf('Bonjour {{ first_name | Madame, Monsieur }}, {{gift.amount}}')).toEqual([
      { name: 'first_name', fallback: 'Madame, Monsieur', at: 8 },
      { name: 'gift.amount', fallback: '', at: 45 },
    ]);
    expect(unknownPlaceholders('{{frist_name}} {{first_name}} {{frist_name}} {{Quartier}}', (n) => isKnownPlaceholder(n, ['Quartier']))).toEqual(['frist_name']);
  });

  it('writes dates and amounts as each language does', () => {
    expect(longDate('2026-03-12', 'fr')).toBe('12 mars 2026');
    expect(longDate('2026-03-12', 'es')).toBe('12 de marzo de 2026');
    expect(longDate('2026-03-12', 'pt')).toBe('12 de março de 2026');
    expect(longDate('2026-03-12', 'en')).toBe('12 March 2026');
    expect(longDate('--07-14', 'fr')).toBe('14 juillet');
    expect(money(42.5, 'EUR', 'fr')).toBe('42,50\u00a0€');
    expect(money(42.5, 'EUR', 'en')).toBe('€42.50');
    expect(money(1000, 'BRL', 'pt')).toMatch(/R\$\s?1000,00|R\$\s?1\.000,00|1000,00\s?R\$|1\s?000,00\s?R\$/);
  });

  it('reads a contact’s fields, its membership, its gift and its custom columns', () => {
    const value = (name: string) =>
      placeholderValue(name, {
        contact: contact({ first_name: 'Léa', organisation_name: 'Les Amis', custom: { Quartier: 'Croix-Rousse' } }),
        membership: { level: 'Soutien', end_date: '2026-12-31', amount: 30, currency: 'EUR' } as never,
        gift: { amount: 15, currency: 'EUR', date: '2026-11-02', fund: 'Enquêtes' } as never,
        today: '2026-12-03',
        language: 'fr',
        currency: 'EUR',
        unsubscribeUrl: 'https://example.org/u?t=abc',
      });
    expect(['first_name', 'organisation', 'membership.level', 'membership.end_date', 'gift.amount', 'gift.fund', 'Quartier', 'today'].map(value)).toEqual([
      'Léa',
      'Les Amis',
      'Soutien',
      '31 décembre 2026',
      '15,00\u00a0€',
      'Enquêtes',
      'Croix-Rousse',
      '3 décembre 2026',
    ]);
  });
});

describe('rendering', () => {
  const values: Record<string, string> = { first_name: 'Ana', last_name: '', unsubscribe_url: 'https://crm.example/exec?unsubscribe=t0k' };
  const value = (n: string) => values[n] ?? '';

  it('makes paragraphs, bold and links from plain text, and keeps the text version as written', () => {
    const out = render(
      {
        subject: 'Merci {{first_name}} !',
        body: 'Bonjour {{first_name}},\n\nMerci pour **votre don**.\nVoir [le rapport](https://example.org/rapport) ou https://example.org.\n\n{{unsubscribe_url}}',
      },
      value,
    );
    expect(out.subject).toBe('Merci Ana !');
    expect(out.text).toBe('Bonjour Ana,\n\nMerci pour **votre don**.\nVoir [le rapport](https://example.org/rapport) ou https://example.org.\n\nhttps://crm.example/exec?unsubscribe=t0k');
    expect(out.html).toBe(
      '<p>Bonjour Ana,</p>\n<p>Merci pour <strong>votre don</strong>.<br>\nVoir <a href="https://example.org/rapport">le rapport</a> ou <a href="https://example.org">https://example.org</a>.</p>\n<p><a href="https://crm.example/exec?unsubscribe=t0k">https://crm.example/exec?unsubscribe=t0k</a></p>',
    );
  });

  it('uses the fallback when the value is empty', () => {
    expect(render({ subject: '', body: 'Bonjour {{last_name|à vous}}' }, value).text).toBe('Bonjour à vous');
  });

  it('escapes every value: a name cannot add markup, marks or a link', () => {
    const hostile = (n: string) => (n === 'first_name' ? '<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) {{email}}' : 'secret@example.org');
    const out = render({ subject: 'Hi {{first_name}}\nBcc: evil@example.org', body: 'Dear {{first_name}}' }, hostile);
    expect(out.html).toBe('<p>Dear &lt;img src=x onerror=alert(1)&gt; **bold** [x](javascript:alert(1)) {{email}}</p>');
    expect(out.html).not.toContain('secret@example.org');
    expect(out.subject).not.toMatch(/[\r\n]/);
  });

  it('refuses a link to anything but the web or an address, even in the template', () => {
    expect(render({ subject: '', body: '[click](javascript:alert(1)) [data](data:text/html,x)' }, value).html).toBe('<p>[click](javascript:alert(1)) [data](data:text/html,x)</p>');
  });
});
