// Reading form posts: only string fields, bounded length, no control characters. Every flow validates its
// input through these before touching the database.
import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import type { Translate } from "./views/layout";

export type Form = Record<string, string>;

/** Multipart or urlencoded; files and repeated fields are ignored (first string wins). */
export async function readForm<E extends AppEnv>(c: Context<E>): Promise<Form> {
  const mediaType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType === "application/x-www-form-urlencoded") return readUrlEncoded(c);
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return {};
  }
  const form: Form = {};
  for (const [name, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") form[name] = first;
  }
  return form;
}

/**
 * What a browser's form post is (every form of the portal): parsed as FormData would, from the text that
 * @hono/node-server reads straight from the socket — FormData would first build a web Request and stream.
 */
async function readUrlEncoded<E extends AppEnv>(c: Context<E>): Promise<Form> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return {};
  }
  const form: Form = {};
  for (const [name, value] of new URLSearchParams(text)) if (!Object.hasOwn(form, name)) form[name] = value;
  return form;
}

export type FieldProblem = "required" | "tooLong" | "controlCharacters";

/** The localized message for a field's problem, e.g. "ユーザIDは64文字以内で入力してください。". */
export function problemMessage(tr: Translate, problem: FieldProblem, field: string, max: number): string {
  if (problem === "required") return tr("form.required", { field });
  if (problem === "tooLong") return tr("form.tooLong", { field, max });
  return tr("form.controlCharacters", { field });
}

export interface TextField {
  value: string;
  problem: FieldProblem | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function textField(
  form: Form,
  name: string,
  max: number,
  options: { trim?: boolean } = {},
): TextField {
  const raw = form[name] ?? "";
  const value = options.trim === false ? raw : raw.trim();
  if (value.length === 0) return { value, problem: "required" };
  if ([...value].length > max) return { value: "", problem: "tooLong" };
  if (CONTROL.test(value)) return { value: "", problem: "controlCharacters" };
  return { value, problem: null };
}

/** YYYY-MM-DD that is a real calendar date between 1900-01-01 and today. */
export function parseBirthDate(value: string, today: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date.getTime() > today.getTime()) return null;
  return value.trim();
}

/** A pragmatic address check (one @, a dotted domain, no spaces); the confirmation mail is the real test. */
export function parseEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(email)) return null;
  if (CONTROL.test(email)) return null;
  return email;
}

/**
 * Local redirect targets only ("/path"), never another origin: no "//host", no backslashes (browsers read
 * them as slashes) and no whitespace or control characters (browsers drop tabs and newlines, turning
 * "/\t/host" into "//host").
 */
export function safeLocalPath(value: string | undefined, fallback = "/"): string {
  if (!value || value.length > 2000) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\s\u0000-\u001f\u007f]/.test(value))
    return fallback;
  return value;
}
