// The winner of a conditional write: of two racing requests whose UPDATE or DELETE has the same condition,
// the database lets one change the row and the other change nothing.
import type { DeleteResult, UpdateResult } from "kysely";

/** Runs the statement; true when it changed exactly one row. */
export async function changedOneRow(statement: {
  executeTakeFirst(): Promise<UpdateResult | DeleteResult>;
}): Promise<boolean> {
  const result = await statement.executeTakeFirst();
  return Number("numUpdatedRows" in result ? result.numUpdatedRows : result.numDeletedRows) === 1;
}
