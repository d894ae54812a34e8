/** The database's first shape: one SQL table per CRM table (see sql-types.ts for how each kind of
 *  column is typed), the custom columns people add in `custom` (jsonb, by header), `_seq` keeping the
 *  order rows were added in (a sheet's order), and the indexes the CRM's reads use: ids pointing at
 *  other records, addresses, dates, phones by their digits, and names, organisations, emails and
 *  cities for search (accents and case aside, typos by trigrams).
 *
 *  Frozen once released: a later change of the schema is a new migration beside this one (the test
 *  `sql-migrations` fails while the database lacks a column the schema has). */
export const TABLES_0001 = `
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION crm_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;
CREATE OR REPLACE FUNCTION crm_digits(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT regexp_replace(coalesce(value, ''), '\\D', '', 'g') $$;
CREATE TABLE crm_custom_columns (
  "table_name" text NOT NULL,
  "name" text NOT NULL,
  "position" integer GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY ("table_name", "name")
);
CREATE TABLE contacts (
  "id" text PRIMARY KEY,
  "kind" text,
  "first_name" text,
  "last_name" text,
  "organisation_name" text,
  "organisation_id" text,
  "job_title" text,
  "email" text,
  "email_2" text,
  "phone" text,
  "mobile" text,
  "street" text,
  "postal_code" text,
  "city" text,
  "region" text,
  "country" text,
  "birthday" text,
  "language" text,
  "lifecycle_stage" text,
  "lifecycle_override" text,
  "newsletter_status" text,
  "email_opt_out" boolean,
  "opt_out_source" text,
  "opt_out_at" text,
  "consent_source" text,
  "consent_at" text,
  "source" text,
  "owner" text,
  "next_contact_date" date,
  "notes" text,
  "merged_into" text,
  "deleted" boolean,
  "external_id" text,
  "import_batch" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX contacts__seq ON contacts ("_seq");
CREATE INDEX contacts_organisation_id ON contacts ("organisation_id");
CREATE INDEX contacts_email ON contacts ("email");
CREATE INDEX contacts_next_contact_date ON contacts ("next_contact_date");
CREATE INDEX contacts_merged_into ON contacts ("merged_into");
CREATE INDEX contacts_external_id ON contacts ("external_id");
CREATE INDEX contacts_import_batch ON contacts ("import_batch");
CREATE TABLE memberships (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "level" text,
  "join_date" date,
  "start_date" date,
  "end_date" date,
  "amount" numeric,
  "currency" text,
  "frequency" text,
  "auto_renew" boolean,
  "payment_method" text,
  "paid" boolean,
  "external_id" text,
  "status" text,
  "status_override" text,
  "import_batch" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX memberships__seq ON memberships ("_seq");
CREATE INDEX memberships_contact_id ON memberships ("contact_id");
CREATE INDEX memberships_join_date ON memberships ("join_date");
CREATE INDEX memberships_start_date ON memberships ("start_date");
CREATE INDEX memberships_end_date ON memberships ("end_date");
CREATE INDEX memberships_external_id ON memberships ("external_id");
CREATE INDEX memberships_status ON memberships ("status");
CREATE INDEX memberships_import_batch ON memberships ("import_batch");
CREATE TABLE donations (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "date" date,
  "amount" numeric,
  "currency" text,
  "fund" text,
  "campaign" text,
  "method" text,
  "recurring" boolean,
  "external_id" text,
  "refunded_at" date,
  "note" text,
  "import_batch" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX donations__seq ON donations ("_seq");
CREATE INDEX donations_contact_id ON donations ("contact_id");
CREATE INDEX donations_date ON donations ("date");
CREATE INDEX donations_external_id ON donations ("external_id");
CREATE INDEX donations_refunded_at ON donations ("refunded_at");
CREATE INDEX donations_import_batch ON donations ("import_batch");
CREATE TABLE interactions (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "when" text,
  "type" text,
  "direction" text,
  "subject" text,
  "details" text,
  "outcome" text,
  "staff" text,
  "follow_up_date" date,
  "follow_up_done" boolean,
  "external_id" text,
  "import_batch" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX interactions__seq ON interactions ("_seq");
CREATE INDEX interactions_contact_id ON interactions ("contact_id");
CREATE INDEX interactions_follow_up_date ON interactions ("follow_up_date");
CREATE INDEX interactions_external_id ON interactions ("external_id");
CREATE INDEX interactions_import_batch ON interactions ("import_batch");
CREATE TABLE tags (
  "id" text PRIMARY KEY,
  "name" text,
  "colour" text,
  "description" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX tags__seq ON tags ("_seq");
CREATE TABLE contact_tags (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "tag_id" text,
  "added_at" text,
  "added_by" text,
  "import_batch" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX contact_tags__seq ON contact_tags ("_seq");
CREATE INDEX contact_tags_contact_id ON contact_tags ("contact_id");
CREATE INDEX contact_tags_tag_id ON contact_tags ("tag_id");
CREATE INDEX contact_tags_import_batch ON contact_tags ("import_batch");
CREATE TABLE relationships (
  "id" text PRIMARY KEY,
  "contact_a" text,
  "contact_b" text,
  "type_id" text,
  "start_date" date,
  "end_date" date,
  "active" boolean,
  "note" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX relationships__seq ON relationships ("_seq");
CREATE INDEX relationships_contact_a ON relationships ("contact_a");
CREATE INDEX relationships_contact_b ON relationships ("contact_b");
CREATE INDEX relationships_type_id ON relationships ("type_id");
CREATE INDEX relationships_start_date ON relationships ("start_date");
CREATE INDEX relationships_end_date ON relationships ("end_date");
CREATE TABLE relationship_types (
  "id" text PRIMARY KEY,
  "label_a_to_b" text,
  "label_b_to_a" text,
  "symmetric" boolean,
  "category" text,
  "active" boolean,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX relationship_types__seq ON relationship_types ("_seq");
CREATE TABLE segments (
  "id" text PRIMARY KEY,
  "name" text,
  "kind" text,
  "query" text,
  "description" text,
  "count" double precision,
  "refreshed_at" text,
  "view_columns" text,
  "view_sheet" text,
  "owner" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX segments__seq ON segments ("_seq");
CREATE TABLE segment_members (
  "id" text PRIMARY KEY,
  "segment_id" text,
  "contact_id" text,
  "added_at" text,
  "added_by" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX segment_members__seq ON segment_members ("_seq");
CREATE INDEX segment_members_segment_id ON segment_members ("segment_id");
CREATE INDEX segment_members_contact_id ON segment_members ("contact_id");
CREATE TABLE scores (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "name" text,
  "recency_days" double precision,
  "frequency" double precision,
  "monetary" numeric,
  "r" double precision,
  "f" double precision,
  "m" double precision,
  "rfm_score" double precision,
  "rfm_segment" text,
  "engagement" double precision,
  "hot" boolean,
  "scored_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX scores__seq ON scores ("_seq");
CREATE INDEX scores_contact_id ON scores ("contact_id");
CREATE TABLE trigger_points (
  "id" text PRIMARY KEY,
  "name" text,
  "segment" text,
  "action" text,
  "argument" text,
  "owner" text,
  "active" boolean,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX trigger_points__seq ON trigger_points ("_seq");
CREATE TABLE trigger_log (
  "id" text PRIMARY KEY,
  "rule_id" text,
  "contact_id" text,
  "entered_at" text,
  "left_at" text,
  "outcome" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX trigger_log__seq ON trigger_log ("_seq");
CREATE INDEX trigger_log_rule_id ON trigger_log ("rule_id");
CREATE INDEX trigger_log_contact_id ON trigger_log ("contact_id");
CREATE TABLE imports (
  "id" text PRIMARY KEY,
  "file_name" text,
  "mode" text,
  "status" text,
  "who" text,
  "started_at" text,
  "finished_at" text,
  "encoding" text,
  "delimiter" text,
  "rows" double precision,
  "created" double precision,
  "updated" double precision,
  "skipped" double precision,
  "duplicates_in_file" double precision,
  "errors" double precision,
  "mapping" text,
  "date_order" text,
  "total" double precision,
  "cursor" double precision,
  "linked" text,
  "undone_at" text,
  "note" text,
  "warnings" double precision,
  "upload" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX imports__seq ON imports ("_seq");
CREATE INDEX imports_status ON imports ("status");
CREATE TABLE import_files (
  "id" text PRIMARY KEY,
  "batch" text,
  "part" double precision,
  "data" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX import_files__seq ON import_files ("_seq");
CREATE INDEX import_files_batch ON import_files ("batch");
CREATE TABLE not_duplicates (
  "id" text PRIMARY KEY,
  "contact_a" text,
  "contact_b" text,
  "marked_by" text,
  "marked_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX not_duplicates__seq ON not_duplicates ("_seq");
CREATE INDEX not_duplicates_contact_a ON not_duplicates ("contact_a");
CREATE INDEX not_duplicates_contact_b ON not_duplicates ("contact_b");
CREATE TABLE merges (
  "id" text PRIMARY KEY,
  "survivor" text,
  "merged" text,
  "who" text,
  "when" text,
  "status" text,
  "undone_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX merges__seq ON merges ("_seq");
CREATE INDEX merges_survivor ON merges ("survivor");
CREATE INDEX merges_status ON merges ("status");
CREATE TABLE inbox (
  "id" text PRIMARY KEY,
  "received_at" text,
  "source" text,
  "external_id" text,
  "status" text,
  "content_type" text,
  "body" text,
  "error" text,
  "applied_at" text,
  "contact_id" text,
  "result" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX inbox__seq ON inbox ("_seq");
CREATE INDEX inbox_external_id ON inbox ("external_id");
CREATE INDEX inbox_status ON inbox ("status");
CREATE INDEX inbox_contact_id ON inbox ("contact_id");
CREATE TABLE templates (
  "id" text PRIMARY KEY,
  "name" text,
  "language" text,
  "subject" text,
  "body" text,
  "description" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX templates__seq ON templates ("_seq");
CREATE TABLE mailings (
  "id" text PRIMARY KEY,
  "name" text,
  "template" text,
  "receipt" text,
  "kind" text,
  "audience" text,
  "status" text,
  "created_by" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX mailings__seq ON mailings ("_seq");
CREATE INDEX mailings_status ON mailings ("status");
CREATE TABLE mailing_recipients (
  "id" text PRIMARY KEY,
  "mailing_id" text,
  "contact_id" text,
  "email" text,
  "status" text,
  "reason" text,
  "sent_at" text,
  "error" text,
  "gift_id" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX mailing_recipients__seq ON mailing_recipients ("_seq");
CREATE INDEX mailing_recipients_mailing_id ON mailing_recipients ("mailing_id");
CREATE INDEX mailing_recipients_contact_id ON mailing_recipients ("contact_id");
CREATE INDEX mailing_recipients_email ON mailing_recipients ("email");
CREATE INDEX mailing_recipients_status ON mailing_recipients ("status");
CREATE TABLE newsletter_members (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "platform" text,
  "list_id" text,
  "remote_id" text,
  "email" text,
  "status" text,
  "fields" text,
  "tags" text,
  "changed_at" text,
  "synced_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX newsletter_members__seq ON newsletter_members ("_seq");
CREATE INDEX newsletter_members_contact_id ON newsletter_members ("contact_id");
CREATE INDEX newsletter_members_remote_id ON newsletter_members ("remote_id");
CREATE INDEX newsletter_members_email ON newsletter_members ("email");
CREATE INDEX newsletter_members_status ON newsletter_members ("status");
CREATE TABLE campaign_activity (
  "id" text PRIMARY KEY,
  "contact_id" text,
  "platform" text,
  "campaign_id" text,
  "campaign" text,
  "sent_at" text,
  "email" text,
  "opens" double precision,
  "clicks" double precision,
  "first_at" text,
  "last_at" text,
  "links" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX campaign_activity__seq ON campaign_activity ("_seq");
CREATE INDEX campaign_activity_contact_id ON campaign_activity ("contact_id");
CREATE INDEX campaign_activity_campaign_id ON campaign_activity ("campaign_id");
CREATE INDEX campaign_activity_email ON campaign_activity ("email");
CREATE TABLE staff (
  "id" text PRIMARY KEY,
  "email" text,
  "name" text,
  "role" text,
  "active" boolean,
  "language" text,
  "created_at" text,
  "updated_at" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX staff__seq ON staff ("_seq");
CREATE INDEX staff_email ON staff ("email");
CREATE TABLE settings (
  "id" text PRIMARY KEY,
  "key" text,
  "value" text,
  "description" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX settings__seq ON settings ("_seq");
CREATE INDEX settings_key ON settings ("key");
CREATE TABLE audit_log (
  "id" text PRIMARY KEY,
  "when" text,
  "who" text,
  "action" text,
  "table" text,
  "record_id" text,
  "before" text,
  "after" text,
  "custom" jsonb NOT NULL DEFAULT '{}',
  "_seq" bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX audit_log__seq ON audit_log ("_seq");
CREATE INDEX contacts_search ON contacts USING gin (crm_fold(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("organisation_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("city", '')) gin_trgm_ops);
CREATE INDEX contacts_email_folded ON contacts (lower("email"));
CREATE INDEX contacts_email_2_folded ON contacts (lower("email_2"));
CREATE INDEX contacts_phone_digits ON contacts (crm_digits("phone"));
CREATE INDEX contacts_mobile_digits ON contacts (crm_digits("mobile"));
`;
