/**
 * The findings, grouped by severity then sheet, with counts and filters (severity and source
 * toggles, a rule dropdown, "show findings marked OK"). Precision first: all errors and warnings but
 * only the most consequential info findings are shown until the user asks for the rest. Every text
 * comes from the workbook or the audit and is rendered as text, never as HTML.
 *
 * Large audits (thousands of findings) stay responsive: each severity group shows its findings a
 * page at a time (PAGE, then "show more"), and a finding is a memoised component, so opening one
 * re-renders that finding and the one that closes, not the whole list.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Option,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { capLowSeverity } from "../core/audit/generic/index.js";
import type { Finding, FindingSource, Severity } from "../core/audit/types.js";
import { formatValue, splitRef } from "./format.js";
import { translator, type Lang } from "./i18n.js";
import type { HostMode } from "./host.js";

export const SEVERITIES: Severity[] = ["error", "warning", "info"];
export const SOURCES: FindingSource[] = ["schema", "generic"];

export type RuleTitles = Record<string, { id: string; en: string }>;

export interface FindingsListProps {
  findings: Finding[];
  accepted: ReadonlySet<string>;
  lang: Lang;
  mode: HostMode;
  ruleTitles?: RuleTitles;
  /** Excel mode: select the finding's cell. */
  onSelect?: (f: Finding) => void;
  /** Excel mode: select a related cell (`A1` or `Sheet!A1`). */
  onSelectRelated?: (f: Finding, ref: string) => void;
  onToggleAccepted: (f: Finding, accepted: boolean) => void;
}

const SEVERITY_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const SOURCE_COLOR: Record<FindingSource, "brand" | "informative"> = {
  schema: "brand",
  generic: "informative",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  summary: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  filters: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  toggleRow: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  toggles: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  dropdown: { minWidth: "0", width: "100%" },
  group: { margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  groupTitle: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  sheetTitle: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: {
    position: "relative",
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  acceptedItem: { opacity: 0.72, backgroundColor: tokens.colorNeutralBackground2 },
  main: {
    cursor: "pointer",
    borderRadius: tokens.borderRadiusSmall,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    outlineStyle: "none",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  // Room on the right for the "Tandai OK" button, which sits in the item's top-right corner.
  head: { display: "flex", flexWrap: "wrap", alignItems: "baseline", gap: tokens.spacingHorizontalS, paddingRight: "92px", minHeight: "24px" },
  open: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorBrandForeground1,
  },
  rule: { color: tokens.colorNeutralForeground3 },
  sourceBadge: { flexShrink: 0 },
  message: { overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  values: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200 },
  value: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  related: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200 },
  relatedRef: { fontFamily: tokens.fontFamilyMonospace },
  corner: { position: "absolute", top: tokens.spacingVerticalXS, right: tokens.spacingHorizontalS },
  empty: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: "flex-start" },
});

interface Group {
  severity: Severity;
  count: number;
  sheets: { sheet: string; findings: Finding[] }[];
}

/** Group findings by severity (error, warning, info) then by sheet in first-seen order. */
export function groupFindings(findings: Finding[]): Group[] {
  const out: Group[] = [];
  for (const severity of SEVERITIES) {
    const of = findings.filter((f) => f.severity === severity);
    if (!of.length) continue;
    const bySheet = new Map<string, Finding[]>();
    for (const f of of) {
      const list = bySheet.get(f.sheet);
      if (list) list.push(f);
      else bySheet.set(f.sheet, [f]);
    }
    out.push({ severity, count: of.length, sheets: [...bySheet].map(([sheet, list]) => ({ sheet, findings: list })) });
  }
  return out;
}

function activateOnKey(e: KeyboardEvent, run: () => void) {
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    run();
  }
}

/** Findings shown per severity group before "show more" (and added by each click on it). */
export const PAGE = 200;

interface FindingItemProps {
  f: Finding;
  isAccepted: boolean;
  open: boolean;
  lang: Lang;
  mode: HostMode;
  ruleTitle: string;
  /** Stable callbacks (the same functions from render to render), so that memo can skip the item. */
  onActivate: (f: Finding) => void;
  onToggleAccepted: (f: Finding, accepted: boolean) => void;
  onSelectRelated?: (f: Finding, ref: string) => void;
}

