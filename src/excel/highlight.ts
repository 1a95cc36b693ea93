/**
 * Highlight flagged cells, and put them back exactly as they were.
 *
 * Before a cell is filled, its fill (colour, pattern, pattern colour) is saved in a restore record
 * kept in the document settings, so the record travels with the workbook and survives closing the
 * task pane. `clearHighlights` restores every recorded cell: a cell that had no fill gets no fill
 * again (not white), a patterned fill gets its pattern back. A cell whose fill the user changed
 * after highlighting is left alone. Protected sheets are skipped and reported.
 *
 * Two syncs each way: one to load every sheet's protection and every previous fill, one to write.
 */
import type { Finding, Severity } from "../core/audit/types.js";
import { parseRange, a1 } from "../core/snapshot.js";
import type { SettingsStore } from "./settings.js";

export const HIGHLIGHT_KEY = "sakip.highlights";

/** Excel's own palette: "Light Red Fill", "Neutral" (amber), light blue. */
export const HIGHLIGHT_COLORS: Record<Severity, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
};

export interface SavedFill {
  sheet: string;
  address: string;
  /** Fill as it was. `pattern` "None" (or null with white) means no fill. */
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  /** The colour we applied, to notice a cell the user recoloured since. */
  applied: string;
}

export interface HighlightRecord {
  version: 1;
  cells: SavedFill[];
}

export interface HighlightResult {
  highlighted: number;
  /** Sheets left untouched because they are protected. */
  protectedSheets: string[];
  /** Sheets named by findings that no longer exist. */
  missingSheets: string[];
  syncs: number;
}

export interface ClearResult {
  restored: number;
  /** Cells left as they are because the user changed their fill after highlighting. */
  changedByUser: number;
  protectedSheets: string[];
  missingSheets: string[];
  syncs: number;
}

export interface HighlightOptions {
  store: SettingsStore;
  /** Whether fill.pattern is available (ExcelApi 1.9); default: ask Office. */
  supportsPattern?: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** A finding about a range fills at most this many of its cells. */
const MAX_CELLS_PER_FINDING = 400;

function officePattern(): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", "1.9") === true;
  } catch {
    return false;
  }
}

export function readRecord(store: SettingsStore): HighlightRecord {
  const raw = store.get(HIGHLIGHT_KEY) as Partial<HighlightRecord> | null | undefined;
  if (!raw || raw.version !== 1 || !Array.isArray(raw.cells)) return { version: 1, cells: [] };
  return { version: 1, cells: raw.cells.filter((c) => c && typeof c.sheet === "string" && typeof c.address === "string") };
}

/** The single cells of a finding's address (`B5`, `$B$5`, `B5:C6`). */
export function cellsOfAddress(address: string): string[] {
  const b = parseRange(address.replace(/\$/g, ""));
  if (!b) return [];
  const out: string[] = [];
  for (let r = b.top; r <= b.bottom; r++) {
    for (let c = b.left; c <= b.right; c++) {
      out.push(a1(r, c));
      if (out.length >= MAX_CELLS_PER_FINDING) return out;
    }
  }
  return out;
}

const cellKey = (sheet: string, address: string) => `${sheet}\u0000${address}`;
const sameColor = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").toUpperCase() === (b ?? "").toUpperCase();

interface SheetInfo {
  exists: boolean;
  protected: boolean;
}

/**
 * Queue loads for the sheet list and the given cells' fills, sync once. When a sheet named there no
 * longer exists the batch fails as a whole; then the sheet list is synced alone and the fills of the
 * cells on existing sheets in one more sync.
 */
async function loadFills(
  context: Excel.RequestContext,
  cells: { sheet: string; address: string }[],
  withPattern: boolean,
  count: () => void,
): Promise<{ sheets: Map<string, SheetInfo>; fills: Map<string, Excel.RangeFill> }> {
  const props = withPattern ? "color,pattern,patternColor" : "color";
  const queue = (existing?: Set<string>) => {
    const list = context.workbook.worksheets;
    list.load("items/name,items/protection/protected");
    const fills = new Map<string, Excel.RangeFill>();
    for (const c of cells) {
      if (existing && !existing.has(c.sheet)) continue;
      const fill = context.workbook.worksheets.getItem(c.sheet).getRange(c.address).format.fill;
      fill.load(props);
      fills.set(cellKey(c.sheet, c.address), fill);
    }
    return { list, fills };
  };
  const info = (list: Excel.WorksheetCollection) =>
    new Map<string, SheetInfo>(list.items.map((ws) => [ws.name, { exists: true, protected: ws.protection.protected }]));
  try {
    const q = queue();
    count();
    await context.sync();
    return { sheets: info(q.list), fills: q.fills };
  } catch {
    const list = context.workbook.worksheets;
    list.load("items/name,items/protection/protected");
    count();
    await context.sync();
    const sheets = info(list);
    const q = queue(new Set(sheets.keys()));
    count();
    await context.sync();
    return { sheets, fills: q.fills };
  }
}

