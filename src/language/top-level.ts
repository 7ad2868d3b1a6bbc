import type { SourceRange } from '../core/model/source-range.js';
import { closingQuote, shapeOf, valueText } from './line-shape.js';
import { isDocumentMarker } from './text-lines.js';

/** A `key: value` at the top of the file, found from the lines alone. */
export interface TopEntry {
  readonly name: string;
  readonly keyRange: SourceRange;
  /** From the key to the end of the last line of its value (trailing blank and comment lines left out). */
  readonly range: SourceRange;
  /** Offset where the value starts on the key's line (the end of that line when the value is below it). */
  readonly valueStart: number;
}

/**
 * The top-level keys, read from the lines that start in column 0: what the outline and the
 * name index need without the YAML document, which a large file may not have been given.
 */
export function topLevelEntries(text: string): readonly TopEntry[] {
  if (cached?.text === text) return cached.entries;
  const entries: Array<{ name: string; keyRange: SourceRange; valueStart: number; lastEnd: number }> = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let first = start;
    while (first < end && text.charCodeAt(first) === 32) first++;
    let last = end;
    while (last > first && (text.charCodeAt(last - 1) === 32 || text.charCodeAt(last - 1) === 13)) last--;
    const content = last > first && text.charCodeAt(first) !== 35; // not blank, not a comment
    if (content && first === start) {
      const line = text.slice(start, last);
      if (isDocumentMarker(line)) break;
      const shape = shapeOf(line);
      if (shape.key && shape.dashes.length === 0) {
        entries.push({ name: shape.key.name, keyRange: { start, end: start + shape.key.end }, valueStart: start + shape.value, lastEnd: start + shape.contentEnd });
      } else if (entries.length > 0) {
        entries[entries.length - 1]!.lastEnd = last;
      }
    } else if (content && entries.length > 0) {
      entries[entries.length - 1]!.lastEnd = last; // an indented line of the value
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  const result = entries.map((e) => ({ name: e.name, keyRange: e.keyRange, valueStart: e.valueStart, range: { start: e.keyRange.start, end: e.lastEnd } }));
  cached = { text, entries: result };
  return result;
}

/** The outline and the name index both ask, for the same text. */
let cached: { readonly text: string; readonly entries: readonly TopEntry[] } | undefined;

/**
 * The scalar given to `key` inside a top-level entry's mapping, block (`host: hpc` on a child
 * line) or flow (`{ host: hpc }`), quotes included in its range.
 */
export function childValueRange(text: string, entry: TopEntry, key: string): SourceRange | undefined {
  const lineEnd = text.indexOf('\n', entry.valueStart);
  const inline = text.slice(entry.valueStart, lineEnd < 0 ? text.length : lineEnd);
  if (inline.startsWith('{')) {
    const value = `("(?:[^"\\\\]|\\\\.)*"|'(?:[^']|'')*'|[^,}\\s#][^,}#]*?)`;
    const match = new RegExp(`[{,]\\s*${key}\\s*:\\s*${value}\\s*[,}]`).exec(inline);
    if (!match) return undefined;
    const at = match.index + match[0].lastIndexOf(match[1]!);
    return { start: entry.valueStart + at, end: entry.valueStart + at + match[1]!.length };
  }
  let childIndent = -1;
  for (let start = lineEnd + 1; lineEnd >= 0 && start > 0 && start < entry.range.end; ) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? text.length : newline).replace(/\r$/, '');
    const shape = shapeOf(line);
    if (!shape.blank) {
      if (childIndent < 0) childIndent = shape.indent;
      if (shape.indent === childIndent && shape.dashes.length === 0 && shape.key?.name === key) {
        const value = valueText(line, shape);
        if (value.length === 0 || /^[[{|>&*!]/.test(value)) return undefined;
        const quoted = value[0] === '"' || value[0] === "'";
        const length = quoted ? closingQuote(value, 0) + 1 : value.length;
        return length > 0 ? { start: start + shape.value, end: start + shape.value + length } : undefined;
      }
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return undefined;
}
