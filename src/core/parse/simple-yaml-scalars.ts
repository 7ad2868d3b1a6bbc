import { isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Node, type Schema } from 'yaml';

/** Thrown at the first thing `readSimpleYaml` leaves to the `yaml` package. */
export const UNSUPPORTED = Symbol('not in the simple YAML subset');

const SPACE = 32;
const HASH = 35;
const COLON = 58;

/** The subset of the `yaml` package's scalar tags that composing a plain scalar uses. */
interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  resolve(source: string, onError: (message: string) => void, options: object): unknown;
}

export interface NodeFactory {
  plain(source: string, start: number, end: number, nodeEnd: number): Scalar;
  quoted(value: string, double: boolean, start: number, end: number, nodeEnd: number): Scalar;
  block(value: string, start: number, end: number): Scalar;
  map(flow: boolean): YAMLMap;
  seq(flow: boolean): YAMLSeq;
  pair(key: Node, value: Node): Pair;
}

/**
 * Nodes as the `yaml` package composes them, scalars typed by the document's own schema (so
 * `1` is a number, `true` a boolean, `~` null, exactly as it decides). They are made by plain
 * constructors whose prototypes carry the node type and the schema, which the package's
 * constructors define on every instance: for 100,000 nodes, 25 ms less. Make one factory and
 * keep it (a new one per text would give every text's nodes new shapes).
 */
export function nodeFactory(schema: Schema, options: object): NodeFactory {
  const tags = (schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test !== undefined);
  const text = (schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')]!;
  // One test for the common case, a plain string: all the tags' tests at once.
  const anyTag = tags.every((t) => t.test!.flags === '') ? new RegExp(tags.map((t) => `(?:${t.test!.source})`).join('|')) : undefined;
  const inSchema = { schema: { value: schema, writable: true, configurable: true } };

  class FastScalar {
    constructor(
      readonly value: unknown,
      readonly range: Range3,
      readonly source: string,
      readonly type: Scalar.Type,
    ) {}
  }
  class FastMap {
    readonly items: Pair[] = [];
    constructor(readonly flow: true | undefined) {}
  }
  class FastSeq {
    readonly items: Node[] = [];
    constructor(readonly flow: true | undefined) {}
  }
  class FastPair {
    constructor(
      readonly key: Node,
      readonly value: Node,
    ) {}
  }
  inherit(FastScalar, Scalar, 'scalar');
  inherit(FastMap, YAMLMap, 'map', inSchema);
  inherit(FastSeq, YAMLSeq, 'seq', inSchema);
  inherit(FastPair, Pair, 'pair');

  const refuse = () => {
    throw UNSUPPORTED;
  };
  const scalar = (value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number, tag: ScalarTag): Scalar => {
    const resolved = tag.resolve(value, refuse, options);
    let node: Scalar;
    if (isScalar(resolved)) {
      node = resolved;
      node.range = [start, end, nodeEnd];
      node.source = value;
      node.type = type;
    } else {
      node = new FastScalar(resolved, [start, end, nodeEnd], value, type) as unknown as Scalar;
    }
    if (tag.format) node.format = tag.format;
    return node;
  };
  return {
    plain(source, start, end, nodeEnd) {
      const tag = anyTag?.test(source) === false ? text : (tags.find((t) => t.test!.test(source)) ?? text);
      return scalar(source, Scalar.PLAIN, start, end, nodeEnd, tag);
    },
    quoted: (value, double, start, end, nodeEnd) => scalar(value, double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, start, end, nodeEnd, text),
    block: (value, start, end) => scalar(value, Scalar.BLOCK_LITERAL, start, end, end, text),
    map: (flow) => new FastMap(flow || undefined) as unknown as YAMLMap,
    seq: (flow) => new FastSeq(flow || undefined) as unknown as YAMLSeq,
    pair: (key, value) => new FastPair(key, value) as unknown as Pair,
  };
}

/** Makes `fast` instances pass for `yaml`'s `base` nodes: same methods, same node type symbol. */
function inherit(fast: { prototype: object }, base: { prototype: object }, type: string, more: PropertyDescriptorMap = {}): void {
  const middle = Object.create(base.prototype, { [Symbol.for('yaml.node.type')]: { value: Symbol.for(`yaml.${type}`) }, ...more });
  Object.setPrototypeOf(fast.prototype, middle);
}

const isFlowIndicator = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;

/**
 * Whether a plain scalar may start here: letters, digits, a few safe signs, `-` glued to what
 * follows. Indicators (`&*!|>'"%@` and the backquote, `?`, `:`) are left to the `yaml` package.
 */
export function startsPlain(text: string, at: number, lineEnd: number, inFlow: boolean): boolean {
  const c = text.charCodeAt(at);
  if (at >= lineEnd) return false;
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x80) return true;
  if (c === 45) {
    const next = text.charCodeAt(at + 1);
    return at + 1 < lineEnd && next !== SPACE && !(inFlow && isFlowIndicator(next));
  }
  return SAFE_FIRST.has(c);
}

