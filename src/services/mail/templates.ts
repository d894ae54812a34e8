/** Templates, kept in the Templates sheet: one row per name and language. A template is refused, naming
 *  them, when it has placeholders the CRM does not know. */
import { Contacts, Templates, Template } from '../../core/schema/tables';
import { isKnownPlaceholder } from '../../core/mail/placeholders';
import { unknownPlaceholders } from '../../core/mail/template';
import { LANGUAGE_CODES } from '../../core/i18n';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { settingsOf } from '../today';

export interface TemplateInput {
  name: string;
  language?: string;
  subject: string;
  body: string;
  description?: string;
}

const norm = (text: string) => text.trim().toLowerCase();

/** The Contacts sheet's own columns (custom ones), which templates may name too. */
export function customColumnsOf(workbook: Workbook): string[] {
  return workbook.table(Contacts).customColumns();
}

export function checkPlaceholders(workbook: Workbook, texts: string[]): void {
  const custom = customColumnsOf(workbook);
  const unknown = [...new Set(texts.flatMap((t) => unknownPlaceholders(t, (name) => isKnownPlaceholder(name, custom))))];
  if (unknown.length) throw new UserError('invalid', 'error.template_unknown', { names: unknown.map((n) => `{{${n}}}`).join(', '), field: 'body' });
}

/** Saves (creates or replaces) the template of that name and language. */
export function saveTemplate(workbook: Workbook, input: TemplateInput): Template {
  const name = input.name.trim();
  const language = (input.language ?? '').trim().toLowerCase();
  if (!name) throw new UserError('invalid', 'error.template_name', { field: 'name' });
  if (language && !(LANGUAGE_CODES as readonly string[]).includes(language)) throw new UserError('invalid', 'error.template_language', { language, field: 'language' });
  if (!input.subject.trim()) throw new UserError('invalid', 'error.template_subject', { field: 'subject' });
  checkPlaceholders(workbook, [input.subject, input.body]);
  const table = workbook.table(Templates);
  const same = table.all().find((t) => norm(t.name) === norm(name) && (t.language || '') === language);
  const values = { name, language, subject: input.subject.trim(), body: input.body.replace(/\r\n/g, '\n'), description: (input.description ?? '').trim() };
  return same ? table.update(same.id, values) : table.insert([values])[0];
}

/** Every template, by name, with its languages. */
export function listTemplates(workbook: Workbook): { name: string; languages: string[]; subject: string; description: string }[] {
  const byName = new Map<string, Template[]>();
  for (const t of workbook.table(Templates).all()) byName.set(norm(t.name), [...(byName.get(norm(t.name)) ?? []), t]);
  return [...byName.values()].map((list) => ({ name: list[0].name, languages: list.map((t) => t.language || '—'), subject: list[0].subject, description: list[0].description }));
}

/** The template of that name for a contact of `language`: theirs, else the CRM's language, else one
 *  without a language, else the first. Null when no template has that name. */
export function templateFor(workbook: Workbook, name: string, language: string): Template | null {
  const list = workbook
    .table(Templates)
    .all()
    .filter((t) => norm(t.name) === norm(name));
  if (!list.length) return null;
  const crm = settingsOf(workbook).language || 'en';
  return list.find((t) => t.language === language) ?? list.find((t) => t.language === crm) ?? list.find((t) => !t.language) ?? list[0];
}

export function requireTemplate(workbook: Workbook, name: string): void {
  if (
    !workbook
      .table(Templates)
      .all()
      .some((t) => norm(t.name) === norm(name))
  )
    throw new UserError('not_found', 'error.template_missing', { name, field: 'template' });
}
