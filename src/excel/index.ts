/** The Office.js adapter: everything that talks to Excel. Nothing here runs outside Office. */
export { readSnapshot, ReadCancelledError, DEFAULT_CHUNK_CELLS, plannedSyncs, stripSheet } from "./read.js";
export type { ReadOptions, ReadProgress } from "./read.js";
export { highlightFindings, clearHighlights, hasHighlights, readRecord, HIGHLIGHT_COLORS, HIGHLIGHT_KEY } from "./highlight.js";
export type { HighlightResult, ClearResult, HighlightOptions, SavedFill, HighlightRecord } from "./highlight.js";
export { writeReport, freeSheetName, hyperlinkFormula, reportRows, REPORT_SHEET } from "./report.js";
export type { ReportResult, Lang } from "./report.js";
export { selectCell } from "./navigate.js";
export { AcceptedStore, ACCEPTED_KEY } from "./accepted.js";
export { MemorySettingsStore, officeSettingsStore } from "./settings.js";
export type { SettingsStore } from "./settings.js";
