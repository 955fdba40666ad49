// Building and compiling a Kysely query costs about 12 µs, more than running a primary-key lookup on SQLite.
// The queries every signed-in page makes (session + member, notices) and every sign-in makes (member, the
// limiter's attempt) are compiled once per database — SQLite and PostgreSQL compile differently; a
// transaction shares its database's dialect — and run again with new parameter values.
// Kept because the signed-in page misses its target (bench/RESULTS.md, "Portal under load": signed-in top
// page 6,891 req/s against ≥ 10,000, 113 µs per in-process request, run at 38fbef7); compiling these queries
// once took that in-process page from ~180 to ~160 µs when it was added (commit 77053d0), and a sign-in's
// limiter statement was prepared anew on every call before it went through here (signin-cpu merge, 64bcf54).
import type { CompiledQuery, Kysely, QueryExecutorProvider } from "kysely";
import type { Database } from "./schema";

type Executor = Pick<Kysely<Database>, "executeQuery"> & Partial<QueryExecutorProvider>;

/** A query builder, or raw `sql` (whose compile needs the database). */
interface Buildable<Row> {
  compile(executorProvider: QueryExecutorProvider): CompiledQuery<Row>;
}

/**
 * What a compiled query is valid for: the dialect's adapter, which a database and its transactions share (a
 * transaction is a Kysely of its own, made anew each time). The database itself where it does not say.
 */
const dialectOf = (db: Executor): object => db.getExecutor?.().adapter ?? db;

/** Stands in for a named parameter while the query is built; never sent to the database. */
const MARKER = "\u0000reusable-query-parameter:";

/**
 * `reusableQuery<{ id: string }>()((db, param) => db.selectFrom("members").where("id", "=", param("id")))`
 * gives `(db, { id }) => rows`. Every value of the query must come from `param(name)` (Kysely binds values
 * from where()/limit() as parameters, never inline); a value that does not throws at the first call. Raw
 * `sql` works too (its values are parameters; `sql.lit` ones are part of the text).
 */
export function reusableQuery<Parameters extends Record<string, unknown>>() {
  return <Row, Db extends Executor>(
    build: (db: Db, param: <K extends keyof Parameters & string>(name: K) => Parameters[K]) => Buildable<Row>,
  ): ((db: Db, parameters: Parameters) => Promise<Row[]>) => {
    const compiled = new WeakMap<object, { query: CompiledQuery<Row>; names: string[] }>();
    const param = <K extends keyof Parameters & string>(name: K) => `${MARKER}${name}` as Parameters[K];
    return async (db, parameters) => {
      const dialect = dialectOf(db);
      let entry = compiled.get(dialect);
      if (!entry) {
        const query = build(db, param).compile(db as QueryExecutorProvider);
        const names = query.parameters.map((value) => {
          if (typeof value !== "string" || !value.startsWith(MARKER))
            throw new Error(`reusableQuery: a value of "${query.sql}" is not a named parameter`);
          return value.slice(MARKER.length);
        });
        entry = { query, names };
        compiled.set(dialect, entry);
      }
      const values = entry.names.map((name) => parameters[name]);
      const result = await db.executeQuery<Row>({ ...entry.query, parameters: values });
      return result.rows;
    };
  };
}

/**
 * One row into `table`, every column given a named parameter: `reusableInsert<SessionRow>()("sessions",
 * ["id", …])` gives `(db, row) => …`, compiled once per dialect as reusableQuery does.
 */
export function reusableInsert<Row extends Record<string, unknown>>() {
  return (table: keyof Database & string, columns: readonly (keyof Row & string)[]) =>
    reusableQuery<Row>()((db: Kysely<Database>, param) =>
      db.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, param(c)])) as never),
    );
}
