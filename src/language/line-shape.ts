/**
 * What one line of block YAML says about structure, read without a parser: its indentation,
 * `- ` item markers, and a `key:` if it has one. Columns are offsets into the line.
 */
export interface LineShape {
  readonly indent: number;
  /** Empty, spaces only, or a comment only. */
  readonly blank: boolean;
  /** Columns of the `- ` markers before the content (`- - a` has two). */
  readonly dashes: readonly number[];
  /** Column of the content after indentation and markers. */
  readonly body: number;
  readonly key?: { readonly name: string; readonly start: number; readonly end: number; readonly colon: number };
  /** Column where the value after `key:` starts, or where the content ends when there is none. */
  readonly value: number;
  /** Column where the line's content ends: before a trailing comment and spaces. */
  readonly contentEnd: number;
}

/** Characters that cannot start a plain key. */
const NOT_A_KEY_START = new Set(['[', '{', ']', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '#', '?']);

export function shapeOf(line: string): LineShape {
  let i = indentOf(line);
  const indent = i;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  const body = i;
  const contentEnd = endOfContent(line, body);
  if (indent === line.length || (line[indent] === '#' && dashes.length === 0)) {
    return { indent, blank: true, dashes, body, value: body, contentEnd: body };
  }
  const key = readKey(line, body);
  let value = key ? key.colon + 1 : body;
  if (key) while (line[value] === ' ' || line[value] === '\t') value++;
  return { indent, blank: false, dashes, body, ...(key ? { key } : {}), value, contentEnd };
}

/** The value written after `key:` on the line itself (empty for a block value or a comment). */
export const valueText = (line: string, shape: LineShape): string => (shape.value < shape.contentEnd ? line.slice(shape.value, shape.contentEnd) : '');

export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

function readKey(line: string, at: number): LineShape['key'] {
  const first = line[at];
  if (first === undefined || NOT_A_KEY_START.has(first)) return undefined;
  if (first === '"' || first === "'") {
    const close = closingQuote(line, at);
    if (close < 0) return undefined;
    let colon = close + 1;
    while (line[colon] === ' ') colon++;
    if (line[colon] !== ':' || !endsToken(line, colon + 1)) return undefined;
    return { name: unquote(line.slice(at, close + 1)), start: at, end: close + 1, colon };
  }
  for (let j = at; j < line.length; j++) {
    const c = line[j];
    if (c === '#' && (line[j - 1] === ' ' || line[j - 1] === '\t')) return undefined;
    if (c === ':' && endsToken(line, j + 1)) {
      const name = line.slice(at, j).trimEnd();
      return { name, start: at, end: at + name.length, colon: j };
    }
  }
  return undefined;
}

const endsToken = (line: string, at: number) => at >= line.length || line[at] === ' ' || line[at] === '\t';

/** Index of the quote closing the one at `at`, or -1 when the line ends first. */
export function closingQuote(line: string, at: number): number {
  const quote = line[at];
  for (let j = at + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === '\\') j++;
    else if (line[j] === quote) {
      if (quote === "'" && line[j + 1] === "'") j++;
      else return j;
    }
  }
  return -1;
}

export function unquote(text: string): string {
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }
  return text;
}

/** End of a line's content from `from`: before ` #comment` (outside quotes) and trailing spaces. */
export function endOfContent(line: string, from: number): number {
  let end = line.length;
  for (let j = from; j < line.length; j++) {
    const c = line[j];
    if ((c === '"' || c === "'") && (j === from || /[\s[{,:]/.test(line[j - 1]!))) {
      const close = closingQuote(line, j);
      if (close < 0) break;
      j = close;
    } else if (c === '#' && (j === 0 || line[j - 1] === ' ' || line[j - 1] === '\t')) {
      end = j;
      break;
    }
  }
  while (end > from && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end;
}
