/**
 * The audit off the UI thread. The page posts one {@link AuditRequest}; the worker answers with
 * progress messages and then exactly one "done" or "error". Cancelling = the page terminates the
 * worker (see auditClient.ts), so the worker itself needs no cancellation protocol.
 *
 * The snapshot, the schema and the result are plain data, so they cross the boundary by structured
 * clone as they are.
 */
import { runAudit } from "../core/audit/engine.js";
import type { AuditResult } from "../core/audit/types.js";
import type { Schema } from "../core/schema/schema.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";

export interface AuditRequest {
  snapshot: WorkbookSnapshot;
  /** Absent: the built-in schema. */
  schema?: Schema;
}

export type AuditResponse =
  | { type: "progress"; fraction: number; rule: string }
  | { type: "done"; result: AuditResult }
  | { type: "error"; message: string };

/** The worker's whole job, free of worker globals so it can be tested directly. */
export function handleAuditRequest(req: AuditRequest, post: (msg: AuditResponse) => void, audit: typeof runAudit = runAudit): void {
  try {
    if (!req || typeof req !== "object" || !Array.isArray(req.snapshot?.sheets)) throw new Error("invalid audit request: no snapshot");
    const result = audit(req.snapshot, {
      ...(req.schema ? { schema: req.schema } : {}),
      onProgress: (fraction, rule) => post({ type: "progress", fraction, rule }),
    });
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
