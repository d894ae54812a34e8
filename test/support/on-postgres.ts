// The `postgres` Jest project: the shared suites run with the CRM's big tables in PostgreSQL.
process.env.CRM_TEST_BACKEND = 'postgres';
