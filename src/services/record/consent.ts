import type { Contact } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';

/** A yes to the newsletter said face to face (at a stall, after a talk): subscribed, with who heard it
 *  and when as its source, which a mailer or an auditor can read back. */
export function consentInPerson(workbook: Workbook, staff: string): Pick<Contact, 'newsletter_status' | 'consent_source' | 'consent_at'> {
  return { newsletter_status: 'subscribed', consent_source: `in person: ${staff}`, consent_at: workbook.clock.now().toISOString() };
}
