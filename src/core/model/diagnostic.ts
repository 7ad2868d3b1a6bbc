import type { SourceRange } from './source-range.js';

export type Severity = 'error' | 'warning' | 'info';

/** Another place that explains a problem, e.g. each edge of a dependency cycle. */
export interface RelatedLocation {
  readonly range: SourceRange;
  readonly message: string;
}

/** A problem found in a workflow: never thrown, always collected. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: SourceRange;
  readonly related?: readonly RelatedLocation[];
  /** Machine-readable data for quick fixes, e.g. the suggested replacement. */
  readonly data?: { readonly suggestion?: string; readonly name?: string };
}

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'file-too-large'
  | 'alias-limit'
  | 'duplicate-key'
  | 'unknown-key'
  | 'wrong-type'
  | 'missing-key'
  | 'unknown-job'
  | 'self-dependency'
  | 'cycle'
  | 'missing-script'
  | 'unknown-host'
  | 'bad-host-kind'
  | 'bad-duration'
  | 'bad-value'
  | 'no-command'
  | 'run-and-script'
  | 'no-jobs'
  | 'bad-name';

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
