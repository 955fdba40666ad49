// Rules for member records that operators enter (CLI add / import): pure, shared by both commands.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

export interface MemberInput {
  userId: string;
  name: string;
  birthDate: string;
  initialPassword: string;
}

/** Problems with one record, in the operator's words; empty when the record is fine. */
export function memberInputProblems(input: MemberInput, today: Date = new Date()): string[] {
  const problems: string[] = [];
  if (!USER_ID.test(input.userId)) {
    problems.push(
      `user_id "${input.userId}" must be 3–64 characters: letters, digits, . _ @ - (starting with a letter or digit)`,
    );
  }
  if ([...input.name].length > 100 || CONTROL.test(input.name)) {
    problems.push("name must be at most 100 characters without control characters");
  }
  if (!isBirthDate(input.birthDate, today)) {
    problems.push(
      `birthdate "${input.birthDate}" must be a real date YYYY-MM-DD between 1900-01-01 and today`,
    );
  }
  const length = [...input.initialPassword].length;
  if (length < 8 || length > 128 || CONTROL.test(input.initialPassword)) {
    problems.push("initial_password must be 8–128 characters without control characters");
  }
  return problems;
}

export function isBirthDate(value: string, today: Date): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    y >= 1900 &&
    date.getTime() <= today.getTime()
  );
}
