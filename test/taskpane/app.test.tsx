// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { AuditResult, Finding } from "../../src/core/audit/types.js";
import type { WorkbookSnapshot } from "../../src/core/snapshot.js";
import { XlsxReadError } from "../../src/io/xlsx.js";
import { App } from "../../src/taskpane/App.js";
import type { AcceptedBackend, ExcelBridge } from "../../src/taskpane/bridge.js";
import { detectHost } from "../../src/taskpane/host.js";
import { Root } from "../../src/taskpane/Root.js";
import "./setup.js";

beforeEach(() => {
  localStorage.clear();
  delete (globalThis as { Office?: unknown }).Office;
  delete (globalThis as { Excel?: unknown }).Excel;
});
afterEach(cleanup);

const SNAPSHOT: WorkbookSnapshot = {
  source: "lkjip-ntt-2025.xlsx",
  sheets: [
    { name: "Tabel 3", cells: [{ row: 1, col: 1, value: "x" }] },
    { name: "Kunci", protected: true, cells: [] },
  ],
};

const FINDINGS: Finding[] = [
  {
    rule: "digit-grouping",
    severity: "error",
    source: "schema",
    sheet: "Tabel 3",
    cell: "D7",
    related: ["D8"],
    message_id: 'Angka "23.2547" tidak sah',
    message_en: 'Number "23.2547" is malformed',
    expected: 23254.7,
    actual: "23.2547",
    key: "digit-grouping|Tabel 3|D7",
  },
  {
    rule: "totals",
    severity: "warning",
    source: "schema",
    sheet: "Kunci",
    cell: "B2",
    related: [],
    message_id: "Jumlah tidak cocok",
    message_en: "Total does not match",
    key: "totals|Kunci|B2",
  },
];

const RESULT: AuditResult = {
  findings: FINDINGS,
  summary: { error: 1, warning: 1, info: 0 },
  recognised: [],
  notes: [{ id: "Catatan uji", en: "Test note" }],
  cancelled: false,
};

function memoryAccepted(): AcceptedBackend & { keys: Set<string> } {
  const keys = new Set<string>();
  return {
    keys,
    load: () => Promise.resolve(new Set(keys)),
    set: (key, on) => {
      if (on) keys.add(key);
      else keys.delete(key);
      return Promise.resolve(new Set(keys));
    },
  };
}

