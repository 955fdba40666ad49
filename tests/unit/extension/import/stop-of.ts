// The outcome of a file read that is expected to stop (refused, or a password question), or "parsed"; and
// what every format's plain and encrypted files must do alike.
import { expect } from "vitest";
import { detectAndParse } from "../../../../extension/import/detect-and-parse";
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

/** An encrypted file asks for its password, refuses `wrong` (the right one but for case or a letter), and parses with `password`. */
export async function openWithPasswordOnly(file: Uint8Array, password: string, wrong: string) {
  expect(await stopOf(detectAndParse(file))).toBe("needs-password");
  expect(await stopOf(detectAndParse(file, wrong))).toBe("wrong-password");
  return detectAndParse(file, password);
}

/** A plain (unencrypted) file is recognised as `format` and read without a password question. */
export async function readPlain(text: string, format: string) {
  const parsed = await detectAndParse(new TextEncoder().encode(text));
  expect(parsed).toMatchObject({ format, encrypted: false });
  return parsed;
}
