/** What the query language compiled to SQL (services/query/query-sql.ts) reads values with, so that
 *  the database compares them as the engine over the sheets does:
 *  - `crm_text`: text without accents, case or the spaces around it (the engine's fold of a trimmed
 *    value);
 *  - `crm_day`: the day a date or a date and time written as text starts with (`2026-03-01T10:00Z` →
 *    `2026-03-01`), null when it does not start with a real one (the engine's dateOf: 30 February is
 *    none), and `crm_date` that day as a date; an interaction's day (`when_day`) and a campaign
 *    activity's (`last_day`) are kept in the row when it is written, indexed with the type;
 *  - `crm_search_text`: the folded text a search looks in (the searched columns and the custom ones,
 *    each apart), kept in the contact's `search_text` column with its name and sort keys as the search
 *    ranks them, worked out when the row is written; indexed by trigrams, as phones' digits are. */
export const QUERY_0003 = `
CREATE OR REPLACE FUNCTION crm_text(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT crm_fold(regexp_replace(coalesce(value, ''), '^\\s+|\\s+$', '', 'g')) $$;
CREATE OR REPLACE FUNCTION crm_day(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN left(btrim(value), 10) !~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' OR left(btrim(value), 10) < '0001' THEN NULL
    WHEN substr(btrim(value), 9, 2)::int <= CASE substr(btrim(value), 6, 2)::int WHEN 2 THEN
        CASE WHEN (substr(btrim(value), 1, 4)::int % 4 = 0 AND substr(btrim(value), 1, 4)::int % 100 <> 0) OR substr(btrim(value), 1, 4)::int % 400 = 0 THEN 29 ELSE 28 END
      WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END THEN left(btrim(value), 10) END $$;
CREATE OR REPLACE FUNCTION crm_date(value text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT make_date(substr(crm_day(value), 1, 4)::int, substr(crm_day(value), 6, 2)::int, substr(crm_day(value), 9, 2)::int) $$;
ALTER TABLE interactions ADD COLUMN "when_day" date GENERATED ALWAYS AS (crm_date("when")) STORED;
ALTER TABLE campaign_activity ADD COLUMN "last_day" date GENERATED ALWAYS AS (crm_date("last_at")) STORED;
CREATE INDEX interactions_type_day ON interactions ("type", "when_day", "contact_id");
CREATE INDEX interactions_type_contact ON interactions ("type", "contact_id");
CREATE OR REPLACE FUNCTION crm_search_text(first_name text, last_name text, organisation_name text, email text, email_2 text, phone text, mobile text,
    city text, postal_code text, job_title text, custom jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT crm_fold(concat_ws(chr(1), first_name, last_name, organisation_name, email, email_2, phone, mobile, city, postal_code, job_title,
    (SELECT string_agg(e.value, chr(1)) FROM jsonb_each_text(coalesce(custom, '{}'::jsonb)) e))) $$;
DROP INDEX IF EXISTS contacts_search;
ALTER TABLE contacts
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (crm_search_text("first_name", "last_name", "organisation_name", "email", "email_2", "phone", "mobile",
    "city", "postal_code", "job_title", "custom")) STORED,
  ADD COLUMN "name_key" text GENERATED ALWAYS AS (CASE WHEN "kind" = 'organisation' THEN crm_fold("organisation_name")
    ELSE crm_fold(btrim(coalesce("first_name", '') || ' ' || coalesce("last_name", ''))) END) STORED,
  ADD COLUMN "sort_key" text GENERATED ALWAYS AS (btrim(CASE WHEN "kind" = 'organisation' THEN crm_fold("organisation_name")
    ELSE crm_fold(coalesce("last_name", '') || ' ' || coalesce("first_name", '')) END)) STORED;
CREATE INDEX contacts_search_text ON contacts USING gin ("search_text" gin_trgm_ops);
CREATE INDEX contacts_phone_digits_text ON contacts USING gin ((crm_digits("phone") || ' ' || crm_digits("mobile")) gin_trgm_ops);
`;
