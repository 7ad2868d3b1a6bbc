import type { TextEdit } from './edit-op.js';

/**
 * Line arithmetic on the original text. Edits are made of whole lines where YAML's block
 * structure is concerned, so these helpers speak in "line start" and "line end after".
 */

/** Start of the line that holds `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The offset just past the newline of the line on which content ending at `end` lies. YAML
 * ranges sometimes already include that newline (block scalars, values with comments).
 */
export function lineEndAfter(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline < 0 ? text.length : newline + 1;
}

/** Start of the line after the one that holds `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The line starting at `start`, without its line break. */
export function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

export const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);
export const isComment = (line: string): boolean => /^[ \t]*#/.test(line);
export const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * Column of a node that must be the first thing on its line (a block key or item), or
 * undefined when something other than spaces precedes it. A byte-order mark is not text.
 */
export function columnIfFirst(text: string, offset: number, allowed = /^ *$/): number | undefined {
  const start = lineStart(text, offset);
  const before = text.slice(start, offset).replace(/^\uFEFF/, '');
  return allowed.test(before) ? before.length : undefined;
}

/** The file's own line break, so inserted lines match what the editor shows. */
export function lineBreakOf(text: string): string {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * An insertion of whole lines at a line boundary. At the very end of a file that lacks a final
 * newline, the break goes first so the new lines do not join the last one.
 */
export function insertLines(text: string, offset: number, lines: readonly string[], eol: string): TextEdit {
  const missingBreak = offset === text.length && text.length > 0 && !text.endsWith('\n');
  const body = lines.map((l) => l + eol).join('');
  return { offset, length: 0, text: missingBreak ? eol + body.slice(0, -eol.length) : body };
}

/** Applies non-overlapping edits; right to left, so earlier offsets stay valid. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}
