/** The sort key's words (migration 0008's `contacts_sort_words` expression: the name's words, last name
 *  first, one space apart) kept in the row, `sort_words`, instead of rewritten by a regular expression
 *  each time a search looks at a contact: at a million contacts, the rewriting was most of a search
 *  for a later word of the name ("silva" in "almeida silva"), whose 18,000 candidates the trigram index
 *  gives are checked one by one (about 35 of 50 ms). A generated column cannot name another, so the
 *  sort key's expression (migration 0003) is repeated. `contacts_sorted` holds the words too, for a
 *  walk in name order without the rows. */
export const SORT_WORDS_0010 = `
ALTER TABLE contacts ADD COLUMN "sort_words" text GENERATED ALWAYS AS (regexp_replace(btrim(CASE WHEN "kind" = 'organisation' THEN crm_fold("organisation_name")
  ELSE crm_fold(coalesce("last_name", '') || ' ' || coalesce("first_name", '')) END), '[[:space:]''-]+', ' ', 'g')) STORED;
DROP INDEX contacts_sort_words;
CREATE INDEX contacts_sort_words ON contacts USING gin ("sort_words" gin_trgm_ops);
DROP INDEX contacts_sorted;
CREATE INDEX contacts_sorted ON contacts ("sort_key" COLLATE "C", "_seq") INCLUDE ("id", "name_key", "sort_words")
  WHERE "id" <> '' AND "deleted" IS NOT TRUE AND ("merged_into" IS NULL OR "merged_into" = '');
`;
