/**
 * Indonesian (id-ID) number reading and writing.
 *
 * In id-ID `.` groups thousands and `,` is the decimal mark: `1.234.567,89`. Government workbooks
 * also carry numbers typed the English way (`99.01`), numbers stored as text, Rupiah amounts
 * (`Rp 5.679.617.677,-`) and percentages. `parseIdNumber` reads all of these, says which convention
 * it used, and refuses what cannot be a number, with a reason. A thousands group that does not have
 * three digits (`23.2547`) is its own failure kind, with the values that were probably meant.
 */

export type NumberConvention = "id" | "en" | "plain";

export type ParseFailureKind = "empty" | "not_number" | "broken_grouping" | "error_value";

export interface ParsedNumber {
  ok: true;
  /** The value with Excel semantics: `95,73%` is 0.9573. */
  value: number;
  convention: NumberConvention;
  percent: boolean;
  currency: boolean;
}

export interface ParseFailure {
  ok: false;
  kind: ParseFailureKind;
  messageId: string;
  messageEn: string;
  /** For broken grouping: the values the writer probably meant, most plausible first. */
  candidates?: number[];
}

export type ParseResult = ParsedNumber | ParseFailure;

const DASHES = new Set(["-", "–", "—", "--", "―"]);
const ERROR_LITERAL = /^#(?:VALUE!|DIV\/0!|NUM!|N\/A|REF!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

function failure(kind: ParseFailureKind, messageId: string, messageEn: string, candidates?: number[]): ParseFailure {
  return candidates ? { ok: false, kind, messageId, messageEn, candidates } : { ok: false, kind, messageId, messageEn };
}

/** True when `groups` (split on the grouping mark) form valid thousands grouping: 1–3 digits, then threes. */
function validGrouping(groups: string[]): boolean {
  const first = groups[0] ?? "";
  if (first.length < 1 || first.length > 3) return false;
  if (groups.length > 1 && first === "0") return false;
  for (let i = 1; i < groups.length; i++) if ((groups[i] ?? "").length !== 3) return false;
  return true;
}

/**
 * For a broken id-ID grouping, the integers the writer probably meant: every group of four digits
 * with one digit dropped (a doubled keystroke), every group of two with the value padded
 * nowhere (left out: too many guesses). Ordered by the position of the dropped digit from the end,
 * since an extra last digit is the most common slip.
 */
function groupingCandidates(groups: string[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  groups.forEach((g, gi) => {
    if (gi === 0 || g.length !== 4) return;
    for (let drop = g.length - 1; drop >= 0; drop--) {
      const fixed = g.slice(0, drop) + g.slice(drop + 1);
      const all = groups.map((x, i) => (i === gi ? fixed : x));
      if (!validGrouping(all)) continue;
      const v = Number(all.join(""));
      if (!seen.has(v)) {
        seen.add(v);
        out.push(v);
      }
    }
  });
  return out;
}

interface Body {
  value: number;
  convention: NumberConvention;
}

function parseBody(body: string): Body | ParseFailure {
  const dots = body.split(".").length - 1;
  const commas = body.split(",").length - 1;
  if (!/^[0-9.,]+$/.test(body) || !/[0-9]/.test(body) || /^[.,]|[.,]$/.test(body) || /[.,]{2}/.test(body)) {
    return failure("not_number", `"${body}" bukan angka`, `"${body}" is not a number`);
  }
  if (dots === 0 && commas === 0) return { value: Number(body), convention: "plain" };

  if (dots > 0 && commas > 0) {
    const lastDot = body.lastIndexOf(".");
    const lastComma = body.lastIndexOf(",");
    const decimalMark = lastComma > lastDot ? "," : ".";
    const groupMark = decimalMark === "," ? "." : ",";
    const [intPart = "", fracPart = "", ...rest] = body.split(decimalMark);
    if (rest.length > 0 || fracPart.includes(groupMark)) {
      return failure("not_number", `"${body}" memuat lebih dari satu tanda desimal`, `"${body}" has more than one decimal mark`);
    }
    const groups = intPart.split(groupMark);
    if (!validGrouping(groups)) {
      return failure(
        "broken_grouping",
        `pengelompokan ribuan "${body}" rusak: setiap kelompok setelah pemisah harus 3 digit`,
        `broken thousands grouping in "${body}": every group after a separator must have 3 digits`,
        groupingCandidates(groups).map((v) => v + Number(`0.${fracPart}`)),
      );
    }
    return { value: Number(`${groups.join("")}.${fracPart}`), convention: decimalMark === "," ? "id" : "en" };
  }

  if (commas > 0) {
    if (commas === 1) {
      const [a = "", b = ""] = body.split(",");
      return { value: Number(`${a}.${b}`), convention: "id" };
    }
    const groups = body.split(",");
    if (validGrouping(groups)) return { value: Number(groups.join("")), convention: "en" };
    return failure("not_number", `"${body}" memuat beberapa koma tanpa pola ribuan`, `"${body}" has several commas but no thousands pattern`);
  }

  // Only dots.
  const groups = body.split(".");
  if (dots > 1) {
    if (validGrouping(groups)) return { value: Number(groups.join("")), convention: "id" };
    const candidates = groupingCandidates(groups);
    return brokenGrouping(body, candidates);
  }
  const [a = "", b = ""] = groups;
  if (b.length === 3 && a.length <= 3 && a !== "0") return { value: Number(a + b), convention: "id" };
  if (b.length >= 4 && a.length <= 3 && a !== "0") return brokenGrouping(body, groupingCandidates(groups));
  // `99.01`, `0.5`, `1234.5`: an English decimal point.
  return { value: Number(`${a}.${b}`), convention: "en" };
}

function brokenGrouping(body: string, candidates: number[]): ParseFailure {
  const guess = candidates.length ? candidates.map((c) => formatIdNumber(c, 0)).join(" / ") : "";
  return failure(
    "broken_grouping",
    `pengelompokan ribuan "${body}" rusak (ada kelompok yang tidak 3 digit)${guess ? `; mungkin maksudnya ${guess}` : ""}`,
    `broken thousands grouping in "${body}" (a group without 3 digits)${guess ? `; probably meant ${guess.replace(/\./g, ",")}` : ""}`,
    candidates,
  );
}

/**
 * A letter other than those of "Rp", "IDR" or an exponent (all but d, e, i, p, r): a text holding
 * one is never a number, a broken number, a dash or blank for `parseIdNumber`.
 */
export function hasNonNumberLetter(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    const lower = ch | 0x20;
    if (((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122)) && lower !== 100 && lower !== 101 && lower !== 105 && lower !== 112 && lower !== 114) return true;
  }
  return false;
}

