// Copies the few front-end files the site needs from node_modules into
// topggz/static/vendor/ (gitignored). Run with `npm run build` after `npm ci`.
// Only named files are copied, never whole packages, so that collectstatic
// and the CSP-protected pages serve exactly what we checked.
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "topggz", "static", "vendor");

// [source inside node_modules, target inside topggz/static/vendor]
const files = [
  ["@utrecht/component-library-css/dist/index.css", "utrecht/component-library.css"],
  ["@utrecht/component-library-css/LICENSE.md", "utrecht/LICENSE.md"],
  ["@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css", "voorbeeld-design-tokens/theme.css"],
  ["@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md", "voorbeeld-design-tokens/LICENSE.md"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["htmx.org/LICENSE", "htmx/LICENSE"],
];

const missing = files.map(([source]) => source).filter((source) => !existsSync(join(modules, source)));
if (missing.length > 0) {
  console.error(`Missing in node_modules (run \`npm ci\` first):\n  ${missing.join("\n  ")}`);
  process.exit(1);
}

// Start clean so files from an older build never linger.
rmSync(vendor, { recursive: true, force: true });
for (const [source, target] of files) {
  const destination = join(vendor, target);
  mkdirSync(dirname(destination), { recursive: true });
  copyFileSync(join(modules, source), destination);
  console.log(`copied ${source} -> topggz/static/vendor/${target}`);
}
