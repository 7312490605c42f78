import type {
  NormalizedSpan,
  SpanContent,
  SpanError,
  SpanType,
  TokenUsage,
  ToolInvocation,
} from "../normalized-span";

/** The decoded parts of a span a mapper may look at (a NormalizedSpan satisfies it). */
export type MappableSpan = Pick<
  NormalizedSpan,
  | "name"
  | "kind"
  | "attributes"
  | "events"
  | "scopeName"
  | "scopeVersion"
  | "resourceAttributes"
  | "statusCode"
  | "statusMessage"
>;

/**
 * What one convention says about a span. Every field is optional: a mapper returns
 * only what its attributes carry. Usage must already be in Onset's meaning (input
 * includes cached tokens, output includes reasoning; docs/conventions.md).
 */
export interface MappedFields {
  type?: SpanType;
  model?: string;
  provider?: string;
  input?: SpanContent;
  output?: SpanContent;
  usage?: Partial<TokenUsage>;
  /** Cost the span itself reported, in USD. Never computed from prices here. */
  costUsd?: number;
  tool?: Partial<ToolInvocation>;
  error?: Partial<SpanError>;
  sessionId?: string;
  userId?: string;
  conversationId?: string;
  agentName?: string;
}

/**
 * One semantic convention. The registry runs every mapper whose `detect` is true,
 * in priority order; for each field the first mapper that provides it wins, so a
 * convention-specific mapper can sit in front of the generic OTel GenAI one and
 * still let it fill what it left empty. `consumes` names the attribute keys the
 * mapper understands, which is how diagnostics find keys nobody mapped.
 */
export interface SpanMapper {
  /** Stable name written to NormalizedSpan.mapper. */
  readonly name: string;
  /** Cheap check: does the span carry this convention? */
  detect(span: MappableSpan): boolean;
  /** Pull this convention's fields out of the span. Must not throw or mutate the span. */
  map(span: MappableSpan): MappedFields;
  /** Whether this mapper reads the attribute key (used for unconsumed-key diagnostics). */
  consumes(key: string): boolean;
  /**
   * Attribute keys holding a JSON object whose fields the mapper reads one by one
   * (LangChain's `metadata`): diagnostics check each field as `key.field` against
   * `consumes`, so the fields nobody reads are listed, not the whole object hidden.
   */
  readonly readsFieldsOf?: readonly string[];
}

/** Declarative list of keys a mapper reads: exact names and prefixes. */
export interface KeySpec {
  exact?: readonly string[];
  prefixes?: readonly string[];
}

/** Build a `consumes` predicate from exact keys and prefixes. */
export function keyMatcher(spec: KeySpec): (key: string) => boolean {
  const exact = new Set(spec.exact ?? []);
  const prefixes = spec.prefixes ?? [];
  return (key) => {
    if (exact.has(key)) return true;
    for (const p of prefixes) if (key.startsWith(p)) return true;
    return false;
  };
}

/** True when any attribute key starts with the prefix. */
export function hasKeyWithPrefix(attributes: Record<string, unknown>, prefix: string): boolean {
  for (const key in attributes) if (key.startsWith(prefix)) return true;
  return false;
}
