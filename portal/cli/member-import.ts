// `members import members.csv`: parse and check the whole file first; any bad row is reported with its
// line number and nothing of the file is imported.
import { type MemberInput, memberInputProblems } from "./member-rules";

export const IMPORT_HEADER = ["user_id", "name", "birthdate", "initial_password"] as const;

export interface ImportError {
  line: number;
  message: string;
}

export type ImportResult =
  | { ok: true; members: (MemberInput & { line: number })[] }
  | { ok: false; errors: ImportError[] };

/** RFC 4180 records (quotes, doubled quotes, CRLF, BOM) with the line each record starts on. */
export function parseCsvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      fieldStarted = false;
    } else if (ch === "\r" && input[i + 1] === "\n") {
      // handled with the \n
    } else if (ch === "\n") {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) records.push({ line: recordLine, fields: [...fields, `${field}\u0000unterminated`] });
  else if (field !== "" || fields.length > 0) endRecord();
  return records;
}

export function parseMembersCsv(
  text: string,
  existingUserIds: ReadonlySet<string>,
  today: Date = new Date(),
): ImportResult {
  const records = parseCsvRecords(text);
  const errors: ImportError[] = [];
  const header = records.shift();
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(",") !== IMPORT_HEADER.join(",")) {
    return {
      ok: false,
      errors: [{ line: header?.line ?? 1, message: `the header must be ${IMPORT_HEADER.join(",")}` }],
    };
  }
  const seen = new Map<string, number>();
  const members: (MemberInput & { line: number })[] = [];
  for (const { line, fields } of records) {
    if (fields.some((f) => f.endsWith("\u0000unterminated"))) {
      errors.push({ line, message: "unterminated quoted field" });
      continue;
    }
    if (fields.length !== IMPORT_HEADER.length) {
      errors.push({ line, message: `expected ${IMPORT_HEADER.length} fields, found ${fields.length}` });
      continue;
    }
    const [userId, name, birthDate, initialPassword] = fields.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
    ];
    const input = { userId, name, birthDate, initialPassword };
    for (const problem of memberInputProblems(input, today)) errors.push({ line, message: problem });
    const key = userId.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) errors.push({ line, message: `user_id "${userId}" repeats line ${earlier}` });
    else seen.set(key, line);
    if (existingUserIds.has(key)) errors.push({ line, message: `user_id "${userId}" already exists` });
    members.push({ ...input, line });
  }
  if (members.length === 0 && errors.length === 0)
    errors.push({ line: 2, message: "the file has no member rows" });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, members };
}
