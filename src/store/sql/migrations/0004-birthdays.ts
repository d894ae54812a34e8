/** A contact's birthday as the month and day it falls on ('07-14'), kept in the row when it is
 *  written (`birthday_md`), from a birthday stored with its year or without ('--07-14'): what the next
 *  birthday is worked out from (services/query/query-sql.ts), without reading the text of every
 *  contact's birthday on each query. Null when the cell holds no real month and day (29 February is
 *  one: it falls on the 28th in other years). */
export const BIRTHDAYS_0004 = `
CREATE OR REPLACE FUNCTION crm_month_day(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN x.m IS NOT NULL AND x.m[1]::int BETWEEN 1 AND 12 AND x.m[2]::int >= 1
      AND x.m[2]::int <= CASE x.m[1]::int WHEN 2 THEN 29 WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END
    THEN x.m[1] || '-' || x.m[2] END
    FROM (SELECT regexp_match(value, '^(?:[0-9]{4}|-)-([0-9]{2})-([0-9]{2})') AS m) x $$;
ALTER TABLE contacts ADD COLUMN "birthday_md" text GENERATED ALWAYS AS (crm_month_day("birthday")) STORED;
`;
