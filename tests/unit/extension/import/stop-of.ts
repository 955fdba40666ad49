// The outcome of a file read that is expected to stop (refused, or a password question), or "parsed".
import { ImportStop } from "../../../../extension/import/limits";

export async function stopOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportStop) return error.outcome;
    throw error;
  }
  return "parsed";
}
