/** Label normalisation shared by header recognition, schema matching and function input parsing. */

/** Lower case, no accents, every run of non-alphanumerics as one space, trimmed. */
export function normalizeLabel(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

/** A key for option and input names: `Pra-Penyidikan` → `pra_penyidikan`. */
export function normalizeKey(s: string): string {
  return normalizeLabel(s).replace(/%/g, "persen").replace(/ /g, "_");
}

/** True when the normalised label equals one of the variants or contains one as whole words. */
export function labelMatches(label: string, variants: readonly string[], mode: "exact" | "contains" = "contains"): boolean {
  const l = normalizeLabel(label);
  if (!l) return false;
  for (const v of variants) {
    const n = normalizeLabel(v);
    if (!n) continue;
    if (l === n) return true;
    if (mode === "contains" && (` ${l} `).includes(` ${n} `)) return true;
  }
  return false;
}
