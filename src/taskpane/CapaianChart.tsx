/**
 * A small bar chart of each indicator's capaian against its target (100%), in plain SVG.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { CapaianPoint } from "./capaian.js";
import { formatValue } from "./format.js";
import { translator, type Lang } from "./i18n.js";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  caption: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  svg: { width: "100%", height: "auto", display: "block" },
  empty: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const pct = (v: number) => new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 }).format(v);

export function CapaianChart({ points, lang }: { points: CapaianPoint[]; lang: Lang }) {
  const tr = translator(lang);
  const styles = useStyles();
  if (!points.length || points.every((p) => p.capaian === null)) {
    return <div className={styles.empty}>{tr("chartNone")}</div>;
  }
  const width = 320;
  const labelH = 16;
  const barH = 14;
  const rowH = labelH + barH + 10;
  const top = 4;
  const bottom = 18;
  const height = top + points.length * rowH + bottom;
  const left = 4;
  const right = 52;
  const maxPct = Math.min(200, Math.max(120, ...points.map((p) => p.capaian ?? 0)));
  const x = (v: number) => left + ((width - left - right) * Math.max(0, Math.min(v, maxPct))) / maxPct;
  const summary = points
    .map((p) => (p.capaian === null ? `${p.name}: ${tr("chartNoData")}` : tr("chartBar", { name: p.name, c: pct(p.capaian), r: formatValue(p.realisasi), t: formatValue(p.target) })))
    .join("; ");

  return (
    <figure className={styles.figure}>
      <figcaption className={styles.caption}>{tr("chartTitle")}</figcaption>
      <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {points.map((p, i) => {
          const y = top + i * rowH;
          const ok = p.capaian !== null && p.capaian >= 100;
          const color = p.capaian === null ? tokens.colorNeutralStroke2 : ok ? tokens.colorPaletteGreenBackground3 : tokens.colorPaletteMarigoldBackground3;
          return (
            <g key={p.id}>
              <title>
                {p.capaian === null
                  ? `${p.title}: ${tr("chartNoData")}`
                  : tr("chartBar", { name: p.title, c: pct(p.capaian), r: formatValue(p.realisasi), t: formatValue(p.target) })}
              </title>
              <text x={left} y={y + 12} style={{ fontSize: "11px", fill: tokens.colorNeutralForeground2 }}>
                {p.name}
              </text>
              <rect x={left} y={y + labelH} width={width - left - right} height={barH} rx={2} style={{ fill: tokens.colorNeutralBackground3 }} />
              {p.capaian !== null && <rect x={left} y={y + labelH} width={Math.max(1, x(p.capaian) - left)} height={barH} rx={2} style={{ fill: color }} />}
              <text x={width - right + 6} y={y + labelH + 11} style={{ fontSize: "11px", fontWeight: 600, fill: tokens.colorNeutralForeground1 }}>
                {p.capaian === null ? "–" : `${pct(p.capaian)}%`}
              </text>
            </g>
          );
        })}
        <line
          x1={x(100)}
          x2={x(100)}
          y1={top + labelH - 2}
          y2={height - bottom + 2}
          style={{ stroke: tokens.colorNeutralForeground1, strokeWidth: 1.5, strokeDasharray: "4 3" }}
        />
        <text x={x(100)} y={height - 4} textAnchor="middle" style={{ fontSize: "10px", fill: tokens.colorNeutralForeground2 }}>
          {tr("chartTargetLine")}
        </text>
      </svg>
    </figure>
  );
}
