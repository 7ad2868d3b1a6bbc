import { isMap, isPair, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { SourceRange } from '../core/model/source-range.js';
import { keyName } from './name-index.js';

/** One level on the way from the document's root to the node at an offset. */
export interface PathStep {
  readonly node: Node;
  /** The key of the pair holding `node`; absent for the root and list items. */
  readonly key?: string;
  /** That pair, from its key to the end of its value. */
  readonly pairRange?: SourceRange;
  /** `node` is the pair's key (the offset is on a key), not its value. */
  readonly isKey?: boolean;
}

/** Root first, innermost last. Ends of keys and scalars count as inside (a cursor after a word). */
export function pathAt(document: Document.Parsed | undefined, offset: number): PathStep[] {
  const root = document?.contents as Node | null | undefined;
  if (!root?.range) return [];
  const steps: PathStep[] = [{ node: root }];
  let node: Node = root;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(pairRange(p), offset));
      if (!pair) return steps;
      const key = keyName(pair) ?? '';
      const keyNode = pair.key as Node | null;
      const value = pair.value as Node | null;
      const whole = pairRange(pair)!;
      if (keyNode?.range && offset >= keyNode.range[0] && offset <= keyNode.range[1]) {
        steps.push({ node: keyNode, key, pairRange: whole, isKey: true });
        return steps;
      }
      if (!value?.range || offset < value.range[0]) {
        steps.push({ node: value ?? keyNode!, key, pairRange: whole });
        return steps;
      }
      steps.push({ node: value, key, pairRange: whole });
      node = value;
    } else if (isSeq(node)) {
      const item = node.items.find((i) => contains(rangeOfNode(i), offset)) as Node | undefined;
      if (!item) return steps;
      steps.push({ node: item });
      node = item;
    } else {
      return steps;
    }
  }
}

/** Key start to value end (block values end before their trailing line break and comments). */
export function pairRange(pair: Pair): SourceRange | undefined {
  const key = (pair.key as Node | null)?.range;
  const value = (pair.value as Node | null)?.range;
  const start = key?.[0] ?? value?.[0];
  if (start === undefined) return undefined;
  return { start, end: Math.max(value?.[1] ?? key![1], key?.[1] ?? 0) };
}

export function rangeOfNode(node: unknown): SourceRange | undefined {
  const r = (node as { range?: [number, number, number] | null } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

const contains = (range: SourceRange | undefined, offset: number): boolean =>
  range !== undefined && offset >= range.start && offset <= range.end;

/** Every collection of the document, parents before children; iterative, so deep nesting cannot overflow. */
export function* collections(document: Document.Parsed | undefined): Generator<Node> {
  const stack: unknown[] = [document?.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node) || isSeq(node)) {
      yield node as Node;
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) stack.push(item.value);
        else stack.push(item);
      }
    }
  }
}

/** The range without the trailing blanks and line breaks the yaml package counts in block values. */
export function trimEnd(text: string, range: SourceRange): SourceRange {
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1]!)) end--;
  return { start: range.start, end };
}
