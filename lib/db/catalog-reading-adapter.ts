import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { splitConnectionLimit } from './connection-url';

// The schema engine reads a database's structure from Postgres's catalogs, which use the
// one-byte "char" type (pg_constraint.contype, pg_class.relkind...). @prisma/adapter-pg
// rejects that type as unsupported, and the engine expects those columns typed as
// Character. So the pg client reports "char" columns as text (which is how pg already
// parses them) and marks their positions on the rows array, which the adapter hands back
// unchanged; the adapter wrapper then retypes them as Character.

const CHAR_OID = 18;
const TEXT_OID = 25;
const CHAR_COLUMNS = Symbol('char columns');

type MarkedRows = unknown[] & { [CHAR_COLUMNS]?: number[] };

function markCharColumns(result: pg.QueryResult | undefined): void {
  const charColumns: number[] = [];
  result?.fields?.forEach((field, index) => {
    if (field.dataTypeID !== CHAR_OID) return;
    field.dataTypeID = TEXT_OID;
    charColumns.push(index);
  });
  if (result && charColumns.length) (result.rows as MarkedRows)[CHAR_COLUMNS] = charColumns;
}

type QueryCallback = (error: Error | null, result: pg.QueryResult | undefined) => void;

class CatalogReadingClient extends pg.Client {
  // @ts-expect-error -- pg's overloads cannot be restated: called with or without a callback.
  override query(...args: unknown[]) {
    const query = super.query as (...queryArgs: unknown[]) => unknown;
    const last = args.at(-1);
    if (typeof last === 'function') {
      const callback = last as QueryCallback;
      return query.call(this, ...args.slice(0, -1), ((error, result) => {
        markCharColumns(result);
        callback(error, result);
      }) satisfies QueryCallback);
    }
    return (query.call(this, ...args) as Promise<pg.QueryResult>).then((result) => {
      markCharColumns(result);
      return result;
    });
  }
}

function retypeCharColumns(result: SqlResultSet): SqlResultSet {
  const charColumns = (result.rows as MarkedRows)[CHAR_COLUMNS] ?? [];
  const columnTypes = [...result.columnTypes];
  for (const index of charColumns) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...result, columnTypes };
}

function readingCatalogs<T extends SqlQueryable>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      if (property === 'queryRaw') {
        return (query: Parameters<SqlQueryable['queryRaw']>[0]) =>
          target.queryRaw(query).then(retypeCharColumns);
      }
      if (property === 'startTransaction') {
        return (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
          (target as unknown as SqlDriverAdapter)
            .startTransaction(...args)
            .then((transaction) => readingCatalogs(transaction));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type ShadowDatabase = 'create-on-server' | 'same-database';

/**
 * A driver adapter factory for the schema engine on a single pooled connection (the embedded
 * PGlite server must not see one client's statements interleaved). `same-database` lets a
 * throwaway database double as the engine's scratch ("shadow") database.
 */
export function catalogReadingAdapterFactory(
  pool: pg.Pool,
  shadowDatabase: ShadowDatabase,
): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPg(pool);
  const connect = () => base.connect().then(readingCatalogs);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect,
    connectToShadowDb:
      shadowDatabase === 'same-database'
        ? connect
        : () => base.connectToShadowDb().then(readingCatalogs),
  };
}

/** A pool whose clients can read the catalogs' "char" columns (see above). */
export function catalogReadingPool(url: string): pg.Pool {
  return new pg.Pool({
    connectionString: splitConnectionLimit(url).connectionString,
    max: 1,
    Client: CatalogReadingClient as unknown as typeof pg.Client,
  });
}
