/** Display formatting for the task pane: numbers the Indonesian way whatever the UI language. */
import type { Finding } from "../core/audit/types.js";

const formatters = new Map<number, Intl.NumberFormat>();

function fmt(max: number): Intl.NumberFormat {
  let f = formatters.get(max);
  if (!f) {
    f = new Intl.NumberFormat("id-ID", { maximumFractionDigits: max });
    formatters.set(max, f);
  }
  return f;
}

/** 23254.7 → `23.254,7`; 0.95731 → `0,9573`; text stays text; null → `–`. */
export function formatValue(v: Finding["expected"]): string {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  return fmt(abs >= 1000 ? 2 : 4).format(v);
}

/** `Sheet!A1` for a related cell written as `A1` (same sheet) or `Sheet!A1` / `'My sheet'!A1`. */
export function splitRef(ref: string, sheet: string): { sheet: string; cell: string } {
  const i = ref.lastIndexOf("!");
  if (i < 0) return { sheet, cell: ref.replace(/\$/g, "") };
  let s = ref.slice(0, i);
  if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return { sheet: s, cell: ref.slice(i + 1).replace(/\$/g, "") };
}
