import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import type { SourceRange } from '../model/source-range.js';
import type { KeyTable } from '../model/keys.js';
import { closest, didYouMean } from '../util/suggest.js';

/** Aliases resolved per document before we call it a bomb (billion-laughs style input). */
const ALIAS_BUDGET = 1000;

export interface Entry {
  readonly key: string;
  readonly keyRange: SourceRange;
  readonly value: Node | null;
  /** Key through value: the whole `key: value` pair. */
  readonly range: SourceRange;
}

/**
 * Reads the `yaml` package's AST into plain values while collecting problems. Every reader
 * returns `undefined` on a wrong type and records a diagnostic at the offending node.
 */
export class YamlReader {
  readonly diagnostics: Diagnostic[] = [];
  private aliasesLeft = ALIAS_BUDGET;

  /** `document` is asked for only to resolve an alias. */
  constructor(private readonly document: () => Document.Parsed) {}

  report(code: DiagnosticCode, message: string, range: SourceRange, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: 'error', message, range, ...extra });
  }

  warn(code: DiagnosticCode, message: string, range: SourceRange, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: 'warning', message, range, ...extra });
  }

  /** Follows aliases, within a budget that stops alias bombs. */
  deref(node: Node | null | undefined): Node | null {
    let current: unknown = node ?? null;
    while (isAlias(current)) {
      if (--this.aliasesLeft < 0) {
        if (this.aliasesLeft === -1) {
          this.report('alias-limit', `More than ${ALIAS_BUDGET} alias references: the file is not read further.`, rangeOf(current));
        }
        return null;
      }
      current = current.resolve(this.document()) ?? null;
    }
    return (current as Node | null) ?? null;
  }

  entries(node: Node | null, what: string): Entry[] | undefined {
    const map = this.deref(node);
    if (map === null || (isScalar(map) && map.value === null)) return [];
    if (!isMap(map)) {
      this.report('wrong-type', `${what} must be a mapping of names to values.`, rangeOf(map));
      return undefined;
    }
    return mapEntries(map, this);
  }

  /** Like `entries`, but reports keys the table does not know, with a suggestion. */
  knownEntries(node: Node | null, what: string, table: KeyTable): Entry[] {
    const result: Entry[] = [];
    for (const entry of this.entries(node, what) ?? []) {
      if (entry.key in table) {
        result.push(entry);
        continue;
      }
      const suggestion = closest(entry.key, Object.keys(table));
      this.report('unknown-key', `Unknown key '${entry.key}' in ${what}.${didYouMean(suggestion)}`, entry.keyRange, {
        data: suggestion === undefined ? { name: entry.key } : { name: entry.key, suggestion },
      });
    }
    return result;
  }

  /** A scalar as text. Numbers and booleans are accepted and written as YAML shows them. */
  string(node: Node | null, what: string): string | undefined {
    const value = this.deref(node);
    const text = isScalar(value) ? scalarText(value) : undefined;
    if (text === undefined) this.report('wrong-type', `${what} must be a single value (text or number).`, rangeOf(value ?? node));
    return text;
  }

  integer(node: Node | null, what: string, minimum = 0): number | undefined {
    const value = this.deref(node);
    const n = isScalar(value) ? value.value : undefined;
    if (typeof n === 'number' && Number.isInteger(n) && n >= minimum) return n;
    this.report('wrong-type', `${what} must be a whole number of at least ${minimum}.`, rangeOf(value ?? node));
    return undefined;
  }

  /** A list of scalars; a single scalar counts as a list of one when `allowSingle`. */
  stringList(node: Node | null, what: string, allowSingle = false): Array<{ value: string; range: SourceRange }> {
    const value = this.deref(node);
    if (value === null || (isScalar(value) && value.value === null)) return [];
    if (allowSingle && isScalar(value)) {
      const text = this.string(value, what);
      return text === undefined ? [] : [{ value: text, range: rangeOf(value) }];
    }
    if (!isSeq(value)) {
      this.report('wrong-type', `${what} must be a list, e.g. [a, b].`, rangeOf(value));
      return [];
    }
    const out: Array<{ value: string; range: SourceRange }> = [];
    for (const item of value.items) {
      // Plain items (nearly all) without building the message `string` would need on a bad one.
      const text = isScalar(item) ? scalarText(item) : this.string(item as Node, `Each item of ${what}`);
      if (text !== undefined) out.push({ value: text, range: rangeOf(this.deref(item as Node) ?? (item as Node)) });
      else if (isScalar(item)) this.string(item, `Each item of ${what}`);
    }
    return out;
  }

  stringMap(node: Node | null, what: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const entry of this.entries(node, what) ?? []) {
      const text = this.string(entry.value, `${what} '${entry.key}'`);
      if (text !== undefined) out[entry.key] = text;
    }
    return out;
  }
}

function mapEntries(map: YAMLMap, reader: YamlReader): Entry[] {
  const out: Entry[] = [];
  for (const pair of map.items) {
    const keyNode = reader.deref(pair.key as Node | null);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      reader.report('wrong-type', 'A key must be a plain name.', rangeOf(keyNode ?? map));
      continue;
    }
    out.push(new MapEntry(keyNode, (pair.value as Node | null) ?? null));
  }
  return out;
}

/** Ranges are made on demand: most entries are fields whose own ranges nobody asks for. */
class MapEntry implements Entry {
  readonly key: string;

  constructor(
    private readonly keyNode: Scalar,
    readonly value: Node | null,
  ) {
    this.key = typeof keyNode.value === 'string' ? keyNode.value : String(keyNode.value);
  }

  get keyRange(): SourceRange {
    return rangeOf(this.keyNode);
  }

  get range(): SourceRange {
    const start = this.keyNode.range ? this.keyNode.range[0] : 0;
    const end = this.value?.range ? this.value.range[1] : this.keyNode.range ? this.keyNode.range[1] : 0;
    return { start, end };
  }
}

function scalarText(node: Scalar): string | undefined {
  const { value } = node;
  if (typeof value === 'string') return value;
  return value !== null && typeof value !== 'object' ? String(node.source ?? value) : undefined;
}

export function rangeOf(node: unknown): SourceRange {
  const r = (node as { range?: [number, number, number] | null } | null)?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}