export async function highlightFindings(context: Excel.RequestContext, findings: Finding[], opts: HighlightOptions): Promise<HighlightResult> {
  const withPattern = opts.supportsPattern ?? officePattern();
  let syncs = 0;
  // Worst severity per cell.
  const targets = new Map<string, { sheet: string; address: string; severity: Severity }>();
  for (const f of findings) {
    for (const address of cellsOfAddress(f.cell)) {
      const k = cellKey(f.sheet, address);
      const cur = targets.get(k);
      if (!cur || SEVERITY_RANK[f.severity] < SEVERITY_RANK[cur.severity]) targets.set(k, { sheet: f.sheet, address, severity: f.severity });
    }
  }
  const result: HighlightResult = { highlighted: 0, protectedSheets: [], missingSheets: [], syncs: 0 };
  if (targets.size === 0) return result;

  const { sheets, fills } = await loadFills(context, [...targets.values()], withPattern, () => syncs++);
  const record = readRecord(opts.store);
  const saved = new Map(record.cells.map((c) => [cellKey(c.sheet, c.address), c]));
  const protectedSheets = new Set<string>();
  const missing = new Set<string>();
  const writes: { fill: Excel.RangeFill; color: string }[] = [];
  for (const [k, t] of targets) {
    const s = sheets.get(t.sheet);
    if (!s) {
      missing.add(t.sheet);
      continue;
    }
    if (s.protected) {
      protectedSheets.add(t.sheet);
      continue;
    }
    const fill = fills.get(k);
    if (!fill) continue;
    const color = HIGHLIGHT_COLORS[t.severity];
    const prev = saved.get(k);
    if (prev) {
      // Already highlighted by us: keep the original fill on record, only the colour may change.
      prev.applied = color;
    } else {
      const entry: SavedFill = {
        sheet: t.sheet,
        address: t.address,
        color: fill.color ?? null,
        pattern: withPattern ? (fill.pattern ?? null) : null,
        patternColor: withPattern ? (fill.patternColor ?? null) : null,
        applied: color,
      };
      record.cells.push(entry);
      saved.set(k, entry);
    }
    writes.push({ fill, color });
  }
  // The record is saved before anything is painted: whatever happens next, clearing can restore.
  if (writes.length) {
    opts.store.set(HIGHLIGHT_KEY, record);
    await opts.store.save();
    for (const w of writes) w.fill.color = w.color;
    syncs++;
    await context.sync();
  }
  result.highlighted = writes.length;
  result.protectedSheets = [...protectedSheets];
  result.missingSheets = [...missing];
  result.syncs = syncs;
  return result;
}

/** True when a saved fill means "no fill". */
function wasNoFill(s: SavedFill): boolean {
  if (s.pattern !== null) return s.pattern === "None";
  // Without pattern support, Excel reports an empty cell's fill as white.
  return s.color === null || sameColor(s.color, "#FFFFFF");
}

export async function clearHighlights(context: Excel.RequestContext, opts: HighlightOptions): Promise<ClearResult> {
  const withPattern = opts.supportsPattern ?? officePattern();
  const record = readRecord(opts.store);
  const result: ClearResult = { restored: 0, changedByUser: 0, protectedSheets: [], missingSheets: [], syncs: 0 };
  if (record.cells.length === 0) return result;
  let syncs = 0;
  const { sheets, fills } = await loadFills(context, record.cells, false, () => syncs++);
  const keep: SavedFill[] = [];
  const protectedSheets = new Set<string>();
  const missing = new Set<string>();
  for (const s of record.cells) {
    const info = sheets.get(s.sheet);
    if (!info) {
      missing.add(s.sheet);
      continue;
    }
    if (info.protected) {
      protectedSheets.add(s.sheet);
      keep.push(s);
      continue;
    }
    const fill = fills.get(cellKey(s.sheet, s.address));
    if (!fill) continue;
    if (!sameColor(fill.color, s.applied)) {
      result.changedByUser++;
      continue;
    }
    if (wasNoFill(s)) {
      fill.clear();
    } else {
      fill.color = s.color ?? "#FFFFFF";
      if (withPattern && s.pattern && s.pattern !== "Solid") {
        fill.pattern = s.pattern as Excel.FillPattern;
        if (s.patternColor) fill.patternColor = s.patternColor;
      }
    }
    result.restored++;
  }
  syncs++;
  await context.sync();
  // The record changes only once the fills are back: if the sync failed, it is still there to retry.
  if (keep.length) opts.store.set(HIGHLIGHT_KEY, { version: 1, cells: keep } satisfies HighlightRecord);
  else opts.store.remove(HIGHLIGHT_KEY);
  await opts.store.save();
  result.protectedSheets = [...protectedSheets];
  result.missingSheets = [...missing];
  result.syncs = syncs;
  return result;
}

/** Whether the document holds highlights to remove. */
export function hasHighlights(store: SettingsStore): boolean {
  return readRecord(store).cells.length > 0;
}