describe("host detection", () => {
  it("no Office at all → standalone", async () => {
    expect(await detectHost(50)).toBe("standalone");
  });

  it("Office.onReady with no host (plain browser) → standalone", async () => {
    expect(await detectHost(50, { Office: { onReady: () => Promise.resolve({ host: null, platform: null }) } })).toBe("standalone");
  });

  it("Office.onReady that never resolves → standalone after the timeout", async () => {
    const t0 = Date.now();
    expect(await detectHost(60, { Office: { onReady: () => new Promise(() => {}) } })).toBe("standalone");
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("Excel host with the Excel API → excel", async () => {
    const scope = { Office: { onReady: () => Promise.resolve({ host: "Excel" }), HostType: { Excel: "Excel" } }, Excel: {} };
    expect(await detectHost(50, scope)).toBe("excel");
  });
});

describe("App", () => {
  it("runs standalone when Office is not present", async () => {
    render(<Root initialLang="id" />);
    expect(await screen.findByText("Mode mandiri (tanpa Excel)")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Gunakan contoh" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Pilih berkas .xlsx" })).toBeTruthy();
    expect((screen.getByRole("button", { name: "Periksa" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("switches language", async () => {
    render(<App mode="standalone" initialLang="id" />);
    expect(screen.getByRole("button", { name: "Periksa" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Ganti bahasa ke English" }));
    expect(screen.getByRole("button", { name: "Audit" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Use the sample" })).toBeTruthy();
    expect(screen.getByText("Standalone mode (no Excel)")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    fireEvent.click(screen.getByRole("button", { name: "Switch language to Bahasa Indonesia" }));
    expect(screen.getByRole("button", { name: "Periksa" })).toBeTruthy();
  });

  it("standalone: sample → audit → findings; Tandai OK persists and survives a new audit", async () => {
    const accepted = memoryAccepted();
    const auditFn = vi.fn(() => RESULT);
    render(
      <App
        mode="standalone"
        initialLang="id"
        loadSample={() => Promise.resolve(new ArrayBuffer(8))}
        readWorkbook={() => Promise.resolve(SNAPSHOT)}
        auditFn={auditFn}
        acceptedFor={() => accepted}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Gunakan contoh" }));
    expect(await screen.findByText("Berkas: lkjip-ntt-2025.xlsx · 2 lembar")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Periksa" }));
    expect(await screen.findByText('Angka "23.2547" tidak sah')).toBeTruthy();
    expect(auditFn).toHaveBeenCalledWith(SNAPSHOT, expect.objectContaining({ schema: expect.anything() }));
    // Standalone shows the sheet with the address.
    expect(screen.getByText("Tabel 3!D7")).toBeTruthy();
    expect(screen.getByText("Catatan uji")).toBeTruthy();
    // No Excel actions in standalone mode.
    expect(screen.queryByRole("button", { name: "Warnai sel temuan" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Tandai temuan di Tabel 3!D7 sebagai OK" }));
    await waitFor(() => expect(accepted.keys.has("digit-grouping|Tabel 3|D7")).toBe(true));
    expect(screen.getByText("1 ditandai OK")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Periksa ulang" }));
    await waitFor(() => expect(auditFn).toHaveBeenCalledTimes(2));
    const item = await waitFor(() => {
      const li = document.querySelector('li[data-finding="digit-grouping|Tabel 3|D7"]');
      if (!li) throw new Error("not yet");
      return li as HTMLElement;
    });
    expect(item.getAttribute("data-accepted")).toBe("true");
    expect(within(item).getByText("Ditandai OK")).toBeTruthy();
  });

  it("shows an XlsxReadError's message in the chosen language", async () => {
    const err = new XlsxReadError("not_xlsx", 'Berkas "x.xlsx" bukan berkas Excel .xlsx', 'File "x.xlsx" is not an Excel .xlsx file');
    render(<App mode="standalone" initialLang="id" loadSample={() => Promise.resolve(new ArrayBuffer(1))} readWorkbook={() => Promise.reject(err)} />);
    fireEvent.click(screen.getByRole("button", { name: "Gunakan contoh" }));
    expect(await screen.findByText('Berkas "x.xlsx" bukan berkas Excel .xlsx')).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Ganti bahasa ke English" }));
    expect(screen.getByText('File "x.xlsx" is not an Excel .xlsx file')).toBeTruthy();
  });

  it("refuses a file that is not .xlsx", async () => {
    render(<App mode="standalone" initialLang="en" />);
    const input = screen.getByTestId("xlsx-input");
    fireEvent.change(input, { target: { files: [new File(["a,b"], "data.csv", { type: "text/csv" })] } });
    expect(await screen.findByText('Only .xlsx files can be audited ("data.csv").')).toBeTruthy();
  });

  it("lists the problems of a bad user schema", async () => {
    render(<App mode="standalone" initialLang="id" />);
    const input = screen.getByTestId("schema-input");
    fireEvent.change(input, { target: { files: [new File(['{"version": 2}'], "skema.json", { type: "application/json" })] } });
    expect(await screen.findByText(/Skema "skema.json" tidak valid/)).toBeTruthy();
    expect(screen.getAllByRole("listitem").some((li) => /version/.test(li.textContent ?? ""))).toBe(true);
  });

  it("Excel mode: reads through the adapter, selects cells, highlights, names protected sheets", async () => {
    const bridge: ExcelBridge = {
      read: vi.fn(async (opts) => {
        opts.onProgress?.({ fraction: 0.5, syncs: 2, phase: "ranges" });
        return SNAPSHOT;
      }),
      highlight: vi.fn(async () => ({ highlighted: 1, protectedSheets: ["Kunci"], missingSheets: [], syncs: 2 })),
      clearHighlights: vi.fn(async () => ({ restored: 1, changedByUser: 0, protectedSheets: [], missingSheets: [], syncs: 2 })),
      hasHighlights: () => false,
      writeReport: vi.fn(async () => ({ sheet: "Audit SAKIP", rows: 2, syncs: 2 })),
      selectCell: vi.fn(async () => {}),
    };
    const accepted = memoryAccepted();
    render(<App mode="excel" bridge={bridge} initialLang="id" auditFn={() => RESULT} acceptedFor={() => accepted} />);
    expect(screen.getByText("Terhubung ke Excel")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Gunakan contoh" })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Periksa" }));
    });
    expect(await screen.findByText('Angka "23.2547" tidak sah')).toBeTruthy();
    expect(bridge.read).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/Lembar terlindungi: Kunci/)).toBeTruthy();

    fireEvent.click(screen.getByText('Angka "23.2547" tidak sah'));
    expect(bridge.selectCell).toHaveBeenCalledWith("Tabel 3", "D7");
    fireEvent.click(screen.getByRole("button", { name: "D8" }));
    expect(bridge.selectCell).toHaveBeenLastCalledWith("Tabel 3", "D8");

    fireEvent.click(screen.getByRole("button", { name: "Warnai sel temuan" }));
    expect(await screen.findByText("Tidak diwarnai karena lembarnya terlindungi: Kunci.")).toBeTruthy();
    expect(bridge.highlight).toHaveBeenCalledWith(FINDINGS);

    fireEvent.click(screen.getByRole("button", { name: "Tulis lembar laporan" }));
    expect(await screen.findByText('Laporan ditulis ke lembar baru "Audit SAKIP".')).toBeTruthy();
    expect(bridge.writeReport).toHaveBeenCalledWith(FINDINGS, "id");
  });

  it("Excel mode: cancel during reading says so", async () => {
    const bridge: ExcelBridge = {
      read: vi.fn(
        (opts) =>
          new Promise<WorkbookSnapshot>((_, reject) => {
            const timer = setInterval(() => {
              if (opts.signal?.aborted) {
                clearInterval(timer);
                reject(Object.assign(new Error("cancelled"), { name: "ReadCancelledError" }));
              }
            }, 5);
          }),
      ),
      highlight: vi.fn(),
      clearHighlights: vi.fn(),
      hasHighlights: () => false,
      writeReport: vi.fn(),
      selectCell: vi.fn(),
    };
    render(<App mode="excel" bridge={bridge} initialLang="en" auditFn={() => RESULT} />);
    fireEvent.click(screen.getByRole("button", { name: "Audit" }));
    fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(await screen.findByText("Audit cancelled.")).toBeTruthy();
  });
});
