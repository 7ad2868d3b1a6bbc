import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

/**
 * The `DUPLICATE_KEY` errors the `yaml` package reports with `uniqueKeys: true`, found in one
 * pass: its own check compares each key with every earlier one, which is quadratic in the
 * number of jobs. Same order (the order it composes keys in), same offsets. `undefined` when a
 * repeated key is written in a way whose error offset is not worth predicting (an empty key, an
 * anchor or tag before it, `? key`): ask the package itself then.
 */
export function duplicateKeyErrors(root: Node | null, text: string): YAMLParseError[] | undefined {
  const errors: YAMLParseError[] = [];
  return walk(root, 0, text, errors) ? errors : undefined;
}

/** Beyond this depth the package is asked instead (and this recursion cannot overflow). */
const MAX_DEPTH = 1000;
/** Up to this many keys a map is checked by comparing with the keys before; a Set beyond. */
const SMALL_MAP = 8;

/** Keys are checked in the order the package composes them: a key's own subtree, the key, its value. */
function walk(node: unknown, depth: number, text: string, errors: YAMLParseError[]): boolean {
  if (depth > MAX_DEPTH) return false;
  if (isMap(node)) {
    const { items } = node;
    const seen = items.length > SMALL_MAP ? new Set<unknown>() : undefined;
    for (let i = 0; i < items.length; i++) {
      const { key, value } = items[i]!;
      if (!walk(key, depth + 1, text, errors)) return false;
      // The package compares scalar values with ===, so NaN never repeats and other nodes never do.
      if (isScalar(key) && !Number.isNaN(key.value)) {
        if (repeats(items, i, key.value, seen)) {
          const at = keyStart(node, i, text);
          if (at === undefined) return false;
          errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
      }
      if (!walk(value, depth + 1, text, errors)) return false;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      // Pairs inside sequences (`!!omap`, `!!pairs`) are not checked for uniqueness here.
      if (isPair(item) ? !walk(item.key, depth + 1, text, errors) || !walk(item.value, depth + 1, text, errors) : !walk(item, depth + 1, text, errors)) {
        return false;
      }
    }
  }
  return true;
}

function repeats(items: readonly Pair[], index: number, value: unknown, seen: Set<unknown> | undefined): boolean {
  if (seen) {
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  }
  for (let i = 0; i < index; i++) {
    const key = items[i]!.key;
    if (isScalar(key) && key.value === value) return true;
  }
  return false;
}

/**
 * Where the package places the error: at the key, except after a `key:` with no value (also
 * one nested at the end of the previous value): the line breaks up to the key then belong to
 * that empty value, and the error sits where the previous value ends. A blank line between a
 * `key:` and the repeated key hands the lines after it back to the key.
 */
function keyStart(map: YAMLMap, index: number, text: string): number | undefined {
  const key = map.items[index]!.key as Scalar;
  const at = key.range![0];
  if (isEmptyNode(key)) return undefined;
  if (map.flow) return at;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let indent = lineStart;
  while (text.charCodeAt(indent) === 32) indent++;
  if (indent !== at) return undefined; // `&anchor key`, `!tag key`, `? key`, or not at a line start
  indent -= lineStart;
  const previous = map.items[index - 1]!.value as Node | null;
  if (!isEmptyNode(previous)) return endsEmpty(previous) ? previous!.range![2] : at;
  // Line breaks from the empty value to the key, counted again after a comment right of the indentation.
  let breaks = 0;
  for (let p = previous.range![0]; p < at; p++) {
    const c = text.charCodeAt(p);
    if (c === 10) breaks++;
    else if (c === 35) {
      if (p - (text.lastIndexOf('\n', p - 1) + 1) > indent) breaks = 0;
      const nl = text.indexOf('\n', p);
      p = (nl < 0 ? text.length : nl) - 1;
    }
  }
  return breaks >= 2 ? at : previous.range![2];
}

/** Whether a block collection's last value, at any depth, is an empty node. */
function endsEmpty(node: Node | null): boolean {
  let last: unknown = node;
  for (;;) {
    if (isMap(last) && !last.flow) last = last.items[last.items.length - 1]?.value;
    else if (isSeq(last) && !last.flow) last = last.items[last.items.length - 1];
    else return isEmptyNode(last);
  }
}

/** What the package makes of nothing written: `key:` with no value, or `: value` with no key. */
function isEmptyNode(node: unknown): node is Scalar {
  return isScalar(node) && node.source === '' && node.range![0] === node.range![1];
}
