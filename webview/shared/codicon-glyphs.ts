/**
 * Code points of the codicons the graph draws as SVG text. `<vscode-icon>` is an HTML element
 * with its own shadow root, far too heavy for a thousand nodes; the codicon font itself is
 * loaded by the page's stylesheet, so a glyph in that font is all a node needs.
 */
const GLYPHS: Readonly<Record<string, number>> = {
  'circle-large-outline': 0xebb5,
  'circle-slash': 0xeabd,
  'circle-small': 0xec07,
  clock: 0xea82,
  close: 0xea76,
  'debug-step-over': 0xead6,
  error: 0xea87,
  'file-code': 0xeae9,
  notebook: 0xebaf,
  'pass-filled': 0xebb3,
  python: 0xec39,
  remote: 0xeb3a,
  'server-environment': 0xeba3,
  sync: 0xea77,
  terminal: 0xea85,
  'terminal-linux': 0xebc6,
  vm: 0xea7a,
};

/** The glyph of a codicon, or an empty string for one not listed above. */
export function glyph(name: string): string {
  const code = GLYPHS[name];
  return code === undefined ? '' : String.fromCodePoint(code);
}
