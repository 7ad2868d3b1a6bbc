/** A line of the text: where it starts and its content without the line break. */
export interface TextLine {
  readonly start: number;
  readonly text: string;
}

export function lineAt(text: string, offset: number): TextLine {
  const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  return lineFrom(text, start);
}

function lineFrom(text: string, start: number): TextLine {
  const newline = text.indexOf('\n', start);
  const end = newline < 0 ? text.length : newline;
  return { start, text: text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end) };
}

/**
 * Lines below `line`, nearest first, skipping without copying those indented deeper than
 * `column` (most lines of a large file, when looking for sibling keys).
 */
export function* linesBelow(text: string, line: TextLine, column: number): Generator<TextLine> {
  let newline = text.indexOf('\n', line.start);
  while (newline >= 0) {
    const start = newline + 1;
    newline = text.indexOf('\n', start);
    let i = start;
    while (text.charCodeAt(i) === 32) i++;
    if (i - start > column) continue;
    yield lineFrom(text, start);
  }
}

/**
 * Lines above `line`, nearest first, skipping without copying those indented deeper than
 * `deeperThan()` says (most lines of a large file, when looking for a parent key).
 */
export function* linesAbove(text: string, line: TextLine, deeperThan: () => number): Generator<TextLine> {
  let start = line.start;
  while (start > 0) {
    const newline = start - 1;
    start = newline === 0 ? 0 : text.lastIndexOf('\n', newline - 1) + 1;
    let i = start;
    while (text.charCodeAt(i) === 32) i++;
    if (i - start > deeperThan()) continue;
    yield lineFrom(text, start);
  }
}

/** `---` or `...`: the end of one YAML document. */
export const isDocumentMarker = (line: string): boolean => /^(---|\.\.\.)(\s|$)/.test(line);
