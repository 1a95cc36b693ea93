/** Label normalisation shared by header recognition, schema matching and function input parsing. */

const memo = new Map<string, string>();
const MEMO_LIMIT = 250_000;

/** Lower case, no accents, every run of non-alphanumerics as one space, trimmed. Memoised: labels repeat. */
export function normalizeLabel(s: string): string {
  const hit = memo.get(s);
  if (hit !== undefined) return hit;
  const n = normalizeUncached(s);
  if (s.length <= 200) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, n);
  }
  return n;
}

function normalizeUncached(s: string): string {
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
const normalisedVariants = new WeakMap<readonly string[], string[]>();

export function labelMatches(label: string, variants: readonly string[], mode: "exact" | "contains" = "contains"): boolean {
  const l = normalizeLabel(label);
  if (!l) return false;
  let list = normalisedVariants.get(variants);
  if (!list) {
    list = variants.map(normalizeLabel).filter(Boolean);
    normalisedVariants.set(variants, list);
  }
  for (const n of list) {
    if (l === n) return true;
    if (mode === "contains" && (` ${l} `).includes(` ${n} `)) return true;
  }
  return false;
}
