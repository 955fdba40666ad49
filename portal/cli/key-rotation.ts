// Re-encrypting everything sealed at rest under a new secret key, in one transaction: TOTP secrets (devices
// and pending set-ups), live mail codes (sealed copy and keyed hash), the sealed tokens of live reset links
// and the outbox's waiting mails. A value that does not open with the current key stops the whole rotation
// and nothing changes. The seal contexts below are the ones the flows seal with.
import type { Kysely } from "kysely";
import { mailOtpCodeHash, mailOtpSealContext } from "../auth/mail-otp";
import type { SecretBox } from "../auth/secret-box";
import type { Database } from "../db/schema";
import { listSealedValues, replaceSealedValue, type SealedTable } from "../db/sealed-values";
import { inTransaction } from "../db/transaction";
import { sealContextOf } from "../mail/outbox";

const CONTEXT: Record<SealedTable, (key: string) => string> = {
  totp_devices: (id) => `totp:${id}`, // flows/totp-setup.ts, flows/second-factor.ts
  totp_enrollments: (sessionId) => `totp-enrollment:${sessionId}`, // flows/totp-setup.ts
  mail_otp_codes: mailOtpSealContext,
  password_resets: (tokenHash) => `password-reset:${tokenHash}`, // flows/account-recovery.ts
  mail_outbox: sealContextOf,
};

export type RotationCounts = Record<SealedTable, number>;

export async function reencryptSealedValues(
  db: Kysely<Database>,
  from: SecretBox,
  to: SecretBox,
): Promise<RotationCounts> {
  return inTransaction(db, async (trx) => {
    const counts: RotationCounts = {
      totp_devices: 0,
      totp_enrollments: 0,
      mail_otp_codes: 0,
      password_resets: 0,
      mail_outbox: 0,
    };
    for (const value of await listSealedValues(trx)) {
      const context = CONTEXT[value.table](value.key);
      let plain: string;
      try {
        plain = from.open(value.sealed, context);
      } catch {
        throw new Error(
          `${value.table} ${value.key}: does not open with the current key; nothing was changed`,
        );
      }
      await replaceSealedValue(trx, {
        ...value,
        resealed: to.seal(plain, context),
        ...(value.table === "mail_otp_codes" ? { codeHash: mailOtpCodeHash(to, value.key, plain) } : {}),
      });
      counts[value.table]++;
    }
    return counts;
  });
}
