/**
 * Reading an uploaded .xlsx off the UI thread (standalone mode): parsing a large workbook takes
 * seconds, during which the page would not respond. The page posts a {@link ReadRequest}; the worker
 * answers with exactly one "done" (the snapshot, plain data) or "error". An XlsxReadError keeps its
 * kind and bilingual messages across the boundary (see readClient.ts).
 */
import { readXlsx } from "../io/xlsx.js";
import type { WorkbookSnapshot } from "../core/snapshot.js";

export interface ReadRequest {
  data: ArrayBuffer;
  name: string;
}

/** What crosses the boundary of a failed read: an XlsxReadError's fields, or a plain message. */
export interface ReadFailure {
  name: string;
  message: string;
  kind?: string;
  messageId?: string;
  messageEn?: string;
}

export type ReadResponse = { type: "done"; snapshot: WorkbookSnapshot } | { type: "error"; error: ReadFailure };

/** The worker's whole job, free of worker globals so it can be tested directly. */
export async function handleReadRequest(req: ReadRequest, post: (msg: ReadResponse) => void, read: typeof readXlsx = readXlsx): Promise<void> {
  try {
    if (!req || !(req.data instanceof ArrayBuffer) || typeof req.name !== "string") throw new Error("invalid read request");
    post({ type: "done", snapshot: await read(req.data, req.name) });
  } catch (e) {
    const x = e as Partial<ReadFailure>;
    post({
      type: "error",
      error: {
        name: typeof x?.name === "string" ? x.name : "Error",
        message: e instanceof Error ? e.message : String(e),
        ...(typeof x?.kind === "string" ? { kind: x.kind } : {}),
        ...(typeof x?.messageId === "string" ? { messageId: x.messageId } : {}),
        ...(typeof x?.messageEn === "string" ? { messageEn: x.messageEn } : {}),
      },
    });
  }
}

// Wire the handler only inside a worker (not when a test or the page imports this module).
declare const WorkerGlobalScope: (new () => unknown) | undefined;
if (typeof WorkerGlobalScope !== "undefined" && typeof self !== "undefined" && self instanceof WorkerGlobalScope) {
  const scope = self as unknown as { onmessage: ((ev: MessageEvent<ReadRequest>) => void) | null; postMessage(msg: ReadResponse): void };
  scope.onmessage = (ev) => void handleReadRequest(ev.data, (msg) => scope.postMessage(msg));
}
