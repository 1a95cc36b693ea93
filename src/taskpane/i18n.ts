/**
 * Every string the task pane shows, in Indonesian (default) and English. `{name}` placeholders are
 * filled by `t`. Values are plain text: React escapes them, nothing is ever injected as HTML.
 */
export type Lang = "id" | "en";

const id = {
  appTitle: "Audit SAKIP",
  appSubtitle: "Pemeriksa konsistensi laporan kinerja (LKjIP)",
  detecting: "Menyiapkan…",
  modeExcel: "Terhubung ke Excel",
  modeStandalone: "Mode mandiri (tanpa Excel)",
  switchLanguage: "English",
  switchLanguageLabel: "Ganti bahasa ke English",
  audit: "Periksa",
  auditAgain: "Periksa ulang",
  reading: "Membaca buku kerja…",
  readingProgress: "Membaca buku kerja… {p}%",
  auditing: "Memeriksa…",
  cancel: "Batal",
  cancelled: "Pemeriksaan dibatalkan.",
  sourceTitle: "Buku kerja",
  chooseFile: "Pilih berkas .xlsx",
  dropHere: "atau seret berkas .xlsx ke sini",
  dropZoneLabel: "Area untuk menjatuhkan berkas .xlsx",
  useSample: "Gunakan contoh",
  loadingFile: "Membuka {name}…",
  loadedFile: "Berkas: {name}",
  loadedSheets: "{n} lembar",
  noFile: "Belum ada berkas. Pilih berkas .xlsx atau gunakan contoh.",
  notXlsx: "Hanya berkas .xlsx yang dapat diperiksa (\"{name}\").",
  sampleFailed: "Contoh tidak dapat dimuat: {detail}",
  readFailed: "Buku kerja tidak dapat dibaca: {detail}",
  auditFailed: "Pemeriksaan gagal: {detail}",
  excelHint: "Periksa membaca buku kerja yang terbuka; tidak ada yang diubah.",
  schemaTitle: "Skema indikator",
  schemaBuiltin: "Bawaan ({name})",
  schemaUser: "Berkas skema JSON sendiri",
  chooseSchema: "Pilih skema .json",
  schemaLoaded: "Skema dimuat: {name}",
  schemaProblems: "Skema \"{name}\" tidak valid ({n} masalah); skema bawaan tetap dipakai:",
  findingsTitle: "Temuan",
  summary: "{n} temuan",
  summaryNew: "{n} baru",
  summaryAccepted: "{n} ditandai OK",
  noFindings: "Tidak ada temuan. Buku kerja konsisten menurut aturan yang dijalankan.",
  noMatch: "Tidak ada temuan yang cocok dengan filter.",
  severity_error: "Galat",
  severity_warning: "Peringatan",
  severity_info: "Info",
  filterSeverity: "Tingkat",
  filterRule: "Aturan",
  filterSource: "Sumber",
  source_schema: "Skema",
  source_generic: "Umum",
  sourceHint_schema: "Aturan skema indikator",
  sourceHint_generic: "Pemeriksaan spreadsheet umum",
  showMoreInfo: "Tampilkan {n} temuan info lainnya",
  showMorePage: "Tampilkan {n} temuan lagi ({left} belum tampil)",
  allRules: "Semua aturan",
  rulesSelected: "{n} aturan",
  showAccepted: "Tampilkan yang ditandai OK",
  markOk: "Tandai OK",
  unmarkOk: "Batalkan OK",
  markOkLabel: "Tandai temuan di {cell} sebagai OK",
  unmarkOkLabel: "Batalkan tanda OK temuan di {cell}",
  acceptedBadge: "Ditandai OK",
  cell: "Sel",
  sheet: "Lembar",
  rule: "Aturan",
  expected: "Diharapkan",
  actual: "Aktual",
  related: "Sel terkait",
  selectHint: "Klik temuan untuk memilih selnya di Excel.",
  standaloneHint: "Buka berkas di Excel lalu tuju sel yang disebut.",
  goToCell: "Buka sel {cell}",
  actionsTitle: "Tindakan di Excel",
  highlightAll: "Warnai sel temuan",
  removeHighlights: "Hapus warna",
  writeReport: "Tulis lembar laporan",
  highlighted: "{n} sel diwarnai.",
  restored: "{n} sel dikembalikan ke format semula.",
  changedByUser: "{n} sel dibiarkan karena warnanya sudah diubah sejak diwarnai.",
  reportWritten: "Laporan ditulis ke lembar baru \"{sheet}\".",
  protectedSheets: "Lembar terlindungi: {sheets}. Sel di lembar ini dapat diperiksa tetapi tidak dapat diwarnai; membuka proteksi diperlukan untuk itu.",
  protectedSkipped: "Tidak diwarnai karena lembarnya terlindungi: {sheets}.",
  missingSheets: "Lembar tidak ditemukan lagi: {sheets}.",
  actionFailed: "Tindakan gagal: {detail}",
  selectFailed: "Sel tidak dapat dipilih: {detail}",
  chartTitle: "Capaian IKK terhadap target",
  chartTargetLine: "Target (100%)",
  chartNoData: "tidak ada data",
  chartNone: "Tabel capaian tidak dikenali, grafik tidak dapat dibuat.",
  chartBar: "{name}: capaian {c}% (realisasi {r}, target {t})",
  notesTitle: "Catatan",
  recognised: "{n} tabel dikenali",
  errorTitle: "Terjadi kesalahan",
  officeUnavailable: "Office.js tidak tersedia; halaman berjalan tanpa Excel.",
} as const;

