import type { Diagnostic } from '../core/model/diagnostic.js';
import { LineIndex } from '../core/util/line-index.js';
import type { Colors } from './io.js';

/** Compiler-style lines editors and terminals link: FILE:LINE:COL: error: message [code]. */
export function formatDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[], c: Colors): string {
  const index = new LineIndex(text);
  return diagnostics
    .map((d) => {
      const { line, column } = index.position(d.range.start);
      const severity = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : 'info';
      return `${file}:${line}:${column}: ${severity}: ${d.message} [${d.code}]\n`;
    })
    .join('');
}

export function diagnosticsJson(file: string, text: string, diagnostics: readonly Diagnostic[]): object[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => ({ file, ...index.position(d.range.start), end: index.position(d.range.end), severity: d.severity, code: d.code, message: d.message }));
}
