// Lints every cypher/**/*.cypher file with Neo4j's own language support
// (the linter behind Neo4j's editors), as Cypher 5. Ignores only
// "Parameter $x is not defined": parameters are passed by the gateway.
// Usage: node tools/cypher-lint/lint.mjs [cypher-dir]   (exit 1 on any problem)
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { lintCypherQuery } from "@neo4j-cypher/language-support";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, "..", "..", "cypher"));

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith(".cypher")) yield path;
  }
}

const ignored = (d) => /Parameter \$\S+ is not defined/.test(d.message);
let files = 0;
let problems = 0;
for (const path of walk(root)) {
  files += 1;
  const text = readFileSync(path, "utf8");
  const { diagnostics: all } = lintCypherQuery(text, { defaultLanguage: "CYPHER 5" });
  const diagnostics = all.filter((d) => !ignored(d));
  for (const d of diagnostics) {
    problems += 1;
    const line = (d.range?.start?.line ?? 0) + 1;
    const col = (d.range?.start?.character ?? 0) + 1;
    const severity = d.severity === 1 ? "error" : "warning";
    console.log(`${relative(process.cwd(), path)}:${line}:${col}: ${severity}: ${d.message}`);
  }
}
console.log(`cypher lint: ${files} files, ${problems} problem${problems === 1 ? "" : "s"}`);
process.exit(problems > 0 || files === 0 ? 1 : 0);
