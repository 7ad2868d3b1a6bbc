import type { SourceRange } from '../core/model/source-range.js';
import { scanFlow } from './flow-scan.js';
import { closingQuote, endOfContent, shapeOf, unquote, valueText, type LineShape } from './line-shape.js';
import { isDocumentMarker, lineAt, linesAbove, linesBelow, type TextLine } from './text-lines.js';

/** Where the cursor is, in terms of the workflow's keys. */
export type CursorSpot =
  /** Typing a key of the mapping at `path`; `present` are the keys it already has. */
  | { readonly kind: 'key'; readonly present: ReadonlySet<string>; readonly hasColon: boolean; readonly inFlow: boolean }
  /** Typing the value of `key` in the mapping at `path`. */
  | { readonly kind: 'value'; readonly key: string; readonly inFlow: boolean; readonly quoted: boolean }
  /** Typing an item of the list that is the value of `key`; `listed` are its other items. */
  | { readonly kind: 'item'; readonly key: string; readonly listed: readonly string[]; readonly inFlow: boolean; readonly quoted: boolean };

export interface CursorContext {
  /** Keys from the top of the file to the mapping in question, e.g. ['jobs', 'train']; '[]' stands for a list item. */
  readonly path: readonly string[];
  readonly spot: CursorSpot;
  /** What is typed of the key or value before the cursor. */
  readonly prefix: string;
  /** The key or value around the cursor: what a completion replaces. */
  readonly range: SourceRange;
}

/**
 * Reads the cursor's place from the lines around it, without parsing: the cursor's line, the
 * lines above it that are less indented (its parent keys), and its siblings. This is what lets
 * completion answer on the text as it is *now*, right after a keystroke, in a file of any size:
 * the cost is one pass over the line starts above the cursor, not a YAML parse.
 *
 * Block style is read line by line; flow collections (`[a, b]`, `{ kind: ssh }`) are read from
 * where they open, also across lines. Inside block scalars and comments there is nothing to complete.
 */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const line = lineAt(text, offset);
  const col = offset - line.start;
  const before = line.text.slice(0, col);
  if (col > line.text.length || inComment(before)) return undefined;
  const shape = shapeOf(line.text);
  const item = shape.dashes.length > 0;
  const entity = shape.blank ? col : item ? shape.dashes[shape.dashes.length - 1]! : shape.body;
  if (col < entity || (item && col < shape.body)) return undefined;
  const up = parents(text, line, entity, item);
  if (up === undefined) return undefined;
  if ('flowStart' in up) return flowContext(text, up.flowStart, offset, up.path);
  const { path } = up;

  if (shape.blank) return keyContext(text, line, col, path, '', { start: offset, end: offset }, false);
  if (shape.key && item) return undefined; // a mapping inside a list item: no such place in a workflow
  if (shape.key && col <= shape.key.colon) {
    const end = Math.max(line.start + shape.key.end, offset);
    return keyContext(text, line, shape.body, path, before.slice(shape.body), { start: line.start + shape.body, end }, true);
  }
  if (shape.key) return valueContext(text, line, shape, offset, [...path], shape.key.name);
  if (item) {
    const key = path[path.length - 1];
    if (key === undefined) return undefined;
    const scalar = scalarAt(line, shape.body, shape.contentEnd, offset);
    if (!scalar) return undefined;
    const listed = siblingItems(text, line, entity);
    return { path: path.slice(0, -1), spot: { kind: 'item', key, listed, inFlow: false, quoted: scalar.quoted }, prefix: scalar.prefix, range: scalar.range };
  }
  const first = line.text[shape.body];
  if (first === '"' || first === "'" || /[[\]{}|>&*!%@`,]/.test(first ?? '')) return undefined;
  const end = line.start + Math.max(shape.contentEnd, col);
  return keyContext(text, line, shape.body, path, before.slice(shape.body), { start: line.start + shape.body, end }, false);
}

/** The key written at `offset`, block or inside `{...}`: its name, range and the keys leading to its mapping. */
export function keyAt(text: string, offset: number): { path: readonly string[]; name: string; range: SourceRange } | undefined {
  const at = cursorContext(text, offset);
  if (at?.spot.kind !== 'key' || !at.spot.hasColon) return undefined;
  const written = text.slice(at.range.start, at.range.end);
  const name = unquote(written.trimEnd());
  return name ? { path: at.path, name, range: { start: at.range.start, end: at.range.start + written.trimEnd().length } } : undefined;
}

function keyContext(text: string, line: TextLine, column: number, path: readonly string[], prefix: string, range: SourceRange, hasColon: boolean): CursorContext {
  return { path, spot: { kind: 'key', present: siblingKeys(text, line, column), hasColon, inFlow: false }, prefix, range };
}

function valueContext(text: string, line: TextLine, shape: LineShape, offset: number, path: string[], key: string): CursorContext | undefined {
  const col = offset - line.start;
  const value = valueText(line.text, shape);
  const first = value[0];
  if (first === '[' || first === '{') return col > shape.value ? flowContext(text, line.start + shape.value, offset, [...path, key]) : undefined;
  if (col <= shape.key!.colon + 1 && value.length > 0) return undefined; // right after the colon: a value needs a space first
  if (col < shape.value && value.length > 0) return undefined;
  if (first !== undefined && /[|>&*!%@`]/.test(first)) return undefined;
  const scalar = value.length === 0 ? { prefix: '', range: { start: offset, end: offset }, quoted: false } : scalarAt(line, shape.value, shape.contentEnd, offset);
  if (!scalar || col <= shape.key!.colon) return undefined;
  return { path, spot: { kind: 'value', key, inFlow: false, quoted: scalar.quoted }, prefix: scalar.prefix, range: scalar.range };
}

