// Where the end-to-end run writes the member guide. By default (`npm test`) into test-output/guide/, which git
// ignores, so that a test run leaves the tree clean; with GUIDE_UPDATE=1 (`npm run guide`) into the committed
// places: the screenshots the extension ships and the Markdown in docs/.
import path from "node:path";

export const GUIDE_UPDATE = process.env.GUIDE_UPDATE === "1";

/** The committed places, which the member-facing Markdown links between whichever folder it is written to. */
export const COMMITTED_GUIDE_IMAGES = path.resolve("extension/public/guide");
export const COMMITTED_GUIDE_DOCS = path.resolve("docs");

const TEST_OUTPUT = path.resolve("test-output/guide");

export const GUIDE_IMAGES_DIR = GUIDE_UPDATE ? COMMITTED_GUIDE_IMAGES : TEST_OUTPUT;
export const GUIDE_DOCS_DIR = GUIDE_UPDATE ? COMMITTED_GUIDE_DOCS : TEST_OUTPUT;
