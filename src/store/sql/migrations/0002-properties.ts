/** The settings a runtime keeps outside the tables (a document's properties in Google), for a CRM
 *  run on the database alone (the command line, `crm serve --database`). */
export const PROPERTIES_0002 = `
CREATE TABLE crm_properties (
  "key" text PRIMARY KEY,
  "value" text NOT NULL
);
`;