/** The scalar from `from` to `end` on the line, if the cursor is in it: the text before the cursor, and its range. */
function scalarAt(line: TextLine, from: number, end: number, offset: number): { prefix: string; range: SourceRange; quoted: boolean } | undefined {
  const col = offset - line.start;
  const quote = line.text[from];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(line.text, from);
    const stop = close < 0 ? Math.max(end, col) : close;
    if (col <= from || col > stop) return undefined;
    return { prefix: line.text.slice(from + 1, col), range: { start: line.start + from + 1, end: line.start + stop }, quoted: true };
  }
  return { prefix: line.text.slice(from, col), range: { start: line.start + from, end: line.start + Math.max(end, col) }, quoted: false };
}

type Parents = { readonly path: string[] } | { readonly path: string[]; readonly flowStart: number };

/**
 * The keys above the thing at `column` of `line`, outermost first. `item`: the thing is a
 * `- ` list item, whose parent key may be at the same column (`needs:` then `- a` below it).
 * Undefined when the line is inside a block scalar or a multi-line scalar.
 */
function parents(text: string, line: TextLine, column: number, item: boolean): Parents | undefined {
  const path: string[] = [];
  let want = column;
  let itemMode = item;
  if (want === 0 && !itemMode) return { path };
  for (const above of linesAbove(text, line, () => want)) {
    if (isDocumentMarker(above.text)) break;
    const shape = shapeOf(above.text);
    if (shape.blank || shape.indent > want) continue;
    const key = shape.key;
    const compactParent = itemMode && shape.indent === want && shape.dashes.length === 0 && key?.start === want;
    if (shape.indent === want && !compactParent) continue;
    if (key && (key.start < want || compactParent)) {
      const value = valueText(above.text, shape);
      if (value.startsWith('[') || value.startsWith('{')) {
        const outer = parents(text, above, shape.dashes.length > 0 ? shape.dashes[shape.dashes.length - 1]! : key.start, shape.dashes.length > 0);
        return outer && { path: [...outer.path, key.name], flowStart: above.start + shape.value };
      }
      if (value.length > 0) return undefined; // in a block scalar (`|`, `>`) or a multi-line scalar
      path.unshift(key.name);
      want = key.start;
      itemMode = false;
      if (shape.dashes.length > 0) {
        path.unshift('[]');
        want = shape.dashes[shape.dashes.length - 1]!;
        itemMode = true;
      }
    } else if (shape.dashes.length > 0 && shape.dashes[0]! < want) {
      if (shape.body < above.text.length) return undefined; // under `- text`: a continued scalar
      want = shape.dashes[shape.dashes.length - 1]!;
      itemMode = true;
    } else {
      want = shape.indent; // a continuation line of a scalar or a flow collection
    }
    if (want === 0 && !itemMode) break;
  }
  return { path };
}

/** Keys at `column` in the block mapping holding `line` (its own key excluded). */
function siblingKeys(text: string, line: TextLine, column: number): Set<string> {
  const keys = new Set<string>();
  const visit = (other: TextLine): boolean => {
    if (isDocumentMarker(other.text)) return false;
    const shape = shapeOf(other.text);
    if (shape.blank || shape.indent > column) return true;
    if (shape.indent < column) return false;
    if (shape.key && shape.dashes.length === 0) keys.add(shape.key.name);
    return true;
  };
  for (const above of linesAbove(text, line, () => column)) if (!visit(above)) break;
  for (const below of linesBelow(text, line, column)) if (!visit(below)) break;
  return keys;
}

/** The other `- item` scalars of the block list whose markers are at `column`. */
function siblingItems(text: string, line: TextLine, column: number): string[] {
  const items: string[] = [];
  const visit = (other: TextLine): boolean => {
    const shape = shapeOf(other.text);
    if (shape.blank || shape.indent > column) return true;
    if (shape.indent < column || shape.dashes[0] !== column) return false;
    if (!shape.key && shape.body < shape.contentEnd) items.push(unquote(other.text.slice(shape.body, shape.contentEnd)));
    return true;
  };
  for (const above of linesAbove(text, line, () => column)) if (!visit(above)) break;
  for (const below of linesBelow(text, line, column)) if (!visit(below)) break;
  return items;
}

/** Reads a flow collection opening at `start` up to the cursor; `path` leads to the collection. */
function flowContext(text: string, start: number, offset: number, path: readonly string[]): CursorContext | undefined {
  const scan = scanFlow(text, start, offset);
  if (!scan) return undefined;
  const inner = [...path];
  for (const frame of scan.frames.slice(0, -1)) inner.push(frame.open === '{' ? (frame.key ?? '?') : '[]');
  const frame = scan.frames[scan.frames.length - 1]!;
  const common = { prefix: scan.prefix, range: scan.range };
  if (frame.open === '{' && !frame.afterColon) return { path: inner, spot: { kind: 'key', present: new Set(frame.tokens), hasColon: scan.colonFollows, inFlow: true }, ...common };
  if (frame.open === '{') return { path: inner, spot: { kind: 'value', key: frame.key ?? '', inFlow: true, quoted: scan.quoted }, ...common };
  const key = inner.pop();
  if (key === undefined) return undefined;
  return { path: inner, spot: { kind: 'item', key, listed: frame.tokens, inFlow: true, quoted: scan.quoted }, ...common };
}

/** Whether the cursor, at the end of `before`, is in a comment (a `#` after a space, outside quotes). */
function inComment(before: string): boolean {
  return endOfContent(before, 0) < before.trimEnd().length || before.trimStart().startsWith('#');
}
