/** The day each of a contact's dates and times starts with, kept in the row when it is written
 *  (`created_day`, `updated_day`, `opt_out_day`, `consent_day`: `crm_date` of the text, null when it
 *  does not start with a real day), so that a query on `created` or the dashboard's funnel compares a
 *  date instead of reading the text of every contact's timestamp each time. */
export const DAYS_0006 = `
ALTER TABLE contacts
  ADD COLUMN "created_day" date GENERATED ALWAYS AS (crm_date("created_at")) STORED,
  ADD COLUMN "updated_day" date GENERATED ALWAYS AS (crm_date("updated_at")) STORED,
  ADD COLUMN "opt_out_day" date GENERATED ALWAYS AS (crm_date("opt_out_at")) STORED,
  ADD COLUMN "consent_day" date GENERATED ALWAYS AS (crm_date("consent_at")) STORED;
`;
