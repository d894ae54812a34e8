import { Postgres } from '../../src/node/postgres';
import type { SqlValue } from '../../src/ports/database';

/** A statement the script sent, as the database received it. */
export interface SentStatement {
  sql: string;
  params: SqlValue[];
}

/** Apps Script's JDBC service, run against a real PostgreSQL server (the tests' own) through the Node
 *  adapter: what the bundle's JDBC adapter sends is executed for real. Strict where Apps Script is: only
 *  `jdbc:` addresses, one connection used after close refused, parameters 1-based and all bound. */
export function createJdbc(options: { host?: string } = {}) {
  const sent: SentStatement[] = [];
  const opened: string[] = [];
  const getConnection = (url: string, user: string, password: string) => {
    const match = /^jdbc:postgresql:\/\/([^/:]+):(\d+)\/([^?]+)(\?.*)?$/.exec(url);
    if (!match || (options.host && match[1] !== options.host)) throw new Error('Failed to establish a database connection. Check connection string, username and password.');
    if (!/(^|[?&])stringtype=unspecified/.test(match[4] ?? '')) throw new Error('test double: the CRM always asks for stringtype=unspecified');
    const pg = new Postgres(`postgres://${encodeURIComponent(user)}${password ? ':' + encodeURIComponent(password) : ''}@${match[1]}:${match[2]}/${match[3]}`);
    try {
      pg.query('SELECT 1');
    } catch (error) {
      pg.close();
      throw new Error(`Failed to establish a database connection. Check connection string, username and password. (${(error as Error).message})`);
    }
    opened.push(url);
    let closed = false;
    let autoCommit = true;
    const live = () => {
      if (closed) throw new Error('This connection has been closed.');
    };
    const run = (sql: string, params: SqlValue[]) => {
      let n = 0;
      const text = sql.replace(/'(?:[^']|'')*'|\$\$[\s\S]*?\$\$|\?/g, (whole) => (whole === '?' ? `$${++n}` : whole));
      if (n !== params.length) throw new Error(`The parameter count ${params.length} does not match the statement's ${n}.`);
      sent.push({ sql, params: [...params] });
      return pg.query(text, params);
    };
    const prepareStatement = (sql: string) => {
      live();
      let params: SqlValue[] = [];
      const batch: SqlValue[][] = [];
      let rows: Record<string, SqlValue>[] | null = null;
      const set = (at: number, value: SqlValue) => {
        if (!Number.isInteger(at) || at < 1) throw new Error(`Invalid parameter index ${at}`);
        params[at - 1] = value;
      };
      return {
        setString: (at: number, v: string) => set(at, String(v)),
        setInt: (at: number, v: number) => set(at, Math.trunc(v)),
        setDouble: (at: number, v: number) => set(at, v),
        setBoolean: (at: number, v: boolean) => set(at, !!v),
        setNull: (at: number) => set(at, null),
        addBatch: () => {
          batch.push(params);
          params = [];
        },
        executeBatch: () => batch.splice(0).map((p) => (run(sql, p), 1)),
        execute: () => {
          const result = run(sql, params);
          const returns = /^\s*(select|with|values|show)\b|\breturning\b/i.test(sql);
          rows = returns ? result : null;
          return returns;
        },
        getResultSet: () => resultSet(rows ?? []),
        close: () => undefined,
      };
    };
    return {
      prepareStatement,
      setAutoCommit: (on: boolean) => {
        live();
        if (on === autoCommit) return;
        pg.query(on ? 'COMMIT' : 'BEGIN');
        autoCommit = on;
      },
      commit: () => {
        live();
        if (autoCommit) throw new Error('Cannot commit when autoCommit is enabled.');
        pg.query('COMMIT');
        pg.query('BEGIN');
      },
      rollback: () => {
        live();
        if (autoCommit) throw new Error('Cannot rollback when autoCommit is enabled.');
        pg.query('ROLLBACK');
        pg.query('BEGIN');
      },
      close: () => {
        if (closed) return;
        if (!autoCommit) pg.query('ROLLBACK');
        closed = true;
        pg.close();
      },
      isClosed: () => closed,
    };
  };
  return { Jdbc: { getConnection }, sent, opened };
}

/** java.sql.Types by what the Node driver gave back. */
const typeOf = (value: unknown) => (typeof value === 'number' ? 8 : typeof value === 'boolean' ? 16 : value !== null && typeof value === 'object' ? 1111 : 12);

function resultSet(rows: Record<string, unknown>[]) {
  const names = rows.length ? Object.keys(rows[0]) : [];
  let at = -1;
  return {
    getMetaData: () => ({
      getColumnCount: () => names.length,
      getColumnLabel: (k: number) => names[k - 1],
      getColumnType: (k: number) => typeOf(rows.find((r) => r[names[k - 1]] !== null)?.[names[k - 1]] ?? null),
    }),
    next: () => ++at < rows.length,
    getString: (k: number) => {
      const value = rows[at][names[k - 1]];
      if (value === null || value === undefined) return null;
      if (typeof value === 'boolean') return value ? 't' : 'f';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    },
    close: () => undefined,
  };
}
