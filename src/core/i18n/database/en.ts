/** Messages of the database a CRM moves its big tables to (the Database tab, its refusals). */
export const databaseEn = {
  'database.title': 'Database',
  'database.intro':
    'When the CRM outgrows this spreadsheet (10 million cells, about 60,000 contacts with their history), its big tables (contacts, memberships, gifts, interactions, the log) can live in a PostgreSQL database: Cloud SQL, Supabase, Neon or your own server. Settings, Staff and the lists you edit stay here.',
  'database.url': 'Address',
  'database.url_help': 'jdbc:postgresql://host:5432/name, or the postgres://user:password@host:5432/name your host shows. The server must accept connections from Google’s Apps Script addresses.',
  'database.user': 'User',
  'database.password': 'Password',
  'database.connect': 'Connect and move the data',
  'database.connected': 'Connected to {label}: {rows} rows moved into the database.',
  'database.status_on':
    'The big tables are in {label}. Their sheets on this spreadsheet (Contacts, Donations, Interactions…) stay as they were when the data moved: the CRM no longer reads them, and what is typed there is not seen.',
  'database.status_off': 'Everything is in this spreadsheet.',
  'database.moving':
    '{rows} rows moved so far, and this run’s time is up: press the button again to move the rest (nothing is copied twice). The CRM keeps working on this spreadsheet until every row is there.',
  'database.disconnect': 'Disconnect',
  'database.disconnect_warning': 'The CRM will work on this spreadsheet’s sheets again, as they were when the data moved: what changed since stays in the database. Disconnect?',
  'database.disconnected': 'Disconnected: the CRM works on this spreadsheet again.',
  'database.error.address': 'That is not a PostgreSQL address: write jdbc:postgresql://host:5432/name (or postgres://user:password@host:5432/name).',
  'database.error.user': 'Give the database user.',
  'database.error.refused': 'The database could not be reached or refused the connection: {details}',
  'database.error.not_postgres': 'That database is not PostgreSQL ({details}).',
  'database.error.move_missing': '{table}: the row {id} is not in the database after the copy. Nothing was switched over: connect again to copy it.',
  'database.error.move_differs': '{table} {id}: “{column}” reads back from the database as {stored}, not {typed} as on the sheet. Nothing was switched over; the sheet is unchanged.',
  'database.error.unavailable': 'This CRM cannot reach a database from here.',
};
