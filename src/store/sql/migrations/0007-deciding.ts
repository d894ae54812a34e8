/** Each contact's deciding membership (the one its badge and `membership.status` read), worked out by
 *  the nightly run for its day and kept in `crm_deciding`, so that a segment on memberships reads one
 *  row per contact instead of working out today's status of every membership and sorting them.
 *  `crm_deciding_state` says which day and which rules the rows are for; a trigger on `memberships`
 *  lists the contacts whose memberships change in `crm_deciding_stale`, which the next query works out
 *  again before it reads the rows (membership-sql.ts decidingSql). Emptying `memberships` forgets the
 *  day: every contact is worked out on the fly until the next night.
 *
 *  `contacts_live`: the live contacts' ids and order (query-sql.ts LIVE_CONTACT, word for word), which a
 *  segment of a hundred thousand members joins without reading the contacts' rows. */
export const DECIDING_0007 = `
CREATE TABLE crm_deciding (
  "contact_id" text PRIMARY KEY,
  "status" text NOT NULL,
  "level" text,
  "end_date" date
);
CREATE TABLE crm_deciding_stale ("contact_id" text PRIMARY KEY);
CREATE TABLE crm_deciding_state ("day" date NOT NULL, "rules" text NOT NULL);
CREATE FUNCTION crm_deciding_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM crm_deciding_state;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO crm_deciding_stale SELECT DISTINCT o."contact_id" FROM old_rows o WHERE o."contact_id" IS NOT NULL ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO crm_deciding_stale SELECT DISTINCT n."contact_id" FROM new_rows n WHERE n."contact_id" IS NOT NULL ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER memberships_inserted AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_deciding_changed();
CREATE TRIGGER memberships_updated AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_deciding_changed();
CREATE TRIGGER memberships_deleted AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_deciding_changed();
CREATE TRIGGER memberships_emptied AFTER TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION crm_deciding_changed();
CREATE INDEX contacts_live ON contacts ("id") INCLUDE ("_seq") WHERE "id" <> '' AND "deleted" IS NOT TRUE AND ("merged_into" IS NULL OR "merged_into" = '');
`;