/** Parse a number written the Indonesian way (or recognisably the English way). Never throws. */
export function parseIdNumber(input: string): ParseResult {
  // A letter other than those of "Rp", "IDR" or an exponent cannot be part of a number: most label
  // texts stop here, before the regular expressions below (error literals such as #REF! aside).
  if (hasNonNumberLetter(input)) {
    const t = input.replace(/[\u00a0\u202f\u2007]/g, " ").trim();
    if (ERROR_LITERAL.test(t)) return failure("error_value", `nilai galat ${t.toUpperCase()}`, `error value ${t.toUpperCase()}`);
    return failure("not_number", `"${input.trim()}" bukan angka`, `"${input.trim()}" is not a number`);
  }
  let s = input.replace(/[\u00a0\u202f\u2007]/g, " ").trim();
  if (s === "") return failure("empty", "sel kosong", "empty cell");
  if (DASHES.has(s)) return failure("empty", `"${s}" (tanda strip) berarti tidak ada data`, `"${s}" (a dash) means no data`);
  if (ERROR_LITERAL.test(s)) return failure("error_value", `nilai galat ${s.toUpperCase()}`, `error value ${s.toUpperCase()}`);

  let currency = false;
  const cur = /^(?:rp\.?|idr)\s*/i.exec(s);
  if (cur) {
    currency = true;
    s = s.slice(cur[0].length).trim();
  }
  // Rupiah amounts often end in ",-" or ",00,-": the dash closes the amount.
  s = s.replace(/(?:,-+|\.-+|,—|-+)$/, "").trim();

  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-") || s.startsWith("−")) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) {
    s = s.slice(1).trim();
  }

  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (!currency) {
    const cur2 = /^(?:rp\.?|idr)\s*/i.exec(s);
    if (cur2) {
      currency = true;
      s = s.slice(cur2[0].length).trim();
    }
  }

  // Spaces as thousands separators: `1 234 567`.
  if (/\s/.test(s)) {
    if (/^\d{1,3}( \d{3})+(?:[.,]\d+)?$/.test(s)) s = s.replace(/ /g, "");
    else return failure("not_number", `"${input.trim()}" bukan angka`, `"${input.trim()}" is not a number`);
  }

  let exponent = 0;
  const exp = /^(.+?)[eE]([+-]?\d{1,3})$/.exec(s);
  if (exp && /[0-9]/.test(exp[1] ?? "")) {
    s = exp[1] ?? "";
    exponent = Number(exp[2]);
  }

  if (s === "") return failure("not_number", `"${input.trim()}" bukan angka`, `"${input.trim()}" is not a number`);
  const body = parseBody(s);
  if ("ok" in body) {
    return { ...body, messageId: body.messageId.replace(`"${s}"`, `"${input.trim()}"`), messageEn: body.messageEn.replace(`"${s}"`, `"${input.trim()}"`) };
  }
  let value = body.value * Math.pow(10, exponent);
  if (negative) value = -value;
  if (percent) value = value / 100;
  if (!Number.isFinite(value)) return failure("not_number", `"${input.trim()}" terlalu besar`, `"${input.trim()}" is too large`);
  return { ok: true, value, convention: body.convention, percent, currency };
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number, style: "decimal" | "percent" = "decimal"): Intl.NumberFormat {
  const key = `${min}:${max}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("id-ID", { minimumFractionDigits: min, maximumFractionDigits: max, style });
    formatters.set(key, f);
  }
  return f;
}

/** Format the id-ID way: `1.234.567,89`. `decimals` fixes the decimals; without it, up to 2. */
export function formatIdNumber(value: number, decimals?: number): string {
  if (!Number.isFinite(value)) return String(value);
  return decimals === undefined ? formatter(0, 2).format(value) : formatter(decimals, decimals).format(value);
}

/** Format a fraction as an id-ID percentage: 0.9573 → `95,73%`. */
export function formatIdPercent(fraction: number, decimals = 2): string {
  return formatter(decimals, decimals, "percent").format(fraction).replace(/\s/g, "");
}

/** Round half away from zero at `decimals`, the way Excel's ROUND and the report's printed values do. */
export function roundHalfUp(value: number, decimals = 2): number {
  const f = Math.pow(10, decimals);
  const scaled = Math.abs(value) * f;
  // Nudge by a relative epsilon so that 1.005 rounds like its decimal writing says.
  const r = Math.round(scaled * (1 + Number.EPSILON * 4)) / f;
  return value < 0 ? -r : r;
}
