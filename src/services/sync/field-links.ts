/** The extra fields an admin maps, one a line: `city = CITY`, `custom.Member number = MEMBERNO` (a
 *  CRM column, then the platform's field: a Mailchimp merge tag, a Brevo attribute). Each line is
 *  checked, and a wrong one refused by its number, in the person's language. */
import { Contacts } from '../../core/schema/tables';
import { UserError } from '../../store/errors';
import { MAILCHIMP_MERGE_FIELDS } from './platforms/mailchimp';
import { BREVO_EXTRA_ATTRIBUTES } from './platforms/brevo';
import { PLATFORM_LABELS, platformFields, type FieldLink, type PlatformName } from './platforms/platform';
import { ADDRESS_PARTS } from './synced-fields';

/** Fields the sync owns: the address, consent and the CRM's own bookkeeping are never mapped. */
const NOT_MAPPED = new Set([
  'id',
  'email',
  'email_2',
  'newsletter_status',
  'email_opt_out',
  'opt_out_source',
  'opt_out_at',
  'consent_source',
  'consent_at',
  'merged_into',
  'deleted',
  'created_at',
  'updated_at',
  'import_batch',
]);
const TAKEN: Record<PlatformName, string[]> = { mailchimp: ['EMAIL', 'FNAME', 'LNAME', 'PHONE', 'BIRTHDAY', 'ADDRESS'], brevo: ['EMAIL', 'FIRSTNAME', 'LASTNAME', 'SMS'] };
const TAG_LENGTH: Record<PlatformName, number> = { mailchimp: 10, brevo: 50 };
/** Extra fields at most: Mailchimp's 30 merge fields less its 5 default ones; Brevo's, ours. */
export const MAX_EXTRA_FIELDS: Record<PlatformName, number> = { mailchimp: MAILCHIMP_MERGE_FIELDS - 5, brevo: BREVO_EXTRA_ATTRIBUTES };

export function readFieldLinks(platform: PlatformName, lines: string[]): FieldLink[] {
  const links: FieldLink[] = [];
  const standard = new Set([...platformFields(platform), ...(platform === 'mailchimp' ? ADDRESS_PARTS : [])]);
  lines.forEach((raw, k) => {
    const line = k + 1;
    if (!raw.trim()) return;
    const m = /^\s*([^=]+?)\s*=\s*([^=]+?)\s*$/.exec(raw);
    if (!m) throw new UserError('invalid', 'sync.error.field_form', { line, field: 'fields' });
    const crm = m[1].startsWith('custom.') ? `custom.${m[1].slice(7).trim()}` : m[1].trim().toLowerCase();
    const tag = m[2].trim().toUpperCase();
    const known = crm.startsWith('custom.') ? crm.length > 7 : crm in Contacts.columns && !NOT_MAPPED.has(crm);
    if (!known) throw new UserError('invalid', 'sync.error.field_crm', { line, name: m[1].trim(), field: 'fields' });
    if (!new RegExp(`^[A-Z][A-Z0-9_]{0,${TAG_LENGTH[platform] - 1}}$`).test(tag) || TAKEN[platform].includes(tag))
      throw new UserError('invalid', 'sync.error.field_platform', { line, name: m[2].trim(), platform: PLATFORM_LABELS[platform], max: TAG_LENGTH[platform], field: 'fields' });
    if (standard.has(crm) || links.some((l) => l.crm === crm || l.platform === tag)) throw new UserError('invalid', 'sync.error.field_taken', { line, name: m[1].trim(), field: 'fields' });
    links.push({ crm, platform: tag });
  });
  if (links.length > MAX_EXTRA_FIELDS[platform])
    throw new UserError('invalid', 'sync.error.too_many_fields', { platform: PLATFORM_LABELS[platform], max: MAX_EXTRA_FIELDS[platform], field: 'fields' });
  return links;
}
