import { Document, isScalar, stringify, visit, type Scalar } from 'yaml';
import { refuse } from './refusal.js';

/**
 * New YAML text is always written by the `yaml` package itself, so quoting and block scalars
 * follow its rules (which are the parser's rules); we only cut its output into pieces and
 * move them to the right column.
 */
const OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

/** A name as a block mapping key: `a b`, `foo:bar`, `"#x"`, `"true"`. */
export function keyText(name: string): string {
  const match = /^(.*): 0\n$/.exec(stringify(new Map([[name, 0]]), OPTIONS));
  // Very long keys become explicit `? key` entries, which a one-line edit cannot hold.
  if (!match || match[1]!.startsWith('?')) refuse(`The name '${name.slice(0, 40)}…' is too long to be a job name.`);
  return match[1]!;
}

/** A scalar on a block line (`needs: a`, `- a`): plain when YAML allows, quoted otherwise. */
export function blockScalarText(value: string): string {
  const out = stringify(value, OPTIONS).replace(/\n$/, '');
  if (out.includes('\n')) refuse('A name must fit on one line.');
  return out;
}

/** A scalar inside `[...]` or `{...}`, where `,[]{}` and line breaks force quotes. */
export function flowScalarText(value: string): string {
  if (!/[\r\n]/.test(value)) {
    const match = /^\[(.*)\]\n$/.exec(stringify([value], { ...OPTIONS, collectionStyle: 'flow' }));
    if (match) return match[1]!;
  }
  // A JSON string is a valid YAML double-quoted scalar, escapes included.
  return JSON.stringify(value);
}

export const flowSeqText = (names: readonly string[]): string => `[${names.map(flowScalarText).join(', ')}]`;

export type BlockStyle = Scalar.BLOCK_LITERAL | Scalar.BLOCK_FOLDED;

/**
 * `key: value` as block lines, `indent` spaces per level, starting at column 0 (the caller
 * shifts them). Lists come out in flow style (`needs: [a, b]`), multi-line text as `|`.
 * `style` forces the top value into a block scalar, to keep the style a person chose.
 */
export function blockPairLines(key: string, value: unknown, indent: number, style?: BlockStyle): string[] {
  if (value === null || value === undefined) return [`${keyText(key)}:`];
  const doc = new Document(new Map([[key, value]]));
  visit(doc, {
    Seq(_, node) {
      node.flow = true;
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && /[\r\n]/.test(node.value)) node.type = 'BLOCK_LITERAL';
    },
  });
  const top = doc.get(key, true);
  if (style && isScalar(top)) top.type = style;
  return doc.toString({ ...OPTIONS, indent }).replace(/\n$/, '').split('\n');
}

/**
 * A value for an existing `key:` in a block mapping: `head` goes where the old value starts,
 * `body` (block scalar lines, column 0 + indent) on the following lines.
 */
export function blockValueParts(key: string, value: string, indent: number, style?: BlockStyle): { head: string; body: string[] } {
  const [first, ...body] = blockPairLines(key, value, indent, style);
  const prefix = `${key}: `;
  if (!first?.startsWith(prefix)) refuse(`Could not write a value for '${key}'.`);
  return { head: first.slice(prefix.length), body };
}

/** Moves rendered lines to `column`; empty lines stay empty (no trailing spaces). */
export const shift = (lines: readonly string[], column: number): string[] =>
  lines.map((line) => (line.length === 0 ? line : ' '.repeat(column) + line));
