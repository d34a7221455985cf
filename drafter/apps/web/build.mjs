// Bundle the three sidebar apps into ../static (committed, so installing drafter needs no Node).
// The SDKs come from the npm registry at the versions package-lock.json pins; nothing loads from
// a CDN at run time. build.json records a hash of every input, and the test suite checks it.
import {build} from "esbuild";
import {createHash} from "node:crypto";
import {copyFileSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static");
const APPS = ["zendesk", "helpscout", "chatwoot"];

await build({
  entryPoints: APPS.map((app) => join(here, "src", `${app}.js`)),
  outdir: out,
  bundle: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "inline",
  logLevel: "warning",
});
copyFileSync(join(here, "src", "panel.css"), join(out, "panel.css"));

const inputs = ["package.json", "package-lock.json", ...readdirSync(join(here, "src")).sort().map((f) => `src/${f}`)];
const digest = createHash("sha256");
for (const name of inputs) digest.update(name + "\0").update(readFileSync(join(here, name))).update("\0");
writeFileSync(join(out, "build.json"), JSON.stringify({inputs, sha256: digest.digest("hex")}, null, 2) + "\n");
console.log(`built ${APPS.join(", ")} into ${out}`);