const SAFE_FIRST = new Set([...'_./$~+()=<^;\\'].map((c) => c.charCodeAt(0)));

/**
 * End of a plain scalar outside brackets. A key ends before its `: `; a value must not hold
 * one (the `yaml` package would read a nested mapping, an error).
 */
export function plainEnd(text: string, at: number, lineEnd: number, isKey: boolean): number {
  let last = at;
  for (let i = at; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      if (text.charCodeAt(i + 1) === HASH) break;
      continue;
    }
    if (c === COLON && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === SPACE)) {
      if (isKey) return last;
      throw UNSUPPORTED;
    }
    last = i + 1;
  }
  if (isKey) throw UNSUPPORTED;
  return last;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/**
 * Where the last `quoted` or `literalValue` stopped; they run for most scalars of a big file,
 * so they return the value alone rather than a fresh `{ value, end }` each time.
 */
export const scanned = { end: 0 };

/** A quoted scalar closed on its line; `scanned.end` is after the closing quote. */
export function quoted(text: string, at: number, lineEnd: number): string {
  const quote = text.charCodeAt(at);
  let value = '';
  let from = at + 1;
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        value += text.slice(from, i + 1);
        from = ++i + 1;
        continue;
      }
      scanned.end = i + 1;
      return value + text.slice(from, i);
    }
    if (c === 92 && quote === 34) {
      value += text.slice(from, i);
      const e = text[i + 1]!;
      const length = e === 'x' ? 2 : e === 'u' ? 4 : 0;
      if (i + 1 >= lineEnd) throw UNSUPPORTED;
      if (length > 0) {
        const hex = text.slice(i + 2, i + 2 + length);
        if (hex.length !== length || i + 2 + length > lineEnd || !/^[0-9a-fA-F]+$/.test(hex)) throw UNSUPPORTED;
        value += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + length;
      } else {
        const escaped = ESCAPES[e];
        if (escaped === undefined) throw UNSUPPORTED;
        value += escaped;
        i += 1;
      }
      from = i + 1;
    }
  }
  throw UNSUPPORTED;
}

/** `[a, b]` or `{k: v}` closed on its line (nested ones too); `range[1]` is after it. */
export function flowCollection(text: string, at: number, lineEnd: number, nodes: NodeFactory): YAMLMap | YAMLSeq {
  const isSeq = text.charCodeAt(at) === 91;
  const close = isSeq ? 93 : 125;
  const node = isSeq ? nodes.seq(true) : nodes.map(true);
  let i = skipSpaces(text, at + 1);
  if (text.charCodeAt(i) !== close) {
    for (;;) {
      if (isSeq) {
        const item = flowItem(text, i, lineEnd, nodes, false);
        (node as YAMLSeq).items.push(item);
        i = (item.range as Range3)[2];
      } else {
        const key = flowItem(text, i, lineEnd, nodes, true);
        const colon = (key.range as Range3)[1];
        if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) throw UNSUPPORTED;
        const value = flowItem(text, skipSpaces(text, colon + 1), lineEnd, nodes, false);
        (node as YAMLMap).items.push(nodes.pair(key, value));
        i = (value.range as Range3)[2];
      }
      const c = text.charCodeAt(i);
      if (c === close) break;
      if (c !== 44) throw UNSUPPORTED;
      i = skipSpaces(text, i + 1);
      if (text.charCodeAt(i) === close || i >= lineEnd) throw UNSUPPORTED;
    }
  }
  if (i >= lineEnd) throw UNSUPPORTED;
  node.range = [at, i + 1, i + 1];
  return node;
}

