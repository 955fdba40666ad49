// The member guide, opened on first install: install in Chrome or Edge, set the master password, follow
// manual section 2-5 with this extension. Screenshots are written by the end-to-end run
// (tests/e2e/extension-guide.test.ts) into public/guide/, never drawn by hand.
import { useEffect, useState } from "preact/hooks";
import { send } from "../messaging";
import { currentLanguage, loadLanguage, t } from "./i18n";

function Shot({ name }: { name: string }) {
  const [missing, setMissing] = useState(false);
  if (missing) return null;
  return (
    <figure>
      <img
        src={`/guide/${name}.${currentLanguage()}.png`}
        alt={t(`guideShot_${name.replace(/-/g, "_")}`)}
        onError={() => setMissing(true)}
      />
      <figcaption>{t(`guideShot_${name.replace(/-/g, "_")}`)}</figcaption>
    </figure>
  );
}

function Steps({ prefix, count }: { prefix: string; count: number }) {
  return (
    <ol>
      {Array.from({ length: count }, (_, i) => (
        <li key={i}>{t(`${prefix}${i + 1}`)}</li>
      ))}
    </ol>
  );
}

export function GuidePage() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void send({ type: "get-settings" }).then(async (settings) => {
      await loadLanguage(settings.language);
      document.documentElement.lang = currentLanguage();
      document.title = t("guideTitle");
      setReady(true);
    });
  }, []);
  if (!ready) return <main class="page" aria-busy="true" />;
  return (
    <main class="page">
      <h1>{t("guideTitle")}</h1>
      <p>{t("guideIntro")}</p>
      <section>
        <h2>{t("guideInstallTitle")}</h2>
        <h3>Google Chrome</h3>
        <Steps prefix="guideInstallChrome" count={4} />
        <h3>Microsoft Edge</h3>
        <Steps prefix="guideInstallEdge" count={4} />
      </section>
      <section>
        <h2>{t("guideCreateTitle")}</h2>
        <Steps prefix="guideCreate" count={3} />
        <Shot name="popup-create" />
      </section>
      <section>
        <h2>{t("guideEnrollTitle")}</h2>
        <p>{t("guideEnrollIntro")}</p>
        <Steps prefix="guideEnroll" count={5} />
        <Shot name="popup-add" />
        <Shot name="popup-added" />
        <h3>{t("addScanRegion")}</h3>
        <p>{t("guideRegion")}</p>
        <Shot name="overlay" />
        <h3>{t("addImageFile")}</h3>
        <p>{t("guideImage")}</p>
      </section>
      <section>
        <h2>{t("guideSignInTitle")}</h2>
        <Steps prefix="guideSignIn" count={3} />
        <Shot name="popup-list" />
      </section>
      <section>
        <h2>{t("guideSafetyTitle")}</h2>
        <Steps prefix="guideSafety" count={4} />
      </section>
    </main>
  );
}
