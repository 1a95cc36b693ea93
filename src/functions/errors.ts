/**
 * The bridge between the core's SakipError and Excel's CustomFunctions.Error.
 *
 * Every custom function body is `try { return checked(core.X(...)) } catch (e) { throw toCustomFunctionError(e) }`
 * (`invoke` wraps the same path around a closure). Together they guarantee that a
 * function either returns a finite number or a text, or throws an error Excel can show:
 *
 * | core code | CustomFunctions.ErrorCode | custom message? |
 * |-----------|---------------------------|-----------------|
 * | #VALUE!   | invalidValue              | yes             |
 * | #N/A      | notAvailable              | yes             |
 * | #DIV/0!   | divisionByZero            | no              |
 * | #NUM!     | invalidNumber             | no              |
 * | #NULL!    | nullReference             | no              |
 * | #REF!, #NAME? | invalidValue (with the original code in the message): Excel accepts them as
 * |           | inputs to a custom function but not as its output |
 *
 * Microsoft allows a custom message only with #VALUE! and #N/A; for the other codes the message is
 * dropped, otherwise Excel may reject the error object.
 *
 * Nothing here assumes that Office.js is loaded: without a `CustomFunctions` global (unit tests,
 * the task pane opened in a plain browser, office.js blocked) `invoke` throws a plain
 * `{ code, message }` object instead.
 */
import { SakipError, type ExcelErrorCode } from "../core/errors.js";

/** Excel shows custom messages in a small tooltip; longer texts are cut. */
export const MAX_MESSAGE_LENGTH = 250;

/** What `invoke` throws when the CustomFunctions runtime is absent. */
export interface PlainFunctionError {
  code: ExcelErrorCode;
  message: string;
}

type ErrorCodeKey = "invalidValue" | "notAvailable" | "divisionByZero" | "invalidNumber" | "nullReference";

/** Output code → CustomFunctions.ErrorCode member. #REF! and #NAME? are not valid outputs. */
const OUTPUT_CODES: Record<ExcelErrorCode, { key: ErrorCodeKey; code: ExcelErrorCode }> = {
  "#VALUE!": { key: "invalidValue", code: "#VALUE!" },
  "#N/A": { key: "notAvailable", code: "#N/A" },
  "#DIV/0!": { key: "divisionByZero", code: "#DIV/0!" },
  "#NUM!": { key: "invalidNumber", code: "#NUM!" },
  "#NULL!": { key: "nullReference", code: "#NULL!" },
  "#REF!": { key: "invalidValue", code: "#VALUE!" },
  "#NAME?": { key: "invalidValue", code: "#VALUE!" },
};

const CODES_WITH_MESSAGE: ReadonlySet<ExcelErrorCode> = new Set<ExcelErrorCode>(["#VALUE!", "#N/A"]);

export const GENERIC_MESSAGE =
  "Terjadi kesalahan tak terduga saat menghitung; periksa argumen fungsi / Unexpected error while calculating; check the function arguments";

type CustomFunctionsRuntime = Partial<Pick<typeof CustomFunctions, "Error" | "ErrorCode" | "associate">>;

/** The CustomFunctions runtime when Office.js provided one, looked up at call time. */
export function customFunctionsRuntime(): CustomFunctionsRuntime | undefined {
  const cf = (globalThis as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  return cf !== null && typeof cf === "object" ? cf : undefined;
}

/** Cut a message to Excel's limit, on a word boundary when there is one close by. */
export function truncateMessage(message: string, max = MAX_MESSAGE_LENGTH): string {
  const text = message.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const KNOWN_CODES = new Set<string>(Object.keys(OUTPUT_CODES));

function isExcelErrorCode(v: unknown): v is ExcelErrorCode {
  return typeof v === "string" && KNOWN_CODES.has(v);
}

/** The core code and the user message carried by anything that was thrown. */
function describe(thrown: unknown): { code: ExcelErrorCode; message: string } {
  if (thrown instanceof SakipError) return { code: thrown.code, message: thrown.userMessage };
  // An error object that already speaks Excel: a CustomFunctions.Error, a PlainFunctionError,
  // or a SakipError from another copy of the core module.
  if (thrown !== null && typeof thrown === "object" && isExcelErrorCode((thrown as { code?: unknown }).code)) {
    const t = thrown as { code: ExcelErrorCode; userMessage?: unknown; message?: unknown };
    const message = typeof t.userMessage === "string" ? t.userMessage : typeof t.message === "string" ? t.message : "";
    return { code: t.code, message: message || GENERIC_MESSAGE };
  }
  return { code: "#VALUE!", message: GENERIC_MESSAGE };
}

/**
 * Turn anything thrown by the core into what a custom function must throw: a CustomFunctions.Error
 * when the runtime is there, a plain `{ code, message }` otherwise.
 */
export function toCustomFunctionError(thrown: unknown): unknown {
  const { code: coreCode, message: rawMessage } = describe(thrown);
  const out = OUTPUT_CODES[coreCode];
  const message = truncateMessage(out.code === coreCode ? rawMessage : `${coreCode}: ${rawMessage}`);
  const cf = customFunctionsRuntime();
  if (cf && typeof cf.Error === "function") {
    const errorCode = (cf.ErrorCode?.[out.key] ?? out.code) as CustomFunctions.ErrorCode;
    return CODES_WITH_MESSAGE.has(out.code) ? new cf.Error(errorCode, message) : new cf.Error(errorCode);
  }
  const plain: PlainFunctionError = { code: out.code, message };
  return plain;
}

/** Run a core function and hand Excel a finite number, a text, or a proper error. */
/**
 * The result a custom function may hand to Excel: a finite number (never -0) or a text. Anything
 * else becomes a SakipError, which the caller's catch turns into a CustomFunctions.Error.
 */
export function checked<T extends number | string>(result: T): T {
  if (typeof result === "number") {
    if (!Number.isFinite(result)) throw new SakipError("#NUM!", "hasil bukan angka terhingga", "the result is not a finite number");
    return (result === 0 ? 0 : result) as T; // never -0
  }
  if (typeof result === "string") return result;
  throw new SakipError("#VALUE!", "hasil fungsi tidak dikenal", "the function returned an unknown kind of value");
}

/**
 * Run `fn` the way every custom function body runs: `try { return checked(core.X(...)) } catch (e)
 * { throw toCustomFunctionError(e) }`. The wrappers spell that out inline (no closure per call: a
 * third of CAPAIAN's cost); `invoke` is the same path for callers that have a closure anyway.
 */
export function invoke<T extends number | string>(fn: () => T): T {
  try {
    return checked(fn());
  } catch (thrown) {
    throw toCustomFunctionError(thrown);
  }
}

/** The part of the CustomFunctions namespace that the metadata plugin's appended lines call. */
export interface Associator {
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

/**
 * A stand-in for the global `CustomFunctions` whose `associate` forwards to the real runtime when
 * Office.js provided one, and otherwise does nothing (task pane opened in a plain browser, office.js
 * blocked or offline, unit tests).
 */
export function associateShim(): Associator {
  return {
    associate(id, fn) {
      const cf = customFunctionsRuntime();
      if (cf && typeof cf.associate === "function") cf.associate(id, fn);
    },
  };
}
