import type { Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { flowCollection, literalValue, type NodeFactory, plainEnd, quoted, scanned, startsPlain, UNSUPPORTED } from './simple-yaml-scalars.js';

/**
 * A fast reader for the YAML that workflow files are made of, building the same nodes, with the
 * same values and ranges, as the `yaml` package: block mappings and sequences, one-line plain,
 * quoted and flow values, `|` blocks and comments. Anything else (anchors, tags, folded or
 * multi-line scalars, tabs, several documents, anything the `yaml` package would report) makes
 * it give up, and the caller parses with the `yaml` package instead.
 *
 * Why it exists: the `yaml` package needs about half a second for a workflow of 5,000 jobs, its
 * token stream alone twice our 100 ms budget; this reads the same file in about 30 ms.
 * Ranges follow the `yaml` package to the last detail because diagnostics, hovers and edits use
 * them: `range[2]` of a value includes the rest of its line and any more-indented comment lines
 * after it, and a collection keeps trailing comments written at or right of its indentation.
 *
 * Returns the root (null for a text without content), or `undefined`: not in the subset.
 * `nodes` makes the nodes (see `nodeFactory`); make it once, not per text.
 */
export function readSimpleYaml(text: string, nodes: NodeFactory): Node | null | undefined {
  if (REFUSED.test(text)) return undefined;
  try {
    return new SimpleYaml(text, nodes).document();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

/** Tabs, control and YAML 1.1 line-break characters, a lone CR, a BOM, directives, document markers. */
const REFUSED = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]|\r(?!\n)|^(?:---|\.\.\.|%)/m;
/** Deeper nesting goes to the `yaml` package, which then decides how deep is too deep. */
const MAX_DEPTH = 64;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const NEWLINE = 10;

type Range3 = [number, number, number];

class SimpleYaml {
  /** Start of the first line not read yet. */
  private pos = 0;
  /** The next content line, found by `skipGap`: offset of its first character (-1 at the end of the text) and indentation. */
  private nextAt = -1;
  private nextIndent = 0;
  /** Lines of the last gap: [comment column or -1 when blank, start, end after the line break] triples. */
  private readonly gap: number[] = [];
  /**
   * Comment lines left after the last value read, not yet given to a node: the largest column
   * among them (-1: none) and where they end (the next content, or the end of the text).
   */
  private trailingColumn = -1;
  private trailingEnd = 0;
  /** The offset of the `:` after the last key read. */
  private colon = 0;
  private depth = 0;
  /** The last line end found, and the offset it was asked for. */
  private lineFrom = -1;
  private lineTo = -1;

  constructor(
    private readonly text: string,
    private readonly nodes: NodeFactory,
  ) {}

  document(): Node | null {
    this.skipGap();
    if (this.nextAt < 0) return null;
    if (this.atSeqItem()) throw UNSUPPORTED;
    const root = this.blockMap(this.nextIndent);
    if (this.nextAt >= 0) throw UNSUPPORTED;
    return root;
  }

  private blockMap(indent: number): YAMLMap {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
    const map = this.nodes.map(false);
    const start = this.nextAt;
    let end = start;
    while (this.nextAt >= 0 && this.nextIndent >= indent) {
      if (this.nextIndent > indent || this.atSeqItem()) throw UNSUPPORTED;
      const key = this.key();
      const value = this.mapValue(this.colon + 1, indent);
      map.items.push(this.nodes.pair(key, value));
      end = (value.range as Range3)[2];
    }
    map.range = [start, end, end];
    this.depth--;
    this.close(map, indent);
    return map;
  }

  private blockSeq(indent: number): YAMLSeq {
    const seq = this.nodes.seq(false);
    const start = this.nextAt;
    let end = start;
    while (this.nextAt >= 0 && this.nextIndent >= indent && this.atSeqItem()) {
      if (this.nextIndent > indent) throw UNSUPPORTED;
      const at = this.skipSpaces(this.nextAt + 1);
      const code = this.text.charCodeAt(at);
      // `-` alone (its value on the next lines) and `- |`: legal YAML, not worth a fast path.
      if (at >= this.lineEnd(at) || code === HASH || code === 124) throw UNSUPPORTED;
      const node = this.inlineValue(at);
      seq.items.push(node);
      this.afterInline(node, indent);
      end = (node.range as Range3)[2];
    }
    seq.range = [start, end, end];
    this.close(seq, indent);
    return seq;
  }

  /**
   * A collection ends: trailing comments stay with it when one is at or right of its
   * indentation (the `yaml` package then ends it where the next content starts); otherwise they
   * move on to the parent.
   */
  private close(node: YAMLMap | YAMLSeq, indent: number): void {
    if (this.trailingColumn < 0 || indent === 0 || this.trailingColumn < indent) return;
    (node.range as Range3)[2] = this.trailingEnd;
    this.trailingColumn = -1;
  }

  /** A block mapping key, plain or quoted, at `nextAt`; leaves the offset of its `:` in `colon`. */
  private key(): Scalar {
    const { text } = this;
    const at = this.nextAt;
    const lineEnd = this.lineEnd(at);
    const first = text.charCodeAt(at);
    let key: Scalar;
    let after: number;
    if (first === 34 || first === 39) {
      const value = quoted(text, at, lineEnd);
      key = this.nodes.quoted(value, first === 34, at, scanned.end, scanned.end);
      after = this.skipSpaces(scanned.end);
    } else {
      if (!startsPlain(text, at, lineEnd, false)) throw UNSUPPORTED;
      const end = plainEnd(text, at, lineEnd, true);
      key = this.nodes.plain(text.slice(at, end), at, end, end);
      after = this.skipSpaces(end);
    }
    if (text.charCodeAt(after) !== COLON || !isBlank(text, after + 1, lineEnd)) throw UNSUPPORTED;
    // The `yaml` package refuses implicit keys longer than this.
    if (after - at > 1000) throw UNSUPPORTED;
    this.colon = after;
    return key;
  }

  /** What follows `key:`: a value on the same line, a `|` block, a nested block, or nothing. */
  private mapValue(from: number, indent: number): Node {
    const { text } = this;
    const at = this.skipSpaces(from);
    const lineEnd = this.lineEnd(at);
    const code = text.charCodeAt(at);
    if (at < lineEnd && code !== HASH) {
      if (code === 124) {
        const block = this.literal(at, lineEnd, indent);
        this.skipGap();
        this.trailing(0);
        return block;
      }
      const node = this.inlineValue(at);
      this.afterInline(node, indent);
      return node;
    }
    this.pos = this.nextLineStart(lineEnd);
    this.skipGap();
    if (this.nextAt >= 0 && (this.nextIndent > indent || (this.nextIndent === indent && this.atSeqItem()))) {
      return this.atSeqItem() ? this.blockSeq(this.nextIndent) : this.blockMap(this.nextIndent);
    }
    this.trailingColumn = -1;
    return this.emptyValue(at, lineEnd, code === HASH, indent);
  }

  /**
   * `key:` with nothing after it. The `yaml` package puts the node after the `:` and its
   * spaces; comments after it become the node's comment and extend its range, except those
   * after a second line break when the next key follows (they go to that key).
   */
  private emptyValue(p: number, keyLineEnd: number, keyLineComment: boolean, indent: number): Scalar {
    const { gap } = this;
    let end = this.nextAt < 0 ? this.text.length : this.nextAt;
    if (this.nextAt >= 0 && this.nextIndent === indent) {
      // Line breaks counted from the `:`; a comment right of the indentation starts the count again.
      const breaks = [keyLineEnd];
      for (let i = 0; i < gap.length; i += 3) {
        if (gap[i]! > indent) breaks.length = 0;
        breaks.push(this.lineEnd(gap[i + 1]!));
      }
      if (breaks.length >= 2) end = breaks[1]!;
    }
    let hasComment = keyLineComment;
    for (let i = 0; i < gap.length && !hasComment; i += 3) hasComment = gap[i]! >= 0 && gap[i + 1]! < end;
    return this.nodes.plain('', p, p, hasComment ? end : p);
  }

  /** A value on the rest of its line: quoted, `[...]`/`{...}`, or plain. */
  private inlineValue(at: number): Node {
    const { text } = this;
    const lineEnd = this.lineEnd(at);
    const code = text.charCodeAt(at);
    let node: Node;
    let after: number;
    if (code === 34 || code === 39) {
      const value = quoted(text, at, lineEnd);
      after = scanned.end;
      node = this.nodes.quoted(value, code === 34, at, after, after);
    } else if (code === 91 || code === 123) {
      if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
      node = flowCollection(text, at, lineEnd, this.nodes);
      this.depth--;
      after = (node.range as Range3)[1];
    } else {
      if (!startsPlain(text, at, lineEnd, false)) throw UNSUPPORTED;
      after = plainEnd(text, at, lineEnd, false);
      node = this.nodes.plain(text.slice(at, after), at, after, after);
    }
    // Only spaces and a comment may follow, the comment after at least one space.
    const rest = this.skipSpaces(after);
    if (rest < lineEnd && (text.charCodeAt(rest) !== HASH || rest === after)) throw UNSUPPORTED;
    this.pos = this.nextLineStart(lineEnd);
    (node.range as Range3)[2] = this.pos;
    return node;
  }

  /**
   * After a value written on its line: comment lines right of the collection's indentation
   * (with the blank lines before them) belong to the value; what is left trails the collection.
   */
  private afterInline(node: Node, indent: number): void {
    this.skipGap();
    const { gap } = this;
    let rest = 0;
    for (let i = 0; i < gap.length; i += 3) {
      if (gap[i]! < 0) continue;
      if (gap[i]! <= indent) break;
      (node.range as Range3)[2] = gap[i + 2]!;
      rest = i + 3;
    }
    this.trailing(rest);
  }

  /** Notes the comment lines of the gap from `from` on as trailing. */
  private trailing(from: number): void {
    let max = -1;
    for (let i = from; i < this.gap.length; i += 3) max = Math.max(max, this.gap[i]!);
    this.trailingColumn = max;
    this.trailingEnd = this.nextAt < 0 ? this.text.length : this.nextAt;
  }

  /** A `|` block: header, then lines indented more than the parent, up to the first one that is not. */
  private literal(at: number, lineEnd: number, indent: number): Scalar {
    const { text } = this;
    let i = at + 1;
    let chomp = 0;
    const c = text.charCodeAt(i);
    if (c === DASH || c === 43) {
      chomp = c === DASH ? -1 : 1;
      i++;
    }
    const rest = this.skipSpaces(i);
    if (rest < lineEnd && (text.charCodeAt(rest) !== HASH || rest === i)) throw UNSUPPORTED;
    if (lineEnd >= text.length) throw UNSUPPORTED;
    const value = literalValue(text, this.nextLineStart(lineEnd), indent, chomp);
    this.pos = scanned.end;
    return this.nodes.block(value, at, scanned.end);
  }

  /** Reads blank and comment lines up to the next content line, noting them in `gap`. */
  private skipGap(): void {
    const { text, gap } = this;
    gap.length = 0;
    let p = this.pos;
    while (p < text.length) {
      let q = p;
      while (text.charCodeAt(q) === SPACE) q++;
      const lineEnd = this.lineEnd(q);
      if (q === lineEnd || text.charCodeAt(q) === HASH) {
        const after = this.nextLineStart(lineEnd);
        gap.push(q === lineEnd ? -1 : q - p, p, after);
        p = after;
        continue;
      }
      this.pos = p;
      this.nextAt = q;
      this.nextIndent = q - p;
      return;
    }
    this.pos = text.length;
    this.nextAt = -1;
  }

  /** Whether the next content line is a `- ` item. */
  private atSeqItem(): boolean {
    const { text, nextAt } = this;
    if (text.charCodeAt(nextAt) !== DASH) return false;
    const c = text.charCodeAt(nextAt + 1);
    return c === SPACE || c === NEWLINE || c === 13 || nextAt + 1 >= text.length;
  }

  private skipSpaces(p: number): number {
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** End of the line's content: its `\n`, the `\r` of a `\r\n`, or the end of the text. */
  private lineEnd(p: number): number {
    // Asked several times per line (key, value, rest); remember the last line's end.
    if (p >= this.lineFrom && p <= this.lineTo) return this.lineTo;
    const nl = this.text.indexOf('\n', p);
    const end = nl < 0 ? this.text.length : this.text.charCodeAt(nl - 1) === 13 && nl - 1 >= p ? nl - 1 : nl;
    this.lineFrom = p;
    this.lineTo = end;
    return end;
  }

  private nextLineStart(lineEnd: number): number {
    if (lineEnd >= this.text.length) return this.text.length;
    return this.text.charCodeAt(lineEnd) === NEWLINE ? lineEnd + 1 : lineEnd + 2;
  }
}

function isBlank(text: string, from: number, to: number): boolean {
  return from >= to || text.charCodeAt(from) === SPACE;
}
