/**
 * The task pane. In Excel it audits the open workbook through the Office.js adapter; standalone
 * (a plain browser) it audits an .xlsx file picked, dropped, or the bundled sample. The audit only
 * reads; writing happens only when the user asks (highlight, report sheet).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Badge,
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { allRules, runAudit } from "../core/audit/engine.js";
import type { AuditResult, Finding } from "../core/audit/types.js";
import { loadBuiltinSchema, parseSchemaText, type Schema } from "../core/schema/schema.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";
import { CapaianChart } from "./CapaianChart.js";
import { capaianSeries, type CapaianPoint } from "./capaian.js";
import { FileSource } from "./FileSource.js";
import { FindingsList, type RuleTitles } from "./FindingsList.js";
import { fileBytes, fileText } from "./files.js";
import { splitRef } from "./format.js";
import type { HostMode } from "./host.js";
import { saveLang, savedLang, translator, type Lang, type MessageKey } from "./i18n.js";
import { SchemaPicker } from "./SchemaPicker.js";
import { startAudit, type AuditJob } from "./auditClient.js";
import { readWorkbookOffThread } from "./readClient.js";
import { localAccepted, officeAccepted, type AcceptedBackend, type ExcelBridge } from "./bridge.js";

/** Where the built page finds the bundled sample workbook (copied next to taskpane.html). */
export const SAMPLE_URL = "./samples/lkjip-ntt-2025.xlsx";
export const SAMPLE_NAME = "lkjip-ntt-2025.xlsx";

/** A message in both languages, shown in the current one. */
export interface Msg {
  id: string;
  en: string;
}

export interface AppProps {
  mode: HostMode;
  /** Excel mode: the Office.js adapter. */
  bridge?: ExcelBridge;
  /** Where accepted ("tandai OK") keys are kept, per workbook. */
  acceptedFor?: (source: string) => AcceptedBackend;
  /** Standalone: the bundled sample's bytes. */
  loadSample?: () => Promise<ArrayBuffer>;
  /** Standalone: .xlsx bytes → snapshot (default: readXlsx in a worker, see readClient.ts). */
  readWorkbook?: (data: ArrayBuffer, name: string) => Promise<WorkbookSnapshot>;
  initialLang?: Lang;
  /** The audit, run on the main thread (default: runAudit in a Web Worker); tests pass a stub. */
  auditFn?: typeof runAudit;
}

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  root: {
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "720px",
    margin: "0 auto",
  },
  header: { display: "flex", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  title: { margin: 0 },
  langButton: { flexShrink: 0, whiteSpace: "nowrap" },
  subtitle: { color: tokens.colorNeutralForeground3, display: "block" },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingVerticalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  auditRow: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  progress: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  progressBar: { flexGrow: 1 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  hint: { color: tokens.colorNeutralForeground3 },
});

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 16));

function both(key: MessageKey, vars?: Record<string, string | number>): Msg {
  return { id: translator("id")(key, vars), en: translator("en")(key, vars) };
}

