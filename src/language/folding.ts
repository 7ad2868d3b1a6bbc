import type { Analysis } from './analysis.js';
import type { FoldingRange } from './types.js';

/** `key: |`, `key: >-`, ...: the lines after it that are indented deeper are the scalar's text. */
const BLOCK_SCALAR = /:\s+[|>][-+0-9]*\s*(#.*)?$/;

/** A cheap look before the regular expression: the line ends in a header character or has a comment. */
function mayOpenBlockScalar(text: string, from: number, to: number): boolean {
  if (/[|>+\-\d]/.test(text[to - 1]!)) return true;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 35) return true;
  return false;
}

/**
 * Mappings, lists and block scalars that span lines, from their key's line to their last
 * line, and runs of two or more comment lines. Read from indentation, which in block YAML is
 * the structure: a line holds every following line indented deeper (a `- ` item counts as half
 * a column deeper, so a list written at its key's column still belongs to the key). One pass
 * over the lines, no YAML document, so it costs little in a file of any size.
 */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { text } = analysis;
  const out: FoldingRange[] = [];
  const open: Array<{ depth: number; start: number; line: number }> = [];
  let last = { line: -1, end: 0 };
  let comments = { first: -1, start: 0, count: 0, end: 0 };
  let scalarIndent = -1; // inside a block scalar whose key is at this indentation
  const close = (depth: number) => {
    while (open.length > 0 && open[open.length - 1]!.depth >= depth) {
      const top = open.pop()!;
      if (last.line > top.line) out.push({ start: top.start, end: last.end });
    }
  };
  const endComments = () => {
    if (comments.count >= 2) out.push({ start: comments.start, end: comments.end, kind: 'comment' });
    comments = { first: -1, start: 0, count: 0, end: 0 };
  };
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let indent = start;
    while (text.charCodeAt(indent) === 32) indent++;
    let contentEnd = end;
    while (contentEnd > indent && (text.charCodeAt(contentEnd - 1) === 32 || text.charCodeAt(contentEnd - 1) === 13 || text.charCodeAt(contentEnd - 1) === 9)) contentEnd--;
    const blank = contentEnd === indent;
    const column = indent - start;
    if (scalarIndent >= 0 && (blank || column > scalarIndent)) {
      if (!blank) last = { line, end: contentEnd };
    } else if (blank) {
      endComments();
    } else if (text[indent] === '#') {
      scalarIndent = -1;
      if (comments.count === 0) comments.start = indent;
      comments.count++;
      comments.end = contentEnd;
    } else {
      scalarIndent = -1;
      endComments();
      const dash = text[indent] === '-' && (indent + 1 === contentEnd || text[indent + 1] === ' ');
      const depth = column + (dash ? 0.5 : 0);
      close(depth);
      open.push({ depth, start: indent, line });
      last = { line, end: contentEnd };
      if (mayOpenBlockScalar(text, indent, contentEnd) && BLOCK_SCALAR.test(text.slice(indent, contentEnd))) scalarIndent = column;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  endComments();
  close(-1);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
