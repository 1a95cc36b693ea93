/**
 * A stand-in for Excel's CustomFunctions runtime in Node tests: the Error class (also what Excel
 * passes in for an error cell) and the ErrorCode enum with Excel's literals.
 */
export class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;
