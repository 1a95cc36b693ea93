/**
 * Writes samples/lkjip-ntt-2025.xlsx (standard layout, the report's errors included) and
 * samples/known-errors.json. Deterministic: running it twice gives identical bytes.
 *
 *   npx tsc -p tsconfig.build.json && node dist/node/samples/generate.js
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { knownErrors, sampleWorkbookBytes } from "./build.js";

/** The repository root: the nearest folder above this script whose package.json is sakip-excel's. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "sakip-excel") return dir;
      } catch {
        // not ours, keep climbing
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("package root (sakip-excel) not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

async function main(): Promise<void> {
  const root = packageRoot();
  const xlsxPath = resolve(root, "samples", "lkjip-ntt-2025.xlsx");
  const jsonPath = resolve(root, "samples", "known-errors.json");
  const bytes = await sampleWorkbookBytes({ layout: "standard", corrected: false });
  writeFileSync(xlsxPath, bytes);
  const errors = knownErrors();
  writeFileSync(jsonPath, JSON.stringify(errors, null, 2) + "\n");
  process.stdout.write(`wrote ${xlsxPath} (${bytes.length} bytes)\nwrote ${jsonPath} (${errors.length} known errors)\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
