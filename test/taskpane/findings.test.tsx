// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Finding } from "../../src/core/audit/types.js";
import { FindingsList, PAGE, groupFindings } from "../../src/taskpane/FindingsList.js";
import type { Lang } from "../../src/taskpane/i18n.js";
import "./setup.js";
import * as format from "../../src/taskpane/format.js";

// formatValue runs once per shown value of a rendered finding: its calls count the items rendered.
vi.mock("../../src/taskpane/format.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/taskpane/format.js")>();
  return { ...real, formatValue: vi.fn(real.formatValue) };
});

afterEach(cleanup);

function f(partial: Partial<Finding> & Pick<Finding, "sheet" | "cell" | "severity">): Finding {
  return {
    rule: "recompute",
    source: "schema",
    related: [],
    message_id: `Pesan untuk ${partial.cell}`,
    message_en: `Message for ${partial.cell}`,
    key: `${partial.rule ?? "recompute"}|${partial.sheet}|${partial.cell}`,
    ...partial,
  };
}

export const FINDINGS: Finding[] = [
  f({
    sheet: "Tabel 3",
    cell: "D7",
    severity: "error",
    rule: "digit-grouping",
    message_id: 'Angka "23.2547" tidak sah',
    message_en: 'Number "23.2547" is malformed',
    expected: 23254.7,
    actual: "23.2547",
    related: ["D8", "Tabel 4!E9"],
  }),
  f({ sheet: "Tabel 3", cell: "E9", severity: "error", expected: 0.9573, actual: 0.9612 }),
  f({ sheet: "Tabel 5", cell: "C4", severity: "error" }),
  f({ sheet: "Tabel 5", cell: "F2", severity: "warning", rule: "units" }),
  f({ sheet: "IKPA", cell: "B3", severity: "info", rule: "totals" }),
];

const TITLES = {
  "digit-grouping": { id: "Pengelompokan digit", en: "Digit grouping" },
  recompute: { id: "Hitung ulang", en: "Recompute" },
  units: { id: "Satuan", en: "Units" },
  totals: { id: "Jumlah", en: "Totals" },
};

function renderList(opts: { lang?: Lang; accepted?: string[]; onToggle?: (f: Finding, on: boolean) => void; onSelect?: (f: Finding) => void } = {}) {
  const onToggle = opts.onToggle ?? vi.fn();
  return render(
    <FluentProvider theme={webLightTheme}>
      <FindingsList
        findings={FINDINGS}
        accepted={new Set(opts.accepted ?? [])}
        lang={opts.lang ?? "id"}
        mode="excel"
        ruleTitles={TITLES}
        onToggleAccepted={onToggle}
        onSelect={opts.onSelect}
        onSelectRelated={() => {}}
      />
    </FluentProvider>,
  );
}

const items = () => [...document.querySelectorAll("li[data-finding]")];

