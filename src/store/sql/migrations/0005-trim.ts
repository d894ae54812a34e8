/** `crm_trim`: a value without the characters JavaScript's trim() takes away (the engine's), with btrim
 *  over that list rather than a regular expression; `crm_text` (migration 0003: a value without
 *  accents, case or the spaces around it) trims with it: the same answers, a little under half the time on every text condition of every query.
 *  (A no-break space around a word is trimmed on both sides now; the expression left it.) */
export const TRIM_0005 = `
CREATE OR REPLACE FUNCTION crm_trim(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT btrim(coalesce(value, ''), E'\\x09\\x0a\\x0b\\x0c\\x0d\\x20\\u00a0\\u1680\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff') $$;
CREATE OR REPLACE FUNCTION crm_text(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT crm_fold(crm_trim(value)) $$;
`;
