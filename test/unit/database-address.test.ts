import { readDatabaseAddress, upToDate } from '../../src/services/database/connection';
import { migrationNames } from '../../src/store/sql/migrate';
import { SCHEMA_VERSION } from '../../src/store/sql/schema-version';
import type { Database, KeyValue } from '../../src/ports';
import { toJdbc } from '../../src/gas/jdbc';
import { postgresUrl } from '../../src/node/database-runtime';
import { UserError } from '../../src/store/errors';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as UserError).key;
  }
  return 'accepted';
};

describe('a database address as people paste it', () => {
  it('reads the JDBC form and the postgres:// form hosts show, user and password from it when not given apart', () => {
    expect(readDatabaseAddress({ url: ' jdbc:postgresql://db.example.org/crm ', user: 'crm', password: 's3cret' })).toEqual({
      url: 'jdbc:postgresql://db.example.org:5432/crm',
      user: 'crm',
      password: 's3cret',
    });
    expect(readDatabaseAddress({ url: 'postgres://ana:p%40ss%3Aword@10.0.0.5:6543/members?sslmode=require' })).toEqual({
      url: 'jdbc:postgresql://10.0.0.5:6543/members?sslmode=require',
      user: 'ana',
      password: 'p@ss:word',
    });
    expect(readDatabaseAddress({ url: 'postgresql://u@[2001:db8::1]:5432/crm' }).url).toBe('jdbc:postgresql://[2001:db8::1]:5432/crm');
    // A user typed apart wins over the one in the address.
    expect(readDatabaseAddress({ url: 'postgres://old@h/db', user: 'new' }).user).toBe('new');
  });

  it('refuses other databases, broken addresses and a missing user, with the reason', () => {
    for (const url of ['mysql://u@h/db', 'jdbc:mysql://h:3306/db', 'postgres://u@h:70000/db', 'postgres://u@h', 'postgres://u@h/db;DROP', 'https://example.org', ''])
      expect([url, refusal(() => readDatabaseAddress({ url, user: 'u' }))]).toEqual([url, 'database.error.address']);
    expect(refusal(() => readDatabaseAddress({ url: 'jdbc:postgresql://h:5432/db' }))).toBe('database.error.user');
  });

  it('gives pg the same address back, the password encoded', () => {
    expect(postgresUrl({ url: 'jdbc:postgresql://10.0.0.5:6543/members?sslmode=require', user: 'ana', password: 'p@ss:word' })).toBe(
      'postgres://ana:p%40ss%3Aword@10.0.0.5:6543/members?sslmode=require',
    );
  });
});

describe('JDBC placeholders', () => {
  it('turns $n into ? in order, a $n used twice bound twice, leaving quoted text and function bodies alone', () => {
    expect(toJdbc('SELECT $2, $1, $2', ['a', 'b'])).toEqual({ sql: 'SELECT ?, ?, ?', values: ['b', 'a', 'b'] });
    expect(toJdbc("SELECT '$1 costs', $1 WHERE x = 'it''s $2'", [5, 6])).toEqual({ sql: "SELECT '$1 costs', ? WHERE x = 'it''s $2'", values: [5] });
    expect(toJdbc('CREATE FUNCTION f() AS $$ SELECT $1 $$; SELECT $1', [null]).sql).toBe('CREATE FUNCTION f() AS $$ SELECT $1 $$; SELECT ?');
  });
});

describe('A database connected before this version of the CRM', () => {
  it('is migrated on the first execution that opens it, once, and the last migration is the schema version', () => {
    const properties = new Map<string, string>();
    const kv: KeyValue = { get: (k) => properties.get(k) ?? null, set: (k, v) => void properties.set(k, v), delete: (k) => void properties.delete(k) };
    const migrate = jest.fn(() => ['0003-query']);
    const database: Database = { sql: {} as Database['sql'], tables: new Set<string>(), label: 'db', migrate };
    expect(upToDate(database, kv)).toBe(database);
    expect(upToDate(database, kv)).toBe(database);
    expect(migrate).toHaveBeenCalledTimes(1);
    expect(migrationNames()[migrationNames().length - 1]).toBe(SCHEMA_VERSION);
  });
});
