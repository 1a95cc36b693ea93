/**
 * Where the page runs: inside Excel (Office.js loaded and the host is Excel) or standalone (a
 * plain browser, Office.js blocked or offline). Never throws and never waits more than `timeoutMs`.
 */
export type HostMode = "excel" | "standalone";

interface OfficeLike {
  onReady?: () => Promise<{ host?: unknown } | undefined>;
  HostType?: { Excel?: unknown };
}

export async function detectHost(timeoutMs = 1500, scope: unknown = globalThis): Promise<HostMode> {
  let office: OfficeLike | undefined;
  try {
    office = (scope as { Office?: OfficeLike }).Office;
  } catch {
    return "standalone";
  }
  if (!office || typeof office.onReady !== "function") return "standalone";
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const info = await Promise.race([Promise.resolve(office.onReady()).catch(() => undefined), timeout]);
    const host = info?.host;
    const excel = office.HostType?.Excel ?? "Excel";
    const hasExcelApi = typeof (scope as { Excel?: unknown }).Excel !== "undefined";
    return host !== undefined && host !== null && (host === excel || host === "Excel") && hasExcelApi ? "excel" : "standalone";
  } catch {
    return "standalone";
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