export type MessageKey = keyof typeof id;

const en: Record<MessageKey, string> = {
  appTitle: "SAKIP Audit",
  appSubtitle: "Consistency checker for performance reports (LKjIP)",
  detecting: "Starting…",
  modeExcel: "Connected to Excel",
  modeStandalone: "Standalone mode (no Excel)",
  switchLanguage: "Bahasa Indonesia",
  switchLanguageLabel: "Switch language to Bahasa Indonesia",
  audit: "Audit",
  auditAgain: "Audit again",
  reading: "Reading the workbook…",
  readingProgress: "Reading the workbook… {p}%",
  auditing: "Auditing…",
  cancel: "Cancel",
  cancelled: "Audit cancelled.",
  sourceTitle: "Workbook",
  chooseFile: "Choose an .xlsx file",
  dropHere: "or drop an .xlsx file here",
  dropZoneLabel: "Drop zone for an .xlsx file",
  useSample: "Use the sample",
  loadingFile: "Opening {name}…",
  loadedFile: "File: {name}",
  loadedSheets: "{n} sheets",
  noFile: "No file yet. Choose an .xlsx file or use the sample.",
  notXlsx: "Only .xlsx files can be audited (\"{name}\").",
  sampleFailed: "The sample could not be loaded: {detail}",
  readFailed: "The workbook could not be read: {detail}",
  auditFailed: "The audit failed: {detail}",
  excelHint: "Audit reads the open workbook; nothing is changed.",
  schemaTitle: "Indicator schema",
  schemaBuiltin: "Built-in ({name})",
  schemaUser: "Own JSON schema file",
  chooseSchema: "Choose a .json schema",
  schemaLoaded: "Schema loaded: {name}",
  schemaProblems: "Schema \"{name}\" is invalid ({n} problems); the built-in schema stays in use:",
  findingsTitle: "Findings",
  summary: "{n} findings",
  summaryNew: "{n} new",
  summaryAccepted: "{n} marked OK",
  noFindings: "No findings. The workbook is consistent under the rules that ran.",
  noMatch: "No finding matches the filters.",
  severity_error: "Error",
  severity_warning: "Warning",
  severity_info: "Info",
  filterSeverity: "Severity",
  filterRule: "Rule",
  filterSource: "Source",
  source_schema: "Schema",
  source_generic: "Generic",
  sourceHint_schema: "Indicator schema rule",
  sourceHint_generic: "Generic spreadsheet check",
  showMoreInfo: "Show {n} more info findings",
  showMorePage: "Show {n} more findings ({left} not shown yet)",
  allRules: "All rules",
  rulesSelected: "{n} rules",
  showAccepted: "Show findings marked OK",
  markOk: "Mark OK",
  unmarkOk: "Undo OK",
  markOkLabel: "Mark the finding at {cell} as OK",
  unmarkOkLabel: "Undo OK for the finding at {cell}",
  acceptedBadge: "Marked OK",
  cell: "Cell",
  sheet: "Sheet",
  rule: "Rule",
  expected: "Expected",
  actual: "Actual",
  related: "Related cells",
  selectHint: "Click a finding to select its cell in Excel.",
  standaloneHint: "Open the file in Excel and go to the cell named.",
  goToCell: "Go to cell {cell}",
  actionsTitle: "Actions in Excel",
  highlightAll: "Highlight finding cells",
  removeHighlights: "Remove highlights",
  writeReport: "Write report sheet",
  highlighted: "{n} cells highlighted.",
  restored: "{n} cells restored to their previous format.",
  changedByUser: "{n} cells left alone: their fill was changed after highlighting.",
  reportWritten: "Report written to the new sheet \"{sheet}\".",
  protectedSheets: "Protected sheets: {sheets}. Cells there are audited but cannot be highlighted; that needs the protection removed.",
  protectedSkipped: "Not highlighted because the sheet is protected: {sheets}.",
  missingSheets: "Sheets no longer found: {sheets}.",
  actionFailed: "The action failed: {detail}",
  selectFailed: "The cell could not be selected: {detail}",
  chartTitle: "IKK achievement against target",
  chartTargetLine: "Target (100%)",
  chartNoData: "no data",
  chartNone: "No capaian table was recognised, so there is no chart.",
  chartBar: "{name}: achievement {c}% (actual {r}, target {t})",
  notesTitle: "Notes",
  recognised: "{n} tables recognised",
  errorTitle: "Something went wrong",
  officeUnavailable: "Office.js is not available; the page runs without Excel.",
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { id, en };

export function t(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = MESSAGES[lang][key] ?? MESSAGES.id[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, vars) => t(lang, key, vars);
}

const LANG_KEY = "sakip.lang";

export function savedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === "en" ? "en" : "id";
  } catch {
    return "id";
  }
}

export function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    // Storage may be blocked (private mode, Office sandbox): the choice just is not remembered.
  }
}
