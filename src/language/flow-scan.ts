import type { SourceRange } from '../core/model/source-range.js';

/** One open `[` or `{` at the cursor. `tokens`: the list's items, or the mapping's keys (the one being typed left out). */
export interface FlowFrame {
  readonly open: '[' | '{';
  readonly key?: string;
  /** In a mapping: past the `:` of `key`, so the cursor is at its value. */
  readonly afterColon: boolean;
  readonly tokens: readonly string[];
}

export interface FlowScan {
  /** Outermost first. */
  readonly frames: readonly FlowFrame[];
  readonly prefix: string;
  readonly range: SourceRange;
  readonly quoted: boolean;
  /** A `:` follows the word at the cursor (a key being edited in place). */
  readonly colonFollows: boolean;
}

interface LiveFrame {
  open: '[' | '{';
  key?: string;
  afterColon: boolean;
  tokens: string[];
}

const SPACE = /[ \t\r\n]/;

/**
 * Reads a flow collection from its opening bracket at `start` to the cursor, and on to the end
 * of the cursor's line for the items after it. Undefined when the cursor is not inside it.
 */
export function scanFlow(text: string, start: number, offset: number): FlowScan | undefined {
  const lineEnd = text.indexOf('\n', offset);
  const limit = lineEnd < 0 ? text.length : lineEnd;
  const stack: LiveFrame[] = [];
  let token = '';
  let tokenStart = -1;
  let snap: FlowScan | undefined;
  let typing: LiveFrame | undefined; // the frame whose token at the cursor is being typed
  let depthAtCursor = 0;

  const snapshot = (quoted: { prefix: string; range: SourceRange } | undefined) => {
    if (stack.length === 0) return;
    const tail = /^[^\s,[\]{}#:"']*/.exec(text.slice(offset, limit))![0];
    const after = text.slice(offset + tail.length, limit).trimStart();
    snap = {
      frames: stack.map((f) => ({ open: f.open, afterColon: f.afterColon, tokens: f.tokens, ...(f.key === undefined ? {} : { key: f.key }) })),
      prefix: quoted?.prefix ?? (token === '' ? '' : text.slice(tokenStart, offset)),
      range: quoted?.range ?? { start: token === '' ? offset : tokenStart, end: offset + tail.length },
      quoted: quoted !== undefined,
      colonFollows: after.startsWith(':'),
    };
    typing = stack[stack.length - 1];
    depthAtCursor = stack.length;
  };
  const finish = () => {
    const top = stack[stack.length - 1];
    const value = token.trim();
    token = '';
    if (!top) return;
    const skip = top === typing;
    if (skip) typing = undefined;
    if (top.open === '[' && value !== '' && !skip) top.tokens.push(value);
    if (top.open === '{' && !top.afterColon && value !== '' && !skip) top.tokens.push(value);
    if (top.open === '{') {
      top.afterColon = false;
      delete top.key;
    }
  };

  let i = start;
  for (; i < limit; i++) {
    if (i === offset && !snap) snapshot(undefined);
    if (snap && stack.length < depthAtCursor) break;
    const c = text[i]!;
    if ((c === '"' || c === "'") && token === '') {
      const close = closeQuote(text, i);
      if (offset > i && (close < 0 || offset <= close) && !snap) {
        snapshot({ prefix: text.slice(i + 1, offset), range: { start: i + 1, end: close < 0 ? offset : close } });
      }
      if (close < 0) break;
      tokenStart = i;
      token = text.slice(i + 1, close).replace(/''/g, "'");
      i = close;
    } else if (c === '[' || c === '{') {
      stack.push({ open: c, afterColon: false, tokens: [] });
      token = '';
    } else if (c === ']' || c === '}') {
      finish();
      stack.pop();
      if (stack.length === 0) break;
    } else if (c === ',') {
      finish();
    } else if (c === ':' && stack[stack.length - 1]?.open === '{' && !stack[stack.length - 1]!.afterColon && (i + 1 >= text.length || /[\s,\]}]/.test(text[i + 1]!))) {
      const top = stack[stack.length - 1]!;
      const key = token.trim();
      if (top !== typing) top.tokens.push(key);
      else typing = undefined;
      top.key = key;
      top.afterColon = true;
      token = '';
    } else if (c === '#' && (i === start || SPACE.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (offset > i && (end < 0 || offset <= end) && !snap) return undefined;
      i = end < 0 ? limit : end - 1;
    } else if (SPACE.test(c)) {
      if (token !== '') token += ' ';
    } else {
      if (token === '') tokenStart = i;
      token += c;
    }
  }
  if (!snap && i === offset && offset === limit) snapshot(undefined);
  return snap;
}

function closeQuote(text: string, at: number): number {
  const quote = text[at];
  for (let j = at + 1; j < text.length; j++) {
    if (quote === '"' && text[j] === '\\') j++;
    else if (text[j] === quote) {
      if (quote === "'" && text[j + 1] === "'") j++;
      else return j;
    }
  }
  return -1;
}