function detail(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A bilingual message for an error: XlsxReadError and SchemaError carry their own. */
function errorMsg(key: MessageKey, e: unknown): Msg {
  const x = e as { name?: string; messageId?: unknown; messageEn?: unknown };
  if (x && x.name === "XlsxReadError" && typeof x.messageId === "string" && typeof x.messageEn === "string") {
    return { id: x.messageId, en: x.messageEn };
  }
  return both(key, { detail: detail(e) });
}

async function defaultLoadSample(): Promise<ArrayBuffer> {
  const res = await fetch(SAMPLE_URL);
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText} (${SAMPLE_URL})`);
  return res.arrayBuffer();
}

interface Busy {
  phase: "loading" | "reading" | "auditing" | "action";
  fraction?: number;
  name?: string;
}

interface Notice {
  intent: "success" | "warning" | "error" | "info";
  lines: Msg[];
}

export function App(props: AppProps) {
  const { mode, bridge } = props;
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(props.initialLang ?? savedLang());
  const tr = translator(lang);
  const show = (m: Msg) => (lang === "id" ? m.id : m.en);

  const builtin = useMemo(() => loadBuiltinSchema(), []);
  const [userSchema, setUserSchema] = useState<{ name: string; schema: Schema } | null>(null);
  const [schemaError, setSchemaError] = useState<{ name: string; problems: string[] } | null>(null);
  const schema = userSchema?.schema ?? builtin;

  const [workbook, setWorkbook] = useState<WorkbookSnapshot | null>(null);
  const [audited, setAudited] = useState<WorkbookSnapshot | null>(null);
  const [result, setResult] = useState<AuditResult | null>(null);
  // The capaian chart's series as the audit's worker computed it from the tables it recognised, for the schema it used.
  const [charted, setCharted] = useState<{ series: CapaianPoint[]; schema: Schema } | null>(null);
  const [accepted, setAccepted] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<Msg | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const abortRef = useRef<{ aborted: boolean } | null>(null);
  const jobRef = useRef<AuditJob | null>(null);
  const backendRef = useRef<{ source: string; backend: AcceptedBackend } | null>(null);

  useEffect(() => {
    saveLang(lang);
    if (typeof document !== "undefined") document.documentElement.lang = lang;
  }, [lang]);

  const ruleTitles: RuleTitles = useMemo(() => {
    const out: RuleTitles = {};
    try {
      for (const r of allRules()) out[r.id] = { id: r.title_id, en: r.title_en };
    } catch {
      // titles are a nicety; rule ids are shown instead
    }
    return out;
  }, []);

  const acceptedBackend = useCallback(
    (source: string): AcceptedBackend => {
      if (backendRef.current?.source === source) return backendRef.current.backend;
      const backend = props.acceptedFor ? props.acceptedFor(source) : mode === "excel" ? officeAccepted() : localAccepted(source);
      backendRef.current = { source, backend };
      return backend;
    },
    [props, mode],
  );

  const protectedSheets = useMemo(() => (audited?.sheets ?? []).filter((s) => s.protected).map((s) => s.name), [audited]);
  const series = useMemo(
    () => (charted && charted.schema === schema ? charted.series : audited ? capaianSeries(audited, schema) : []),
    [charted, audited, schema],
  );
  const open = useMemo(() => (result?.findings ?? []).filter((f) => !accepted.has(f.key)), [result, accepted]);

  // ---- standalone: open a file ------------------------------------------------------------------
  const openWorkbook = async (name: string, getData: () => Promise<ArrayBuffer>, failKey: MessageKey) => {
    setError(null);
    setNotice(null);
    if (!/\.xls[xm]$/i.test(name)) {
      setError(both("notXlsx", { name }));
      return;
    }
    setBusy({ phase: "loading", name });
    try {
      const data = await getData();
      const snap = await (props.readWorkbook ?? readWorkbookOffThread)(data, name);
      setWorkbook(snap);
      setResult(null);
      setAudited(null);
      setCharted(null);
    } catch (e) {
      setError(errorMsg(failKey, e));
    } finally {
      setBusy(null);
    }
  };

  // ---- schema -----------------------------------------------------------------------------------
  const loadSchemaFile = async (file: File) => {
    try {
      const text = await fileText(file);
      const parsed = parseSchemaText(text);
      setUserSchema({ name: file.name, schema: parsed });
      setSchemaError(null);
    } catch (e) {
      const problems = (e as { problems?: unknown }).problems;
      setSchemaError({ name: file.name, problems: Array.isArray(problems) ? problems.map(String) : [detail(e)] });
    }
  };

  // ---- audit ------------------------------------------------------------------------------------
  const audit = async () => {
    setError(null);
    setNotice(null);
    const signal = { aborted: false };
    abortRef.current = signal;
    try {
      let snap: WorkbookSnapshot;
      if (mode === "excel") {
        if (!bridge) throw new Error("Excel adapter missing");
        setBusy({ phase: "reading", fraction: 0 });
        snap = await bridge.read({ signal, onProgress: (p) => setBusy({ phase: "reading", fraction: p.fraction }) });
      } else {
        if (!workbook) return;
        snap = workbook;
      }
      if (signal.aborted) throw Object.assign(new Error("cancelled"), { name: "ReadCancelledError" });
      setBusy({ phase: "auditing" });
      let res: AuditResult & { series?: CapaianPoint[] };
      if (props.auditFn) {
        await yieldToUi();
        res = props.auditFn(snap, { schema, signal });
      } else {
        const job = startAudit(snap, {
          schema,
          signal,
          onProgress: (fraction) => {
            if (!signal.aborted) setBusy({ phase: "auditing", fraction });
          },
        });
        jobRef.current = job;
        res = await job.result;
      }
      if (res.cancelled) throw Object.assign(new Error("cancelled"), { name: "ReadCancelledError" });
      const source = snap.source ?? workbook?.source ?? "workbook";
      let keys = new Set<string>();
      try {
        keys = await acceptedBackend(source).load();
      } catch {
        // accepted marks unavailable: every finding shows as new
      }
      setAccepted(keys);
      setAudited(snap);
      setCharted(res.series ? { series: res.series, schema } : null);
      setResult(res);
    } catch (e) {
      if ((e as Error)?.name === "ReadCancelledError") setNotice({ intent: "info", lines: [both("cancelled")] });
      else setError(errorMsg(mode === "excel" ? "readFailed" : "auditFailed", e));
    } finally {
      abortRef.current = null;
      jobRef.current = null;
      setBusy(null);
    }
  };

  const cancel = () => {
    if (abortRef.current) abortRef.current.aborted = true;
    jobRef.current?.cancel();
  };

  // ---- findings ---------------------------------------------------------------------------------
  const toggleAccepted = async (f: Finding, on: boolean) => {
    setAccepted((cur) => {
      const next = new Set(cur);
      if (on) next.add(f.key);
      else next.delete(f.key);
      return next;
    });
    try {
      const keys = await acceptedBackend(audited?.source ?? workbook?.source ?? "workbook").set(f.key, on);
      setAccepted(new Set(keys));
    } catch (e) {
      setNotice({ intent: "error", lines: [both("actionFailed", { detail: detail(e) })] });
    }
  };

  const select = (sheet: string, cell: string) => {
    if (mode !== "excel" || !bridge) return;
    bridge.selectCell(sheet, cell).catch((e: unknown) => setNotice({ intent: "error", lines: [both("selectFailed", { detail: detail(e) })] }));
  };

  // ---- Excel actions ----------------------------------------------------------------------------
  const runAction = async (fn: () => Promise<Notice>) => {
    setNotice(null);
    setBusy({ phase: "action" });
    try {
      setNotice(await fn());
    } catch (e) {
      setNotice({ intent: "error", lines: [both("actionFailed", { detail: detail(e) })] });
    } finally {
      setBusy(null);
    }
  };

  const highlight = () =>
    runAction(async () => {
      const r = await (bridge as ExcelBridge).highlight(open);
      const lines = [both("highlighted", { n: r.highlighted })];
      if (r.protectedSheets.length) lines.push(both("protectedSkipped", { sheets: r.protectedSheets.join(", ") }));
      if (r.missingSheets.length) lines.push(both("missingSheets", { sheets: r.missingSheets.join(", ") }));
      return { intent: r.protectedSheets.length || r.missingSheets.length ? "warning" : "success", lines };
    });

  const clear = () =>
    runAction(async () => {
      const r = await (bridge as ExcelBridge).clearHighlights();
      const lines = [both("restored", { n: r.restored })];
      if (r.changedByUser) lines.push(both("changedByUser", { n: r.changedByUser }));
      if (r.protectedSheets.length) lines.push(both("protectedSkipped", { sheets: r.protectedSheets.join(", ") }));
      if (r.missingSheets.length) lines.push(both("missingSheets", { sheets: r.missingSheets.join(", ") }));
      return { intent: lines.length > 1 ? "warning" : "success", lines };
    });

  const report = () =>
    runAction(async () => {
      const r = await (bridge as ExcelBridge).writeReport(open, lang);
      return { intent: "success", lines: [both("reportWritten", { sheet: r.sheet })] };
    });

  // ---- render -----------------------------------------------------------------------------------
  const busyLabel =
    busy?.phase === "reading"
      ? tr("readingProgress", { p: Math.round((busy.fraction ?? 0) * 100) })
      : busy?.phase === "auditing"
        ? tr("auditing")
        : busy?.phase === "loading"
          ? tr("loadingFile", { name: busy.name ?? "" })
          : "";
  const canAudit = !busy && (mode === "excel" ? Boolean(bridge) : Boolean(workbook));

  return (
    <FluentProvider theme={webLightTheme} className={styles.provider}>
      <main className={styles.root} lang={lang}>
        <header className={styles.header}>
          <div>
            <Title3 as="h1" className={styles.title}>
              {tr("appTitle")}
            </Title3>
            <Caption1 className={styles.subtitle}>{tr("appSubtitle")}</Caption1>
          </div>
          <Button size="small" appearance="subtle" className={styles.langButton} aria-label={tr("switchLanguageLabel")} onClick={() => setLang(lang === "id" ? "en" : "id")}>
            {tr("switchLanguage")}
          </Button>
        </header>
        <div>
          <Badge appearance="outline" color={mode === "excel" ? "success" : "informative"} data-testid="mode">
            {mode === "excel" ? tr("modeExcel") : tr("modeStandalone")}
          </Badge>
        </div>

        {mode === "standalone" && (
          <section className={styles.card} aria-labelledby="source-title">
            <h2 id="source-title" className={styles.sectionTitle}>
              {tr("sourceTitle")}
            </h2>
            <FileSource
              lang={lang}
              disabled={Boolean(busy)}
              loaded={workbook ? { name: workbook.source ?? "", sheets: workbook.sheets.length } : null}
              onFile={(file) => void openWorkbook(file.name, () => fileBytes(file), "readFailed")}
              onSample={() => void openWorkbook(SAMPLE_NAME, props.loadSample ?? defaultLoadSample, "sampleFailed")}
            />
          </section>
        )}

        <section className={styles.card} aria-labelledby="schema-title">
          <h2 id="schema-title" className={styles.sectionTitle}>
            {tr("schemaTitle")}
          </h2>
          <SchemaPicker
            lang={lang}
            builtinName={builtin.name}
            userName={userSchema?.name}
            error={schemaError}
            disabled={Boolean(busy)}
            onUseBuiltin={() => {
              setUserSchema(null);
              setSchemaError(null);
            }}
            onFile={(file) => void loadSchemaFile(file)}
          />
        </section>

        <div className={styles.auditRow}>
          <Button appearance="primary" size="large" disabled={!canAudit} onClick={() => void audit()}>
            {result ? tr("auditAgain") : tr("audit")}
          </Button>
          {mode === "excel" && !result && !busy && <Caption1 className={styles.hint}>{tr("excelHint")}</Caption1>}
          {busy && busy.phase !== "action" && (
            <div className={styles.progress} role="status">
              <div className={styles.progressBar}>
                <ProgressBar value={busy.phase === "reading" || busy.phase === "auditing" ? busy.fraction : undefined} thickness="large" aria-label={busyLabel} />
                <Caption1>{busyLabel}</Caption1>
              </div>
              {(busy.phase === "reading" || busy.phase === "auditing") && (
                <Button size="small" onClick={cancel}>
                  {tr("cancel")}
                </Button>
              )}
            </div>
          )}
        </div>

        {error && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{tr("errorTitle")}</MessageBarTitle>
              {show(error)}
            </MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>
              {notice.lines.map((l, i) => (
                <div key={i}>{show(l)}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}

        {mode === "excel" && result && (
          <section className={styles.card} aria-labelledby="actions-title">
            <h2 id="actions-title" className={styles.sectionTitle}>
              {tr("actionsTitle")}
            </h2>
            <div className={styles.actions}>
              <Button disabled={Boolean(busy) || open.length === 0} onClick={() => void highlight()}>
                {tr("highlightAll")}
              </Button>
              <Button disabled={Boolean(busy)} onClick={() => void clear()}>
                {tr("removeHighlights")}
              </Button>
              <Button disabled={Boolean(busy)} onClick={() => void report()}>
                {tr("writeReport")}
              </Button>
            </div>
            {protectedSheets.length > 0 && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{tr("protectedSheets", { sheets: protectedSheets.join(", ") })}</MessageBarBody>
              </MessageBar>
            )}
            <Caption1 className={styles.hint}>{tr("selectHint")}</Caption1>
          </section>
        )}

        {result && (
          <section className={styles.card} aria-label={tr("chartTitle")}>
            <CapaianChart points={series} lang={lang} />
          </section>
        )}

        {result && result.notes.length > 0 && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{tr("notesTitle")}</MessageBarTitle>
              <ul className={styles.list}>
                {result.notes.map((n, i) => (
                  <li key={i}>{show(n)}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}

        {result && (
          <section className={styles.card} aria-labelledby="findings-title">
            <h2 id="findings-title" className={styles.sectionTitle}>
              {tr("findingsTitle")}
            </h2>
            <Caption1 className={styles.hint}>
              {`${tr("recognised", { n: result.recognised.length })}${mode === "standalone" ? ` · ${tr("standaloneHint")}` : ""}`}
            </Caption1>
            <FindingsList
              findings={result.findings}
              accepted={accepted}
              lang={lang}
              mode={mode}
              ruleTitles={ruleTitles}
              onSelect={(f) => select(f.sheet, f.cell)}
              onSelectRelated={(f, ref) => {
                const r = splitRef(ref, f.sheet);
                select(r.sheet, r.cell);
              }}
              onToggleAccepted={(f, on) => void toggleAccepted(f, on)}
            />
          </section>
        )}
      </main>
    </FluentProvider>
  );
}
