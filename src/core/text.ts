/** Label normalisation shared by header recognition, schema matching and function input parsing. */

const memo = new Map<string, string>();
const MEMO_LIMIT = 250_000;

/** Lower case, no accents, every run of non-alphanumerics as one space, trimmed. Memoised: labels repeat. */
export function normalizeLabel(s: string): string {
  const fast = normalizeAscii(s);
  if (fast !== undefined) return fast;
  const hit = memo.get(s);
  if (hit !== undefined) return hit;
  const n = normalizeUncached(s);
  if (s.length <= 200) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, n);
  }
  return n;
}

/**
 * The same result as `normalizeUncached` for plain ASCII text, without regular expressions or a memo
 * lookup (most labels and cell texts are ASCII). `undefined` for anything else.
 */
function normalizeAscii(s: string): string | undefined {
  const n = s.length;
  let upper = false;
  for (let i = 0; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 128) return undefined;
    if (ch >= 65 && ch <= 90) upper = true;
  }
  const l = upper ? s.toLowerCase() : s;
  // Already normalised (words of [a-z0-9%] separated by single spaces): return it as it is.
  let clean = n > 0;
  for (let i = 0; i < n && clean; i++) {
    const ch = l.charCodeAt(i);
    if (isWordChar(ch)) continue;
    clean = ch === 32 && i > 0 && i < n - 1 && l.charCodeAt(i - 1) !== 32;
  }
  if (clean) return l;
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const w = i < n && isWordChar(l.charCodeAt(i));
    if (w && start < 0) start = i;
    else if (!w && start >= 0) {
      words.push(l.slice(start, i));
      start = -1;
    }
  }
  return words.join(" ");
}

function isWordChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch === 37;
}

/**
 * For an ASCII code (< 128): the character it stands for in a normalised label (letters
 * lower-cased, digits and `%` as they are), 0 for a separator. The fast paths that read labels
 * without normalising them (hashing, first characters) classify characters with it.
 */
export function labelCharCode(ch: number): number {
  if (ch >= 65 && ch <= 90) return ch + 32;
  return isWordChar(ch) ? ch : 0;
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

const normalisedVariants = new WeakMap<readonly string[], string[]>();

/** The variants normalised (and the empty ones dropped), once per variants array. */
function variantList(variants: readonly string[]): string[] {
  let list = normalisedVariants.get(variants);
  if (!list) {
    list = variants.map(normalizeLabel).filter(Boolean);
    normalisedVariants.set(variants, list);
  }
  return list;
}

function matchesList(l: string, list: readonly string[], mode: "exact" | "contains"): boolean {
  if (!l) return false;
  for (const n of list) {
    if (l === n) return true;
    if (mode === "contains" && containsWords(l, n)) return true;
  }
  return false;
}

/** True when `n` stands in `l` as whole words (` ${l} ` includes ` ${n} `), without building strings. */
function containsWords(l: string, n: string): boolean {
  for (let i = l.indexOf(n); i >= 0; i = l.indexOf(n, i + 1)) {
    const end = i + n.length;
    if ((i === 0 || l.charCodeAt(i - 1) === 32) && (end === l.length || l.charCodeAt(end) === 32)) return true;
  }
  return false;
}

/** True when the normalised label equals one of the variants or contains one as whole words. */
export function labelMatches(label: string, variants: readonly string[], mode: "exact" | "contains" = "contains"): boolean {
  return matchesList(normalizeLabel(label), variantList(variants), mode);
}

/** `labelMatches` against fixed variants, for labels already normalised (one list, many labels). */
export function labelMatcher(variants: readonly string[], mode: "exact" | "contains" = "contains"): (normalizedLabel: string) => boolean {
  const list = variantList(variants);
  return (l) => matchesList(l, list, mode);
}