/** One finding: its cell, source, rule, message, values and (when open) related cells. */
const FindingItem = memo(function FindingItem({ f, isAccepted, open, lang, mode, ruleTitle, onActivate, onToggleAccepted, onSelectRelated }: FindingItemProps) {
  const styles = useStyles();
  const tr = translator(lang);
  const message = lang === "id" ? f.message_id : f.message_en;
  const hasExpected = f.expected !== undefined && f.expected !== null;
  const hasActual = f.actual !== undefined && f.actual !== null;
  return (
    <li
      className={mergeClasses(styles.item, styles[f.severity], isAccepted && styles.acceptedItem)}
      data-finding={f.key}
      data-accepted={isAccepted ? "true" : "false"}
      data-source={f.source}
    >
      <div
        role="button"
        tabIndex={0}
        aria-expanded={open}
        className={mergeClasses(styles.main, open && styles.open)}
        title={mode === "excel" ? tr("goToCell", { cell: `${f.sheet}!${f.cell}` }) : undefined}
        onClick={() => onActivate(f)}
        onKeyDown={(e) => activateOnKey(e, () => onActivate(f))}
      >
        <div className={styles.head}>
          <span className={styles.cell}>{mode === "standalone" ? `${f.sheet}!${f.cell}` : f.cell}</span>
          <Badge
            appearance="outline"
            color={SOURCE_COLOR[f.source]}
            size="small"
            className={styles.sourceBadge}
            title={tr(`sourceHint_${f.source}`)}
            data-source-badge={f.source}
          >
            {tr(`source_${f.source}`)}
          </Badge>
          {isAccepted && (
            <Badge appearance="tint" color="success" size="small">
              {tr("acceptedBadge")}
            </Badge>
          )}
          <Caption1 className={styles.rule}>{ruleTitle}</Caption1>
        </div>
        <Body1 className={styles.message}>{message}</Body1>
        {(hasExpected || hasActual) && (
          <div className={styles.values}>
            {hasExpected && (
              <span>
                {`${tr("expected")}: `}
                <span className={styles.value}>{formatValue(f.expected)}</span>
              </span>
            )}
            {hasActual && (
              <span>
                {`${tr("actual")}: `}
                <span className={styles.value}>{formatValue(f.actual)}</span>
              </span>
            )}
          </div>
        )}
      </div>
      {open && f.related.length > 0 && (
        <div className={styles.related}>
          <span>{`${tr("related")}:`}</span>
          {f.related.map((ref) =>
            mode === "excel" && onSelectRelated ? (
              <Button key={ref} size="small" appearance="subtle" className={styles.relatedRef} onClick={() => onSelectRelated(f, ref)}>
                {ref}
              </Button>
            ) : (
              <span key={ref} className={styles.relatedRef}>
                {(() => {
                  const r = splitRef(ref, f.sheet);
                  return r.sheet === f.sheet ? r.cell : `${r.sheet}!${r.cell}`;
                })()}
              </span>
            ),
          )}
        </div>
      )}
      <div className={styles.corner}>
        <Button
          size="small"
          appearance={isAccepted ? "subtle" : "secondary"}
          aria-label={tr(isAccepted ? "unmarkOkLabel" : "markOkLabel", { cell: `${f.sheet}!${f.cell}` })}
          onClick={() => onToggleAccepted(f, !isAccepted)}
        >
          {tr(isAccepted ? "unmarkOk" : "markOk")}
        </Button>
      </div>
    </li>
  );
});

/** The first `limit` findings of a group, sheet by sheet (the last sheet possibly cut short), with each sheet's whole count. */
function firstOfGroup(sheets: Group["sheets"], limit: number): { sheet: string; findings: Finding[]; total: number }[] {
  const out: { sheet: string; findings: Finding[]; total: number }[] = [];
  let left = limit;
  for (const s of sheets) {
    if (left <= 0) break;
    const total = s.findings.length;
    out.push({ sheet: s.sheet, findings: total <= left ? s.findings : s.findings.slice(0, left), total });
    left -= total;
  }
  return out;
}