/** One entry of a flow collection; `range[2]` is after the spaces that follow it. */
function flowItem(text: string, at: number, lineEnd: number, nodes: NodeFactory, isKey: boolean): Node {
  const c = text.charCodeAt(at);
  if (c === 34 || c === 39) {
    const value = quoted(text, at, lineEnd);
    const end = scanned.end;
    return nodes.quoted(value, c === 34, at, end, skipSpaces(text, end));
  }
  if (c === 91 || c === 123) {
    if (isKey) throw UNSUPPORTED;
    const flow = flowCollection(text, at, lineEnd, nodes);
    const range = flow.range as Range3;
    range[2] = skipSpaces(text, range[1]);
    return flow;
  }
  if (!startsPlain(text, at, lineEnd, true)) throw UNSUPPORTED;
  let last = at;
  let i = at;
  for (; i < lineEnd; i++) {
    const ch = text.charCodeAt(i);
    if (isFlowIndicator(ch)) break;
    if (ch === SPACE) {
      if (text.charCodeAt(i + 1) === HASH) throw UNSUPPORTED;
      continue;
    }
    if (ch === COLON) {
      const n = text.charCodeAt(i + 1);
      if (i + 1 >= lineEnd || n === SPACE || isFlowIndicator(n)) {
        if (isKey) break;
        throw UNSUPPORTED;
      }
    }
    last = i + 1;
  }
  if (i >= lineEnd) throw UNSUPPORTED;
  return nodes.plain(text.slice(at, last), at, last, skipSpaces(text, last));
}

type Range3 = [number, number, number];

function skipSpaces(text: string, p: number): number {
  while (text.charCodeAt(p) === SPACE) p++;
  return p;
}

/**
 * The body of a `|` block starting at `body`: lines indented more than `parentIndent` (the
 * first one sets the indentation) and blank lines, with the chomping indicator applied
 * (-1 strip, 0 clip, 1 keep). `scanned.end` is where the block's node ends.
 */
export function literalValue(text: string, body: number, parentIndent: number, chomp: number): string {
  // Per line: start, number of leading spaces, end of content (before \r\n or \n).
  const lines: number[] = [];
  let indent = -1;
  let maxLeadingBlank = -1;
  let lastContent = -1;
  for (let p = body; p < text.length; ) {
    let q = p;
    while (text.charCodeAt(q) === SPACE) q++;
    let e = text.indexOf('\n', q);
    const next = e < 0 ? text.length : e + 1;
    if (e < 0) e = text.length;
    else if (text.charCodeAt(e - 1) === 13 && e - 1 >= q) e--;
    const blank = q === e;
    if (!blank) {
      if (indent < 0) indent = q - p;
      else if (q - p < indent) break;
      lastContent = lines.length;
    } else if (indent < 0) {
      maxLeadingBlank = Math.max(maxLeadingBlank, q - p);
    }
    lines.push(p, q - p, e);
    p = next;
  }
  if (indent <= parentIndent || maxLeadingBlank > indent) throw UNSUPPORTED;
  // Blank lines after the last content belong to the body only when more indented than it (or kept).
  let contentEnd = lastContent + 3;
  for (let i = lines.length - 3; i >= contentEnd; i -= 3) {
    if (lines[i + 1]! > indent) {
      contentEnd = i + 3;
      break;
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < contentEnd; i += 3) {
    const p = lines[i]!;
    const e = lines[i + 2]!;
    parts.push(lines[i + 1]! < indent && p + lines[i + 1]! === e ? '' : text.slice(p + indent, e));
  }
  let value = parts.join('\n');
  const kept = chomp > 0 ? lines.length : contentEnd;
  const lastEnd = lines[kept - 1]!;
  const end = lastEnd >= text.length ? text.length : text.indexOf('\n', lastEnd) + 1;
  if (chomp === 0) value += '\n';
  else if (chomp > 0) {
    const trailing = (lines.length - contentEnd) / 3 + (end < text.length || text.endsWith('\n') ? 1 : 0);
    value += '\n'.repeat(trailing);
    if (!value.endsWith('\n')) value += '\n';
  }
  scanned.end = end;
  return value;
}
