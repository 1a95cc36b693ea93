/**
 * The audit off the UI thread. The page posts an {@link AuditRequest}; the worker answers with
 * progress messages and then exactly one "done" or "error", and stays for the next request (its
 * compiled code and caches then make the next audit faster). Cancelling = the page terminates the
 * worker (see auditClient.ts), so the worker itself needs no cancellation protocol.
 *
 * The snapshot, the schema, the result and the chart's series are plain data, so they cross the
 * boundary by structured clone as they are.
 */
import { runAudit, type RunAuditOptions } from "../core/audit/engine.js";
import type { AuditResult } from "../core/audit/types.js";
import type { RecognisedTable } from "../core/audit/tables.js";
import { loadBuiltinSchema, type Schema } from "../core/schema/schema.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";
import { capaianSeries, type CapaianPoint } from "./capaian.js";

export interface AuditRequest {
  snapshot: WorkbookSnapshot;
  /** Absent: the built-in schema. */
  schema?: Schema;
}

/** The audit's result and, when the tables could be charted, the capaian chart's series. */
export type AuditOutcome = AuditResult & { series?: CapaianPoint[] };

export type AuditResponse =
  | { type: "progress"; fraction: number; rule: string }
  | { type: "done"; result: AuditOutcome }
  | { type: "error"; message: string };

/**
 * Audit, then chart the capaian tables the audit recognised (no second recognition). The series is
 * left out when the audit was cancelled or the tables were not handed over.
 */
export function auditWithSeries(snapshot: WorkbookSnapshot, opts: RunAuditOptions, audit: typeof runAudit = runAudit): AuditOutcome {
  let tables: RecognisedTable[] | undefined;
  const result = audit(snapshot, { ...opts, onTables: (t) => (tables = t) });
  if (result.cancelled || !tables) return result;
  try {
    return { ...result, series: capaianSeries(snapshot, opts.schema ?? loadBuiltinSchema(), tables) };
  } catch {
    return result; // the chart is a nicety; the page charts the snapshot itself then
  }
}

/** The worker's whole job, free of worker globals so it can be tested directly. */
export function handleAuditRequest(req: AuditRequest, post: (msg: AuditResponse) => void, audit: typeof runAudit = runAudit): void {
  try {
    if (!req || typeof req !== "object" || !Array.isArray(req.snapshot?.sheets)) throw new Error("invalid audit request: no snapshot");
    const result = auditWithSeries(
      req.snapshot,
      {
        ...(req.schema ? { schema: req.schema } : {}),
        onProgress: (fraction, rule) => post({ type: "progress", fraction, rule }),
      },
      audit,
    );
    post({ type: "done", result });
  } catch (e) {
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
}

// Wire the handler only inside a worker (not when a test or the page imports this module).
declare const WorkerGlobalScope: (new () => unknown) | undefined;
if (typeof WorkerGlobalScope !== "undefined" && typeof self !== "undefined" && self instanceof WorkerGlobalScope) {
  const scope = self as unknown as { onmessage: ((ev: MessageEvent<AuditRequest>) => void) | null; postMessage(msg: AuditResponse): void };
  scope.onmessage = (ev) => handleAuditRequest(ev.data, (msg) => scope.postMessage(msg));
}
