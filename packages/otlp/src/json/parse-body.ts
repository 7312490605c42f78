import { describeValue } from "../common/ids";
import { OtlpDecodeError } from "../errors";
import type { JsonObject } from "./fields";
import { field, isObject } from "./fields";

/**
 * An OTLP/JSON request body (a string, UTF-8 bytes, or an already-parsed object) as an
 * object whose `camel`/`snake` list field (resourceSpans, resourceLogs), when present, is
 * an array; anything else is an OtlpDecodeError (400). A leading BOM is ignored.
 */
export function parseOtlpJsonBody(body: unknown, camel: string, snake: string): JsonObject {
  let value = body;
  if (body instanceof Uint8Array) value = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (typeof value === "string") {
    const text = value.charCodeAt(0) === 0xfeff ? value.slice(1) : value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new OtlpDecodeError(`body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(value)) throw new OtlpDecodeError(`OTLP/JSON body must be an object with ${camel}, got ${describeValue(value)}`);
  const list = field(value, camel, snake);
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    throw new OtlpDecodeError(`${camel} must be an array, got ${describeValue(list)}`);
  }
  return value;
}
