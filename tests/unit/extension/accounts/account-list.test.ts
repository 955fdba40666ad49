// Account list operations and origin binding rules (pure).
import { describe, expect, it } from "vitest";
import { type Account, newAccount } from "../../../../extension/accounts/account";
import {
  addAccount,
  editAccount,
  moveAccount,
  removeAccount,
  restoreAccount,
} from "../../../../extension/accounts/account-list";
import {
  decideFill,
  FIRST_SCREENFUL,
  firstScreenfulOnAnyPage,
  orderForOrigin,
  webOrigin,
} from "../../../../extension/accounts/origin-binding";
import type { OtpParameters } from "../../../../shared/types";

function params(
  label: string,
  secret = `JBSWY3DPEHPK3PXP${label.toUpperCase().replace(/[^A-Z]/g, "A")}`,
): OtpParameters {
  return { type: "totp", issuer: "KOSMO", label, secret, algorithm: "SHA1", digits: 6, period: 30 };
}

function list(...labels: string[]): Account[] {
  return labels.map((l) => newAccount(params(l), undefined));
}

describe("account list", () => {
  it("asks on a duplicate, then keeps both or replaces in place", () => {
    const accounts = list("a", "b");
    const dup = params("b");
    const asked = addAccount(accounts, dup, undefined, "ask");
    expect(asked.outcome.status).toBe("duplicate");
    expect(asked.accounts).toBe(accounts);
    expect(addAccount(accounts, dup, undefined, "keep-both").accounts).toHaveLength(3);
    const replaced = addAccount(accounts, { ...dup, issuer: "New" }, "https://x.example", "replace");
    expect(replaced.accounts.map((a) => a.issuer)).toEqual(["KOSMO", "New"]);
    expect(replaced.accounts[1]?.id).toBe(accounts[1]?.id);
    expect(replaced.accounts[1]?.origin).toBe("https://x.example");
  });

  it("refuses to grow the vault past 1,000 accounts, but still replaces", () => {
    const full = Array.from({ length: 1000 }, (_, i) => newAccount(params(`u${i}`, `SECRET${i}`), undefined));
    const refused = addAccount(full, params("new", "NEWKEY"), undefined, "keep-both");
    expect(refused.outcome).toEqual({ status: "vault-full" });
    expect(refused.accounts).toBe(full);
    expect(addAccount(full, params("u5", "OTHER"), undefined, "replace").outcome.status).toBe("added");
    expect(addAccount(full.slice(1), params("new", "NEWKEY"), undefined, "ask").outcome.status).toBe("added");
  });

  it("edits names, moves, deletes and restores at the old position", () => {
    const accounts = list("a", "b", "c");
    const [a, b, c] = accounts as [Account, Account, Account];
    expect(editAccount(accounts, b.id, " Bank ", " me ")[1]).toMatchObject({ issuer: "Bank", label: "me" });
    expect(moveAccount(accounts, c.id, -1).map((x) => x.label)).toEqual(["a", "c", "b"]);
    expect(moveAccount(accounts, a.id, -1)).toBe(accounts);
    const removed = removeAccount(accounts, b.id);
    expect(removed.map((x) => x.label)).toEqual(["a", "c"]);
    expect(restoreAccount(removed, b, 1).map((x) => x.label)).toEqual(["a", "b", "c"]);
    expect(restoreAccount(accounts, b, 0)).toBe(accounts);
  });
});

describe("origin binding", () => {
  const bound = newAccount(params("bound"), "https://portal.example");
  const other = newAccount(params("other"), "https://elsewhere.example");
  const free = newAccount(params("free"), undefined);

  it("takes only web origins", () => {
    expect(webOrigin("https://portal.example/login/second-factor?x=1")).toBe("https://portal.example");
    expect(webOrigin("chrome://extensions")).toBeUndefined();
    expect(webOrigin("not a url")).toBeUndefined();
  });

  it("offers the bound account first and fills in one action only on its origin", () => {
    expect(orderForOrigin([free, other, bound], "https://portal.example")[0]).toBe(bound);
    expect(decideFill([free, other, bound], "https://portal.example")).toEqual({
      kind: "fill",
      account: bound,
    });
    expect(decideFill([free, other, bound], "https://phish.example")).toEqual({ kind: "choose" });
    const twice = newAccount(params("second"), "https://portal.example");
    expect(decideFill([bound, twice], "https://portal.example")).toEqual({ kind: "choose" });
  });

  it("picks, for the popup's opening, every account its first screenful can show on any page", () => {
    const sites = ["https://portal.example", "https://bank.example", "https://mail.example"];
    // Unbound accounts, and runs bound to each site, interleaved: seven bound to the portal, more than a screen.
    const accounts = Array.from({ length: 60 }, (_, i) =>
      newAccount(params(`account${i}`), i % 3 === 0 ? undefined : sites[(i * 7) % sites.length]),
    );
    const first = firstScreenfulOnAnyPage(accounts);
    expect(first.length).toBeLessThan(accounts.length);
    for (const page of [undefined, "https://phish.example", ...sites]) {
      const screen = (shown: Account[]) => orderForOrigin(shown, page).slice(0, FIRST_SCREENFUL);
      expect(screen(first)).toEqual(screen(accounts));
    }
    // In the member's order, as the list is.
    expect(first).toEqual(accounts.filter((account) => first.includes(account)));
  });
});
