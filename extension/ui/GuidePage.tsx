// The member guide, opened on first install: install in Chrome or Edge, set the master password, follow
// manual section 2-5 with this extension. Screenshots are written by the end-to-end run
// (tests/e2e/extension-portal.test.ts, on the real portal) into public/guide/, never drawn by hand.
import { useEffect, useState } from "preact/hooks";
import { currentLanguage, loadLanguage, t } from "../i18n";
import { send } from "../messaging";
import { GUIDE_OUTLINE, type GuideBlock, type GuideShot, shotCaptionKey } from "./guide-outline";

function Shot({ name }: { name: GuideShot }) {
  const [missing, setMissing] = useState(false);
  if (missing) return null;
  return (
    <figure>
      <img
        src={`/guide/${name}.${currentLanguage()}.png`}
        alt={t(shotCaptionKey(name))}
        onError={() => setMissing(true)}
      />
      <figcaption>{t(shotCaptionKey(name))}</figcaption>
    </figure>
  );
}

function Block({ block }: { block: GuideBlock }) {
  if (block.kind === "heading") return <h3>{t(block.key)}</h3>;
  if (block.kind === "name") return <h3>{block.text}</h3>;
  if (block.kind === "text") return <p>{t(block.key)}</p>;
  if (block.kind === "shot") return <Shot name={block.name} />;
  return (
    <ol>
      {block.keys.map((key) => (
        <li key={key}>{t(key)}</li>
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
      {GUIDE_OUTLINE.map((section) => (
        <section key={section.title}>
          <h2>{t(section.title)}</h2>
          {section.blocks.map((block, i) => (
            <Block key={i} block={block} />
          ))}
        </section>
      ))}
    </main>
  );
}
