// English catalogue: the same keys as ja.ts (a missing key is a compile error).
import { enAccountSecurity } from "./en-account-security";
import type { MessageKey } from "./ja";

export const en: Record<MessageKey, string> = {
  // Account security: second factors, the security page, events and notices (manual section 2)
  ...enAccountSecurity,

  "app.name": "KOSMO Web",
  "app.society": "Health Insurance Society",
  "app.skipToContent": "Skip to content",
  "lang.label": "Language",
  "lang.ja": "日本語",
  "lang.en": "English",
  "common.logout": "Sign out",
  "common.next": "Next",
  "common.toTop": "Back to the top page",
  "common.toLogin": "Back to sign-in",
  "common.errorTitle": "Error",
  "error.csrf": "This request was refused. Open the page again and retry.",
  "error.host": "This address is not served. Open KOSMO Web at its published address.",
  "error.notFound": "The page you are looking for does not exist.",
  "error.server": "A system error occurred. Please try again later.",
  "error.throttled": "Please wait a while and try again.",
  "form.required": "Enter {field}.",
  "form.tooLong": "{field} must be at most {max} characters.",
  "form.controlCharacters": "{field} contains characters that cannot be used.",
  "form.errorSummary": "Please check your input.",

  "login.title": "Sign in",
  "login.userId": "User ID",
  "login.password": "Password",
  "login.remember": "Keep me signed in",
  "login.submit": "Sign in",
  "login.forgotPassword": "Forgot your password?",
  "login.forgotUserId": "Forgot your user ID?",
  "login.failed": "The user ID or password is incorrect.",
  "login.signedOut": "You have signed out.",
  "login.declinedTerms":
    "KOSMO Web cannot be used without agreeing to the terms of use. You have been signed out.",

  "firstLogin.heading": "First sign-in set-up",
  "firstLogin.progress": "Step {step} of {total}",

  "birthDate.title": "Date of birth",
  "birthDate.intro": "To confirm your identity, enter your date of birth.",
  "birthDate.label": "Date of birth",
  "birthDate.hint": "Example: 1980-04-01",
  "birthDate.invalid": "Enter a valid date of birth.",
  "birthDate.mismatch": "The date of birth does not match our records.",

  "terms.title": "Terms of use",
  "terms.intro": "Please read the terms of use of KOSMO Web.",
  "terms.p1":
    "Article 1 (Purpose) These terms govern the use of KOSMO Web, the member service of the health insurance society.",
  "terms.p2":
    "Article 2 (Credentials) Members keep their user ID, password and authentication devices under their own control and must not let others use them.",
  "terms.p3":
    "Article 3 (Personal data) The society handles personal data according to the law and its privacy policy.",
  "terms.p4":
    "Article 4 (Prohibited acts) Members must not attempt unauthorised access, impersonate others or disrupt the service.",
  "terms.p5": "Article 5 (Changes) The society may change or suspend the service when necessary.",
  "terms.agree": "I agree",
  "terms.decline": "I do not agree",

  "email.title": "E-mail address",
  "email.intro":
    "Enter the address where you will receive one-time passwords and notices. We will send a confirmation mail.",
  "email.label": "E-mail address",
  "email.submit": "Send confirmation mail",
  "email.invalid": "Enter a valid e-mail address.",
  "email.sent":
    "A confirmation mail was sent to {email}. Open it, follow the link to confirm the address, then come back to this screen and press “Refresh”.",
  "email.linkLifetime": "The link in the mail is valid for 24 hours.",
  "email.notYet": "The address is not confirmed yet. Open the link in the mail, then press “Refresh”.",
  "email.refresh": "Refresh",
  "email.resend": "Resend confirmation mail",
  "email.resent": "The confirmation mail was sent again.",
  "email.delayed":
    "The confirmation mail to {email} is delayed. It will be sent as soon as possible: press “Refresh” in a moment. If it does not arrive, press “Resend confirmation mail”.",
  "email.failed":
    "The confirmation mail to {email} could not be sent. Check the address and press “Resend confirmation mail”.",
  "email.cooldown": "You can resend the confirmation mail in {seconds} seconds.",
  "email.changeHeading": "Use a different e-mail address",

  "verify.title": "Confirm e-mail address",
  "verify.confirmIntro": "Confirm {email} as your KOSMO Web e-mail address.",
  "verify.confirm": "Confirm e-mail address",
  "verify.done": "Your e-mail address is confirmed. Go back to the original screen and refresh it.",
  "verify.invalid":
    "This link is invalid or has expired. Send a new confirmation mail from the original screen.",

  "method.title": "Choose an authentication method",
  "method.intro": "Choose the method you will use to sign in from now on.",
  "method.legend": "Authentication method",
  "method.passkey": "Biometrics (passkey)",
  "method.passkeyHelp":
    "Sign in with the face or fingerprint recognition of your device. Even if your PC has none, you can sign in with your smartphone's biometrics.",
  "method.totp": "One-time password (app)",
  "method.totpHelp": "Install an authenticator app and sign in with the one-time password it shows.",
  "method.mail": "One-time password (e-mail)",
  "method.mailHelp": "Sign in with a one-time password sent to your e-mail address.",
  "method.otpNote": "OTP stands for one-time password.",
  "method.required": "Choose an authentication method.",

  "password.title": "Set a new password",
  "password.intro": "Set a new password to replace your initial password.",
  "password.rules":
    "12 to 128 characters, any characters. Your user ID, your initial password and common passwords cannot be used.",
  "password.rulesChange":
    "12 to 128 characters, any characters. Your user ID, your current password and common passwords cannot be used.",
  "password.new": "New password",
  "password.confirm": "New password (again)",
  "password.submit": "Set password",
  "password.required": "Enter a new password.",
  "password.tooShort": "The password must be at least 12 characters long.",
  "password.tooLong": "The password must be at most 128 characters long.",
  "password.controlCharacters": "The password contains characters that cannot be used.",
  "password.mismatch": "The two passwords do not match.",
  "password.sameAsUserId": "The password cannot be your user ID.",
  "password.common": "This password is too common. Choose another one.",
  "password.sameAsInitial": "The password cannot be your initial password.",
  "password.sameAsCurrent": "The new password must differ from your current password.",

  "complete.title": "First sign-in complete",
  "complete.body": "Your first sign-in set-up is complete.",
  "complete.next":
    "To set up the method you chose ({method}), sign out now and sign in again. The set-up must be continued.",

  "top.title": "Top",
  "top.welcome": "{name}",
  "top.services": "Services",
  "top.notices": "Notices",
  "top.noNotices": "There are no notices.",
  "service.medical": "Medical expenses",
  "service.checkup": "Comprehensive check-up booking",
  "service.application": "Online applications",
  "service.certificate": "Certificate requests",
  "service.healthCheck": "Health check booking",
  "service.travel": "Travel Service",
  "service.eligibility": "Eligibility information",
  "service.body": "This service is available to signed-in members only. (Demo environment: no content.)",

  "forgotPassword.title": "Reset password",
  "forgotPassword.intro":
    "Enter your user ID and date of birth. We will send a link to reset your password to your confirmed e-mail address.",
  "forgotPassword.submit": "Send",
  "forgotPassword.sent":
    "If the details match our records, a password reset link was sent to the confirmed e-mail address. The link is valid for 1 hour.",
  "forgotUserId.title": "Find your user ID",
  "forgotUserId.intro":
    "Enter your confirmed e-mail address and date of birth. We will mail you your user ID.",
  "forgotUserId.submit": "Send",
  "forgotUserId.sent": "If the details match our records, your user ID was sent to that e-mail address.",
  "reset.title": "Reset password",
  "reset.invalid": "This link is invalid or has expired. Please request a new password reset.",
  "reset.done": "Your password was reset. Sign in with your new password.",

  "mail.signature": "This mail was sent from a no-reply address.\nKOSMO Web, Health Insurance Society",
  "mail.verify.subject": "[KOSMOWeb] Confirm your e-mail address",
  "mail.verify.body":
    "We received your e-mail address for KOSMO Web.\nOpen this link to confirm it (valid for 24 hours, once):\n\n{link}\n\nIf you did not request this, ignore this mail.",
  "mail.reset.subject": "[KOSMOWeb] Reset your password",
  "mail.reset.body":
    "We received a request to reset your password.\nSet a new password with this link (valid for 1 hour, once):\n\n{link}\n\nIf you did not request this, ignore this mail; your password stays unchanged.",
  "mail.userId.subject": "[KOSMOWeb] Your user ID",
  "mail.userId.body":
    "We received a request for your user ID.\nThe user IDs registered with this address:\n\n{userIds}\n\nIf you did not request this, ignore this mail.",

  "devMail.title": "Development mail inbox",
  "devMail.intro": "Mails sent in the development environment (not available in production).",
  "devMail.empty": "No mail.",
  "devMail.from": "From",
  "devMail.to": "To",
  "devMail.subject": "Subject",
  "devMail.receivedAt": "Received",
  "devMail.back": "Back to the inbox",
};
