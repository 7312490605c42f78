import { describe, expect, it } from "vitest";
import { OtlpDecodeError, isOtlpDecodeError } from "./errors";
import { isOnsetError, OnsetError } from "./onset-error";

describe("OnsetError", () => {
  it("carries status, code, message and details, named after its class", () => {
    class NotThere extends OnsetError {}
    const err = new NotThere(404, "not_found", "run 1 not found", { traceId: "1" });
    expect(err).toBeInstanceOf(Error);
    expect({ name: err.name, status: err.status, code: err.code, message: err.message, details: err.details }).toEqual({
      name: "NotThere",
      status: 404,
      code: "not_found",
      message: "run 1 not found",
      details: { traceId: "1" },
    });
  });

  it("is recognised across copies of the module by its brand, and nothing else is", () => {
    const foreign = Object.assign(new Error("from another copy"), { [Symbol.for("onset.error")]: true, status: 400, code: "x" });
    expect(isOnsetError(foreign)).toBe(true);
    // pg's errors have a string code and node's have codes too: neither is an OnsetError.
    expect(isOnsetError(Object.assign(new Error("duplicate key"), { code: "23505", status: 500 }))).toBe(false);
    expect(isOnsetError({ status: 400, code: "x", message: "plain object" })).toBe(false);
  });

  it("OtlpDecodeError is one: 400 invalid_otlp, the status the collector answers with", () => {
    const err = new OtlpDecodeError("not protobuf");
    expect(isOnsetError(err) && isOtlpDecodeError(err)).toBe(true);
    expect([err.status, err.code, err.name]).toEqual([400, "invalid_otlp", "OtlpDecodeError"]);
  });
});
