// An HOTP code is used once, so showing the next one (the popup's "next code") and filling one both move the
// stored counter on. Both go through here: one serialised vault write that takes the code at the stored counter
// and advances it, so two fills at once can never hand out the same code.
import { generateCode } from "../../shared/totp";
import type { Account } from "../accounts/account";
import { advanceCounter } from "../accounts/account-list";
import { updateVault } from "../vault/vault-store";

/** The code at `id`'s stored counter (null when it is no HOTP account) and the accounts after advancing it. */
export function takeHotpCode(id: string): Promise<{ code: string | null; accounts: Account[] }> {
  return updateVault((data) => {
    const account = data.accounts.find((a) => a.id === id && a.type === "hotp");
    const accounts = advanceCounter(data.accounts, id);
    return { data: { accounts }, result: { code: account ? generateCode(account) : null, accounts } };
  });
}
