// Japanese catalogue (default). Wording of screens follows the KOSMO Web first-login manual.
import { jaAccountSecurity } from "./ja-account-security";

export const ja = {
  // Account security: second factors, the security page, events and notices (manual section 2)
  ...jaAccountSecurity,

  // Frame
  "app.name": "KOSMO Web",
  "app.society": "健康保険組合",
  "app.skipToContent": "本文へ移動",
  "lang.label": "表示言語",
  "lang.ja": "日本語",
  "lang.en": "English",
  "common.logout": "ログアウト",
  "common.next": "次へ",
  "common.toTop": "トップへ戻る",
  "common.toLogin": "ログイン画面へ戻る",
  "common.errorTitle": "エラー",
  "error.csrf": "不正なリクエストです。画面を開き直してから、もう一度お試しください。",
  "error.host": "このアドレスではご利用いただけません。KOSMO Webの正しいアドレスから開いてください。",
  "error.notFound": "お探しのページは見つかりません。",
  "error.server": "システムエラーが発生しました。時間をおいてから、もう一度お試しください。",
  "error.throttled": "しばらく時間をおいてから、もう一度お試しください。",
  "form.required": "{field}を入力してください。",
  "form.tooLong": "{field}は{max}文字以内で入力してください。",
  "form.controlCharacters": "{field}に使用できない文字が含まれています。",
  "form.errorSummary": "入力内容を確認してください。",

  // Sign-in (manual 1-[2])
  "login.title": "ログイン",
  "login.userId": "ユーザID",
  "login.password": "パスワード",
  "login.remember": "ログイン状態の保存",
  "login.submit": "ログイン",
  "login.forgotPassword": "パスワードを忘れた方はこちら",
  "login.forgotUserId": "ユーザIDを忘れた方はこちら",
  "login.failed": "ユーザIDまたはパスワードが正しくありません。",
  "login.signedOut": "ログアウトしました。",
  "login.declinedTerms":
    "利用規約に同意いただけない場合、KOSMO Webはご利用いただけません。ログアウトしました。",

  // First login step machine
  "firstLogin.heading": "初回ログイン設定",
  "firstLogin.progress": "ステップ {step} / {total}",

  // [3] birth date
  "birthDate.title": "生年月日の入力",
  "birthDate.intro": "ご本人確認のため、ご自身の生年月日を入力してください。",
  "birthDate.label": "生年月日",
  "birthDate.hint": "例: 1980-04-01",
  "birthDate.invalid": "生年月日を正しく入力してください。",
  "birthDate.mismatch": "生年月日が登録情報と一致しません。",

  // [4] terms
  "terms.title": "利用規約",
  "terms.intro": "KOSMO Webのご利用にあたり、以下の利用規約をご確認ください。",
  "terms.p1":
    "第1条（目的）本規約は、健康保険組合が提供する加入者向けサービス「KOSMO Web」の利用条件を定めるものです。",
  "terms.p2":
    "第2条（ユーザIDとパスワードの管理）利用者は、ユーザID、パスワードおよび認証に用いる端末を自己の責任で管理し、第三者に利用させてはなりません。",
  "terms.p3":
    "第3条（個人情報）健康保険組合は、利用者の個人情報を法令および組合の個人情報保護方針に従って取り扱います。",
  "terms.p4":
    "第4条（禁止事項）利用者は、不正アクセス、他人へのなりすまし、その他サービスの運営を妨げる行為をしてはなりません。",
  "terms.p5":
    "第5条（変更・停止）健康保険組合は、必要に応じて本サービスの内容を変更し、または提供を停止することがあります。",
  "terms.agree": "同意する",
  "terms.decline": "同意しない",

  // [5]–[7] e-mail
  "email.title": "メールアドレスの設定",
  "email.intro":
    "ワンタイムパスワードやお知らせを受け取るメールアドレスを入力してください。確認用のメールをお送りします。",
  "email.label": "メールアドレス",
  "email.submit": "確認メールを送信",
  "email.invalid": "メールアドレスを正しく入力してください。",
  "email.sent":
    "{email} 宛てに確認メールを送信しました。届いたメールのリンクを開いてメールアドレスの確認を完了したら、この画面に戻って「更新」を押してください。",
  "email.linkLifetime": "メールのリンクの有効期限は24時間です。",
  "email.notYet":
    "メールアドレスの確認はまだ完了していません。メールのリンクを開いてから「更新」を押してください。",
  "email.refresh": "更新",
  "email.resend": "確認メールを再送信",
  "email.resent": "確認メールを再送信しました。",
  "email.delayed":
    "{email} 宛ての確認メールの送信が遅れています。送信でき次第お届けしますので、しばらくしてから「更新」を押してください。届かない場合は「確認メールを再送信」を押してください。",
  "email.failed":
    "{email} 宛ての確認メールを送信できませんでした。メールアドレスを確かめて、「確認メールを再送信」を押してください。",
  "email.cooldown": "確認メールの再送信は、{seconds}秒後から行えます。",
  "email.changeHeading": "別のメールアドレスを設定する",

  // Link opened from the mail
  "verify.title": "メールアドレスの確認",
  "verify.confirmIntro": "{email} を KOSMO Web のメールアドレスとして確認します。",
  "verify.confirm": "メールアドレスを確認する",
  "verify.done": "メールアドレスの確認が完了しました。元の画面に戻り、更新してください。",
  "verify.invalid":
    "このリンクは無効か、有効期限が切れています。元の画面から確認メールを再送信してください。",

  // [8] method
  "method.title": "認証方法の選択",
  "method.intro": "次回以降のログインで使用する認証方法を選択してください。",
  "method.legend": "認証方法",
  "method.passkey": "生体認証",
  "method.passkeyHelp":
    "ご利用端末の顔認証や指紋認証を用いて認証します。※ PCに生体認証機能がない場合でも、スマートフォンの生体認証機能を利用してログインすることができます。",
  "method.totp": "ワンタイムパスワード認証（アプリ）",
  "method.totpHelp": "認証アプリをインストールし、アプリに表示されるワンタイムパスワードを用いて認証します。",
  "method.mail": "ワンタイムパスワード認証（メール）",
  "method.mailHelp": "設定したメールアドレス宛てに送付されるワンタイムパスワードを用いて認証します。",
  "method.otpNote": "※OTPは、ワンタイムパスワードの略です。",
  "method.required": "認証方法を選択してください。",

  // [9] new password
  "password.title": "新しいパスワードの設定",
  "password.intro": "初期パスワードに代わる、新しいパスワードを設定してください。",
  "password.rules":
    "12文字以上128文字以内で入力してください。文字の種類の指定はありません。ユーザID、初期パスワード、よく使われるパスワードは使用できません。",
  "password.rulesChange":
    "12文字以上128文字以内で入力してください。文字の種類の指定はありません。ユーザID、現在のパスワード、よく使われるパスワードは使用できません。",
  "password.new": "新しいパスワード",
  "password.confirm": "新しいパスワード（確認）",
  "password.submit": "パスワードを設定",
  "password.required": "新しいパスワードを入力してください。",
  "password.tooShort": "パスワードは12文字以上で入力してください。",
  "password.tooLong": "パスワードは128文字以内で入力してください。",
  "password.controlCharacters": "パスワードに使用できない文字が含まれています。",
  "password.mismatch": "新しいパスワードと確認用のパスワードが一致しません。",
  "password.sameAsUserId": "ユーザIDと同じパスワードは使用できません。",
  "password.common": "このパスワードはよく使われているため使用できません。別のパスワードを入力してください。",
  "password.sameAsInitial": "初期パスワードと同じパスワードは使用できません。",
  "password.sameAsCurrent": "現在のパスワードと同じパスワードは使用できません。",

  // [10]–[11] complete
  "complete.title": "初回ログインが完了しました",
  "complete.body": "初回ログインの設定が完了しました。",
  "complete.next":
    "選択した認証方法（{method}）の設定を行うため、一度ログアウトし、再度ログインしてください。※続けて設定を行う必要があります。",

  // Top page and services
  "top.title": "トップ",
  "top.welcome": "{name} さん",
  "top.services": "サービス",
  "top.notices": "お知らせ",
  "top.noNotices": "お知らせはありません。",
  "service.medical": "医療費情報",
  "service.checkup": "人間ドック等予約",
  "service.application": "電子申請",
  "service.certificate": "証明書発行申請",
  "service.healthCheck": "健康診断予約",
  "service.travel": "Travel Service",
  "service.eligibility": "資格情報の取得",
  "service.body":
    "このサービスはログインした加入者のみご利用いただけます。（デモ環境のため内容はありません）",

  // Account recovery
  "forgotPassword.title": "パスワードの再設定",
  "forgotPassword.intro":
    "ユーザIDと生年月日を入力してください。確認済みのメールアドレスに、パスワード再設定用のリンクをお送りします。",
  "forgotPassword.submit": "送信",
  "forgotPassword.sent":
    "入力内容が登録情報と一致した場合は、確認済みのメールアドレスにパスワード再設定用のリンクを送信しました。リンクの有効期限は1時間です。",
  "forgotUserId.title": "ユーザIDの確認",
  "forgotUserId.intro":
    "確認済みのメールアドレスと生年月日を入力してください。ユーザIDをメールでお知らせします。",
  "forgotUserId.submit": "送信",
  "forgotUserId.sent":
    "入力内容が登録情報と一致した場合は、そのメールアドレスにユーザIDをお知らせするメールを送信しました。",
  "reset.title": "パスワードの再設定",
  "reset.invalid":
    "このリンクは無効か、有効期限が切れています。もう一度パスワードの再設定をお申し込みください。",
  "reset.done": "パスワードを再設定しました。新しいパスワードでログインしてください。",

  // Mails
  "mail.signature":
    "※このメールは送信専用のアドレスから送信しています。ご返信いただいてもお答えできません。\n健康保険組合 KOSMO Web",
  "mail.verify.subject": "【KOSMOWeb】メールアドレスの確認",
  "mail.verify.body":
    "KOSMO Webのメールアドレス設定を受け付けました。\n次のリンクを開き、メールアドレスの確認を完了してください（有効期限: 24時間、1回のみ有効）。\n\n{link}\n\nお心当たりのない場合は、このメールを破棄してください。",
  "mail.reset.subject": "【KOSMOWeb】パスワード再設定のご案内",
  "mail.reset.body":
    "パスワード再設定のお申し込みを受け付けました。\n次のリンクから新しいパスワードを設定してください（有効期限: 1時間、1回のみ有効）。\n\n{link}\n\nお心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。",
  "mail.userId.subject": "【KOSMOWeb】ユーザIDのお知らせ",
  "mail.userId.body":
    "ユーザIDの確認のお申し込みを受け付けました。\nこのメールアドレスで登録されているユーザIDは次のとおりです。\n\n{userIds}\n\nお心当たりのない場合は、このメールを破棄してください。",

  // Development inbox
  "devMail.title": "開発用メール受信箱",
  "devMail.intro": "開発環境で送信されたメールです（本番環境には表示されません）。",
  "devMail.empty": "メールはありません。",
  "devMail.from": "差出人",
  "devMail.to": "宛先",
  "devMail.subject": "件名",
  "devMail.receivedAt": "受信日時",
  "devMail.back": "受信箱へ戻る",
} as const;

export type MessageKey = keyof typeof ja;
