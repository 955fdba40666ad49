// Building and compiling a Kysely query costs about 12 µs, more than running a primary-key lookup on SQLite.
// The queries every signed-in page makes (session, member, notices) are compiled once per database — SQLite
// and PostgreSQL compile differently — and run again with new parameter values.
import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { Database } from "./schema";

type Executor = Pick<Kysely<Database>, "executeQuery">;

/**
 * `build` must make every value a parameter, in the order `run` passes them (Kysely binds values from
 * where()/limit() as parameters, never inline); a count mismatch throws rather than running a wrong query.
 */
export function reusableQuery<Row, Db extends Executor>(
  build: (db: Db) => Compilable<Row>,
): (db: Db, parameters: readonly unknown[]) => Promise<Row[]> {
  const compiled = new WeakMap<Db, CompiledQuery<Row>>();
  return async (db, parameters) => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db).compile();
      compiled.set(db, query);
    }
    if (query.parameters.length !== parameters.length) {
      throw new Error(`query expects ${query.parameters.length} parameters, got ${parameters.length}`);
    }
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
