// Writes generated/<name>.ts for every dashboard in ../: the dashboard JSON as an object literal
// that must satisfy Grafana's published Dashboard type (@grafana/schema), so `tsc --noEmit`
// reports any field of the wrong type, any misspelt or unknown field (excess property check)
// and any missing required one. Enums are compared by their values, as the JSON holds them. Only
// the Prometheus fields of annotation queries, which the schema does not type, are added
// (as-json.ts, DashboardWithPrometheusAnnotations).
import { readdirSync, readFileSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dashboards = join(here, '..');
const out = join(here, 'generated');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const files = readdirSync(dashboards).filter((f) => f.endsWith('.json'));
if (files.length === 0) {
  console.error(`no dashboards in ${dashboards}`);
  process.exit(1);
}
for (const file of files) {
  const json = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
  const name = basename(file, '.json').replace(/[^A-Za-z0-9]/g, '_');
  writeFileSync(join(out, `${name}.ts`), [
    "import type { AsJson, DashboardWithPrometheusAnnotations } from '../as-json';",
    '',
    `export const ${name} = ${JSON.stringify(json, null, 2)} satisfies AsJson<DashboardWithPrometheusAnnotations>;`,
    '',
  ].join('\n'));
  console.log(`generated/${name}.ts from ${file}`);
}
