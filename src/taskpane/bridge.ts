/**
 * What the task pane needs from Excel, behind an interface: the Office.js implementation runs each
 * call in its own `Excel.run`; tests pass a fake.
 */
import type { Finding } from "../core/audit/types.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";
import {
  AcceptedStore,
  clearHighlights,
  hasHighlights,
  highlightFindings,
  officeSettingsStore,
  readSnapshot,
  selectCell,
  writeReport,
  type ClearResult,
  type HighlightResult,
  type ReadOptions,
  type ReportResult,
} from "../excel/index.js";
import type { Lang } from "./i18n.js";

export interface ExcelBridge {
  read(opts: Pick<ReadOptions, "onProgress" | "signal">): Promise<WorkbookSnapshot>;
  highlight(findings: Finding[]): Promise<HighlightResult>;
  clearHighlights(): Promise<ClearResult>;
  hasHighlights(): boolean;
  writeReport(findings: Finding[], lang: Lang): Promise<ReportResult>;
  selectCell(sheet: string, address: string): Promise<void>;
}

/** Accepted ("tandai OK") finding keys, wherever they are kept. */
export interface AcceptedBackend {
  load(): Promise<Set<string>>;
  set(key: string, accepted: boolean): Promise<Set<string>>;
}

export function officeBridge(): ExcelBridge {
  const store = officeSettingsStore();
  return {
    read: (opts) => Excel.run((ctx) => readSnapshot(ctx, opts)),
    highlight: (findings) => Excel.run((ctx) => highlightFindings(ctx, findings, { store })),
    clearHighlights: () => Excel.run((ctx) => clearHighlights(ctx, { store })),
    hasHighlights: () => hasHighlights(store),
    writeReport: (findings, lang) => Excel.run((ctx) => writeReport(ctx, findings, lang)),
    selectCell: (sheet, address) => Excel.run((ctx) => selectCell(ctx, sheet, address)),
  };
}

/** Excel mode: the keys live in the workbook's settings (`sakip.accepted`). */
export function officeAccepted(): AcceptedBackend {
  const accepted = new AcceptedStore(officeSettingsStore());
  return {
    load: () => Promise.resolve(accepted.list()),
    set: (key, on) => (on ? accepted.accept(key) : accepted.unaccept(key)),
  };
}

/** Standalone mode: localStorage per file name, or memory when storage is blocked. */
export function localAccepted(source: string): AcceptedBackend {
  const storageKey = `sakip.accepted:${source}`;
  let memory = new Set<string>();
  const read = (): Set<string> => {
    try {
      const raw = globalThis.localStorage?.getItem(storageKey);
      if (raw) {
        const list: unknown = JSON.parse(raw);
        if (Array.isArray(list)) memory = new Set(list.filter((k): k is string => typeof k === "string"));
      }
    } catch {
      // keep the in-memory set
    }
    return new Set(memory);
  };
  return {
    load: () => Promise.resolve(read()),
    set: (key, on) => {
      const keys = read();
      if (on) keys.add(key);
      else keys.delete(key);
      memory = keys;
      try {
        globalThis.localStorage?.setItem(storageKey, JSON.stringify([...keys]));
      } catch {
        // memory only
      }
      return Promise.resolve(new Set(keys));
    },
  };
}
