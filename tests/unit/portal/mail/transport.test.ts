// sendQuietly: a failing SMTP server is logged for the operator without the recipient's address or the mail.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sendQuietly } from "../../../../portal/mail/transport";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("sendQuietly", () => {
  it("does not throw and logs the failure with addresses and content left out", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = {
      send: () => Promise.reject(new Error("550 5.1.1 <hanako@example.jp>: Recipient address rejected")),
    };
    await sendQuietly(failing, { to: "hanako@example.jp", subject: "s", text: "code 123456" }, "notice");
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0]!.join(" ");
    expect(line).toContain("notice not sent:");
    expect(line).toContain("Recipient address rejected");
    expect(line).not.toContain("hanako@example.jp");
    expect(line).not.toContain("123456");
  });

  it("sends through the mailer when it works", async () => {
    const sent: string[] = [];
    await sendQuietly(
      { send: async (m) => void sent.push(m.to) },
      { to: "a@example.jp", subject: "s", text: "t" },
      "notice",
    );
    expect(sent).toEqual(["a@example.jp"]);
  });
});