describe("FindingsList", () => {
  it("groups by severity then sheet, with counts", () => {
    renderList();
    const groups = screen.getAllByRole("region");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["Galat (3)", "Peringatan (1)", "Info (1)"]);
    const errors = groups[0] as HTMLElement;
    expect(within(errors).getByText("Lembar Tabel 3 (2)")).toBeTruthy();
    expect(within(errors).getByText("Lembar Tabel 5 (1)")).toBeTruthy();
    expect(screen.getByText("5 temuan")).toBeTruthy();
    expect(screen.getByText("5 baru")).toBeTruthy();
    // Cell address, message and id-ID formatted expected/actual.
    const first = items()[0] as HTMLElement;
    expect(within(first).getByText("D7")).toBeTruthy();
    expect(within(first).getByText('Angka "23.2547" tidak sah')).toBeTruthy();
    expect(within(first).getByText("23.254,7")).toBeTruthy();
    expect(within(first).getByText("23.2547")).toBeTruthy();
    expect(within(items()[1] as HTMLElement).getByText("0,9573")).toBeTruthy();
    expect(groupFindings(FINDINGS).map((g) => [g.severity, g.count, g.sheets.length])).toEqual([
      ["error", 3, 2],
      ["warning", 1, 1],
      ["info", 1, 1],
    ]);
  });

  it("filters by severity", () => {
    renderList();
    fireEvent.click(screen.getByRole("button", { name: "Galat (3)" }));
    expect(items()).toHaveLength(2);
    expect(screen.queryByRole("region", { name: "Galat (3)" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Peringatan (1)" }));
    fireEvent.click(screen.getByRole("button", { name: "Info (1)" }));
    expect(items()).toHaveLength(0);
    expect(screen.getByText("Tidak ada temuan yang cocok dengan filter.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Galat (3)" }));
    expect(items()).toHaveLength(3);
  });

  it("filters by rule", async () => {
    renderList();
    fireEvent.click(screen.getByRole("combobox", { name: "Aturan" }));
    fireEvent.click(await screen.findByRole("menuitemcheckbox", { name: /Satuan/ }));
    expect(items().map((i) => i.getAttribute("data-finding"))).toEqual(["units|Tabel 5|F2"]);
    fireEvent.click(await screen.findByRole("menuitemcheckbox", { name: /Jumlah/ }));
    expect(items()).toHaveLength(2);
  });

  it("speaks English", () => {
    renderList({ lang: "en" });
    expect(screen.getAllByRole("region").map((g) => g.getAttribute("aria-label"))).toEqual(["Error (3)", "Warning (1)", "Info (1)"]);
    expect(screen.getByText('Number "23.2547" is malformed')).toBeTruthy();
    expect(screen.getByText("Sheet Tabel 3 (2)")).toBeTruthy();
    expect(screen.getAllByText("Expected:", { exact: false }).length).toBeGreaterThan(0);
    // Numbers stay id-ID in English too.
    expect(screen.getByText("23.254,7")).toBeTruthy();
  });

  it("shows accepted findings as accepted, and can hide them", () => {
    const onToggle = vi.fn();
    renderList({ accepted: ["recompute|Tabel 5|C4"], onToggle });
    expect(screen.getByText("4 baru")).toBeTruthy();
    expect(screen.getByText("1 ditandai OK")).toBeTruthy();
    const acceptedItem = document.querySelector('li[data-finding="recompute|Tabel 5|C4"]') as HTMLElement;
    expect(acceptedItem.getAttribute("data-accepted")).toBe("true");
    expect(within(acceptedItem).getByText("Ditandai OK")).toBeTruthy();
    fireEvent.click(within(acceptedItem).getByRole("button", { name: "Batalkan tanda OK temuan di Tabel 5!C4" }));
    expect(onToggle).toHaveBeenCalledWith(expect.objectContaining({ cell: "C4" }), false);
    fireEvent.click(screen.getByRole("button", { name: "Tandai temuan di Tabel 3!D7 sebagai OK" }));
    expect(onToggle).toHaveBeenLastCalledWith(expect.objectContaining({ cell: "D7" }), true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Tampilkan yang ditandai OK" }));
    expect(items()).toHaveLength(4);
  });

  it("is keyboard operable: Enter and Space select a finding and show related cells", () => {
    const onSelect = vi.fn();
    renderList({ onSelect });
    const main = within(items()[0] as HTMLElement).getAllByRole("button")[0] as HTMLElement;
    expect(main.tabIndex).toBe(0);
    fireEvent.keyDown(main, { key: "Enter" });
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(main.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByText("Sel terkait:")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Tabel 4!E9" })).toBeTruthy();
    fireEvent.keyDown(main, { key: " " });
    expect(onSelect).toHaveBeenCalledTimes(2);
    expect(main.getAttribute("aria-expanded")).toBe("false");
  });

  it("shows each finding's source as a badge, and filters by source", () => {
    const mixed = [...FINDINGS, f({ sheet: "Data", cell: "G12", severity: "warning", rule: "label-totals", source: "generic" })];
    const { rerender } = render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={mixed} accepted={new Set()} lang="id" mode="excel" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    const badge = (key: string) => document.querySelector(`li[data-finding="${key}"] [data-source-badge]`) as HTMLElement;
    expect(badge("recompute|Tabel 5|C4").textContent).toBe("Skema");
    expect(badge("recompute|Tabel 5|C4").getAttribute("title")).toBe("Aturan skema indikator");
    expect(badge("label-totals|Data|G12").textContent).toBe("Umum");
    expect(badge("label-totals|Data|G12").getAttribute("title")).toBe("Pemeriksaan spreadsheet umum");

    const sourceGroup = screen.getByRole("group", { name: "Sumber" });
    fireEvent.click(within(sourceGroup).getByRole("button", { name: "Skema (5)" }));
    expect(items().map((i) => i.getAttribute("data-finding"))).toEqual(["label-totals|Data|G12"]);
    fireEvent.click(within(sourceGroup).getByRole("button", { name: "Umum (1)" }));
    expect(items()).toHaveLength(0);
    fireEvent.click(within(sourceGroup).getByRole("button", { name: "Skema (5)" }));
    expect(items()).toHaveLength(5);
    expect(items().every((i) => i.getAttribute("data-source") === "schema")).toBe(true);
    // The summary still counts everything.
    expect(screen.getByText("6 temuan")).toBeTruthy();

    rerender(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={mixed} accepted={new Set()} lang="en" mode="excel" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    expect(badge("recompute|Tabel 5|C4").textContent).toBe("Schema");
    expect(badge("recompute|Tabel 5|C4").getAttribute("title")).toBe("Indicator schema rule");
    expect(screen.getByRole("group", { name: "Source" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Generic (1)" }));
    expect(badge("label-totals|Data|G12").textContent).toBe("Generic");
    expect(badge("label-totals|Data|G12").getAttribute("title")).toBe("Generic spreadsheet check");
  });

  it("shows the 50 most consequential info findings, and the rest on request", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      f({ sheet: "Data", cell: `A${i + 1}`, severity: "info", rule: "units", source: "generic", impact: i / 100 }),
    );
    const all = [FINDINGS[0] as Finding, ...many];
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={all} accepted={new Set()} lang="id" mode="excel" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    expect(items()).toHaveLength(51);
    // The error is always shown; the 10 lowest-impact info findings (A1…A10) are the hidden ones.
    expect(document.querySelector('li[data-finding="digit-grouping|Tabel 3|D7"]')).not.toBeNull();
    expect(document.querySelector('li[data-finding="units|Data|A10"]')).toBeNull();
    expect(document.querySelector('li[data-finding="units|Data|A11"]')).not.toBeNull();
    // Counts still count everything.
    expect(screen.getByText("61 temuan")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Info (60)" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Info (60)" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Tampilkan 10 temuan info lainnya" }));
    expect(items()).toHaveLength(61);
    expect(screen.queryByRole("button", { name: /temuan info lainnya/ })).toBeNull();
  });

  it("has no reveal button when nothing is hidden, and speaks English when there is", () => {
    const many = Array.from({ length: 52 }, (_, i) => f({ sheet: "Data", cell: `B${i + 1}`, severity: "info" }));
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={many} accepted={new Set()} lang="en" mode="excel" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    expect(items()).toHaveLength(50);
    fireEvent.click(screen.getByRole("button", { name: "Show 2 more info findings" }));
    expect(items()).toHaveLength(52);
    cleanup();
    renderList();
    expect(screen.queryByRole("button", { name: /temuan info lainnya/ })).toBeNull();
  });

  it("shows a large group a page at a time, counts everything, and starts over for a new audit", () => {
    // 450 errors on two sheets (a page ends inside the second sheet), 3 warnings.
    const errors = Array.from({ length: 450 }, (_, i) => f({ sheet: i < 300 ? "Besar" : "Kecil", cell: `A${i + 1}`, severity: "error" }));
    const warnings = Array.from({ length: 3 }, (_, i) => f({ sheet: "Besar", cell: `W${i + 1}`, severity: "warning", rule: "units" }));
    const all = [...errors, ...warnings];
    const onToggle = vi.fn();
    const view = (list: Finding[]) => (
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={list} accepted={new Set()} lang="id" mode="excel" onToggleAccepted={onToggle} />
      </FluentProvider>
    );
    const { rerender } = render(view(all));
    const errorsShown = () => items().filter((li) => li.getAttribute("data-finding")?.includes("|A")).length;
    // Plain DOM lookups: role queries over hundreds of Fluent items are slow in jsdom.
    const button = (text: string) => [...document.querySelectorAll("button")].find((b) => b.textContent === text);
    const sheetTitle = (text: string) => [...document.querySelectorAll("h4")].some((h) => h.textContent === text);
    expect(PAGE).toBe(200);
    expect(errorsShown()).toBe(200);
    expect(items()).toHaveLength(203); // the small warning group is whole
    expect(document.querySelector('section[aria-label="Galat (450)"]')).not.toBeNull();
    expect(sheetTitle("Lembar Besar (300)")).toBe(true);
    expect(sheetTitle("Lembar Kecil (150)")).toBe(false);
    fireEvent.click(button("Tampilkan 200 temuan lagi (250 belum tampil)") as HTMLElement);
    expect(errorsShown()).toBe(400);
    expect(sheetTitle("Lembar Kecil (150)")).toBe(true);
    fireEvent.click(button("Tampilkan 50 temuan lagi (50 belum tampil)") as HTMLElement);
    expect(errorsShown()).toBe(450);
    expect([...document.querySelectorAll("button")].some((b) => /temuan lagi/.test(b.textContent ?? ""))).toBe(false);
    // A finding shown late works like any other.
    const last = document.querySelector('li[data-finding="recompute|Kecil|A450"]') as HTMLElement;
    fireEvent.click(last.querySelector('button[aria-label="Tandai temuan di Kecil!A450 sebagai OK"]') as HTMLElement);
    expect(onToggle).toHaveBeenCalledWith(expect.objectContaining({ cell: "A450" }), true);
    // A new audit (a new list) starts at one page again.
    rerender(view([...all]));
    expect(errorsShown()).toBe(200);
  }, 60_000);

  it("opening a finding re-renders that finding (and the one that closes), not the whole list", () => {
    const list = Array.from({ length: 30 }, (_, i) => f({ sheet: "S", cell: `A${i + 1}`, severity: "error", expected: i, related: ["B1"] }));
    const calls = vi.mocked(format.formatValue);
    calls.mockClear();
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={list} accepted={new Set()} lang="id" mode="standalone" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    expect(calls).toHaveBeenCalledTimes(30); // every item rendered once
    const open = (i: number) => fireEvent.click((items()[i] as HTMLElement).querySelector('[role="button"]') as HTMLElement);
    calls.mockClear();
    open(1);
    expect(items()[1]?.querySelector('[role="button"]')?.getAttribute("aria-expanded")).toBe("true");
    expect(items()[1]?.textContent).toContain("B1");
    expect(calls).toHaveBeenCalledTimes(1);
    calls.mockClear();
    open(7);
    expect(items()[1]?.querySelector('[role="button"]')?.getAttribute("aria-expanded")).toBe("false");
    expect(calls).toHaveBeenCalledTimes(2);
  });

  it("omits the expected or actual line when the value is missing", () => {
    const list = [
      f({ sheet: "S", cell: "A1", severity: "error", expected: null, actual: 5 }),
      f({ sheet: "S", cell: "A2", severity: "error", expected: 7 }),
      f({ sheet: "S", cell: "A3", severity: "error", expected: null, actual: null }),
    ];
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={list} accepted={new Set()} lang="en" mode="excel" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    const [a1, a2, a3] = items() as HTMLElement[];
    expect(a1?.textContent).not.toContain("Expected");
    expect(a1?.textContent).toContain("Actual: 5");
    expect(a2?.textContent).toContain("Expected: 7");
    expect(a2?.textContent).not.toContain("Actual");
    expect(a3?.textContent).not.toContain("Expected");
    expect(a3?.textContent).not.toContain("Actual");
    expect(document.body.textContent).not.toContain("–");
  });

  it("renders cell text as text, never as HTML", () => {
    const evil = f({ sheet: "<b>x</b>", cell: "A1", severity: "error", message_id: '<img src=x onerror="alert(1)">' });
    render(
      <FluentProvider theme={webLightTheme}>
        <FindingsList findings={[evil]} accepted={new Set()} lang="id" mode="standalone" onToggleAccepted={() => {}} />
      </FluentProvider>,
    );
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
    expect(screen.getByText("<b>x</b>!A1")).toBeTruthy();
  });
});