export function FindingsList(props: FindingsListProps) {
  const { findings, accepted, lang, mode, ruleTitles = {} } = props;
  const tr = translator(lang);
  const styles = useStyles();
  const [severities, setSeverities] = useState<Set<Severity>>(() => new Set(SEVERITIES));
  const [sources, setSources] = useState<Set<FindingSource>>(() => new Set(SOURCES));
  // The list of findings whose hidden info findings were revealed: a new audit hides them again.
  const [revealedFor, setRevealedFor] = useState<Finding[] | null>(null);
  // How many findings each severity group shows, for one list of findings (a new audit starts over).
  const [pages, setPages] = useState<{ for: Finding[]; shown: Partial<Record<Severity, number>> }>({ for: findings, shown: {} });
  const [rules, setRules] = useState<string[]>([]);
  const [showAccepted, setShowAccepted] = useState(true);
  const [expanded, setExpanded] = useState<string | null>(null);

  // The items get stable callbacks that call the latest props.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const onActivate = useCallback((f: Finding) => {
    setExpanded((cur) => (cur === f.key ? null : f.key));
    latest.current.onSelect?.(f);
  }, []);
  const onToggleAccepted = useCallback((f: Finding, on: boolean) => latest.current.onToggleAccepted(f, on), []);
  const onSelectRelated = useCallback((f: Finding, ref: string) => latest.current.onSelectRelated?.(f, ref), []);

  const ruleIds = useMemo(() => [...new Set(findings.map((f) => f.rule))].sort(), [findings]);
  const ruleTitle = (id: string) => ruleTitles[id]?.[lang] || id;
  const acceptedCount = useMemo(() => findings.filter((f) => accepted.has(f.key)).length, [findings, accepted]);
  const counts = useMemo(() => {
    const severity = new Map<Severity, number>();
    const source = new Map<FindingSource, number>();
    const rule = new Map<string, number>();
    for (const f of findings) {
      rule.set(f.rule, (rule.get(f.rule) ?? 0) + 1);
      if (!showAccepted && accepted.has(f.key)) continue;
      severity.set(f.severity, (severity.get(f.severity) ?? 0) + 1);
      source.set(f.source, (source.get(f.source) ?? 0) + 1);
    }
    return { severity, source, rule };
  }, [findings, accepted, showAccepted]);

  const revealed = revealedFor === findings;
  const view = useMemo(() => {
    const filtered = findings.filter(
      (f) =>
        severities.has(f.severity) &&
        sources.has(f.source) &&
        (rules.length === 0 || rules.includes(f.rule)) &&
        (showAccepted || !accepted.has(f.key)),
    );
    // Cap the info findings (most consequential first) but keep the list's own order.
    const hidden = new Set(capLowSeverity(filtered).hidden);
    const shown = revealed || hidden.size === 0 ? filtered : filtered.filter((f) => !hidden.has(f));
    // Group headings count every finding that passes the filters, shown or not.
    const totals = new Map(SEVERITIES.map((s) => [s, filtered.filter((f) => f.severity === s).length]));
    const groups = groupFindings(shown).map((g) => ({ ...g, count: totals.get(g.severity) ?? g.count, listed: g.sheets.reduce((n, s) => n + s.findings.length, 0) }));
    return { hidden, groups };
  }, [findings, severities, sources, rules, showAccepted, accepted, revealed]);
  const { hidden, groups } = view;
  const shownOf = (s: Severity) => (pages.for === findings ? (pages.shown[s] ?? PAGE) : PAGE);
  const showMore = (s: Severity) =>
    setPages((cur) => {
      const shown = cur.for === findings ? cur.shown : {};
      return { for: findings, shown: { ...shown, [s]: (shown[s] ?? PAGE) + PAGE } };
    });

  const toggle = <T,>(set: (fn: (cur: Set<T>) => Set<T>) => void, v: T) =>
    set((cur) => {
      const next = new Set(cur);
      if (next.has(v)) next.delete(v);
      else next.add(v);
      return next;
    });
  const toggleSeverity = (s: Severity) => toggle(setSeverities, s);
  const toggleSource = (s: FindingSource) => toggle(setSources, s);

  if (findings.length === 0) return <Body1 className={styles.empty}>{tr("noFindings")}</Body1>;

  return (
    <div className={styles.root}>
      <div className={styles.summary} aria-live="polite">
        <Body1>
          <strong>{tr("summary", { n: findings.length })}</strong>
        </Body1>
        <Badge appearance="tint" color="brand">
          {tr("summaryNew", { n: findings.length - acceptedCount })}
        </Badge>
        {acceptedCount > 0 && (
          <Badge appearance="tint" color="success">
            {tr("summaryAccepted", { n: acceptedCount })}
          </Badge>
        )}
      </div>

      <div className={styles.filters}>
        <div className={styles.toggleRow}>
          <div className={styles.toggles} role="group" aria-label={tr("filterSeverity")}>
            {SEVERITIES.map((s) => (
              <ToggleButton key={s} size="small" checked={severities.has(s)} onClick={() => toggleSeverity(s)}>
                {`${tr(`severity_${s}`)} (${counts.severity.get(s) ?? 0})`}
              </ToggleButton>
            ))}
          </div>
          <div className={styles.toggles} role="group" aria-label={tr("filterSource")}>
            {SOURCES.map((s) => (
              <ToggleButton key={s} size="small" checked={sources.has(s)} title={tr(`sourceHint_${s}`)} onClick={() => toggleSource(s)}>
                {`${tr(`source_${s}`)} (${counts.source.get(s) ?? 0})`}
              </ToggleButton>
            ))}
          </div>
        </div>
        {ruleIds.length > 1 && (
          <Dropdown
            className={styles.dropdown}
            size="small"
            multiselect
            aria-label={tr("filterRule")}
            placeholder={tr("allRules")}
            value={rules.length === 0 ? "" : rules.length === 1 ? ruleTitle(rules[0] ?? "") : tr("rulesSelected", { n: rules.length })}
            selectedOptions={rules}
            onOptionSelect={(_, data) => setRules(data.selectedOptions)}
          >
            {ruleIds.map((id) => (
              <Option key={id} value={id} text={ruleTitle(id)}>
                {`${ruleTitle(id)} (${counts.rule.get(id) ?? 0})`}
              </Option>
            ))}
          </Dropdown>
        )}
        {acceptedCount > 0 && <Checkbox checked={showAccepted} onChange={(_, d) => setShowAccepted(d.checked === true)} label={tr("showAccepted")} />}
      </div>

      {groups.length === 0 && <Body1 className={styles.empty}>{tr("noMatch")}</Body1>}
      {groups.map((g) => {
        const limit = shownOf(g.severity);
        const left = g.listed - limit;
        return (
          <section key={g.severity} className={styles.group} aria-label={`${tr(`severity_${g.severity}`)} (${g.count})`}>
            <h3 className={styles.groupTitle}>
              <Badge appearance="filled" color={SEVERITY_COLOR[g.severity]}>
                {g.count}
              </Badge>
              {tr(`severity_${g.severity}`)}
            </h3>
            {firstOfGroup(g.sheets, limit).map((s) => (
              <div key={s.sheet}>
                <h4 className={styles.sheetTitle}>{`${tr("sheet")} ${s.sheet} (${s.total})`}</h4>
                <ul className={styles.list}>
                  {s.findings.map((f) => (
                    <FindingItem
                      key={f.key}
                      f={f}
                      isAccepted={accepted.has(f.key)}
                      open={expanded === f.key}
                      lang={lang}
                      mode={mode}
                      ruleTitle={ruleTitle(f.rule)}
                      onActivate={onActivate}
                      onToggleAccepted={onToggleAccepted}
                      onSelectRelated={props.onSelectRelated ? onSelectRelated : undefined}
                    />
                  ))}
                </ul>
              </div>
            ))}
            {left > 0 && (
              <Button className={styles.more} appearance="secondary" onClick={() => showMore(g.severity)}>
                {tr("showMorePage", { n: Math.min(PAGE, left), left })}
              </Button>
            )}
          </section>
        );
      })}
      {!revealed && hidden.size > 0 && (
        <Button className={styles.more} appearance="secondary" onClick={() => setRevealedFor(findings)}>
          {tr("showMoreInfo", { n: hidden.size })}
        </Button>
      )}
    </div>
  );
}
