import type { Document } from 'yaml';
import { buildDag, type Dag } from '../core/graph/dag.js';
import type { Diagnostic } from '../core/model/diagnostic.js';
import type { Workflow, WorkflowFormat } from '../core/model/workflow.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { validateWorkflow, type ValidateContext } from '../core/validate/validate-workflow.js';
import { LineIndex } from '../core/util/line-index.js';
import { ccwfNames, cloudmeshNames, type NameRef } from './name-index.js';
import type { LanguageContext } from './types.js';

export type { NameRef } from './name-index.js';

/**
 * One reading of one version of a workflow text, shared by every language feature: the adapter
 * makes one per document version and passes it around, so no feature parses again.
 * (Completion is the exception that proves it: it may get the analysis of the *previous*
 * version and then reads only the lines around the cursor; see `completion.ts`.)
 *
 * What VS Code asks for after every edit (diagnostics, outline, folding, lenses) comes from the
 * model and the text. The `yaml` document is only read by what a person asks for (selection
 * ranges, a host rename): the core reads large files without it and builds it on first access.
 */
export interface Analysis {
  readonly text: string;
  readonly format: WorkflowFormat;
  readonly workflow: Workflow;
  /** The YAML document, built on first access; absent when the text was refused (too large, binary). */
  readonly document: Document.Parsed | undefined;
  /** Problems of the YAML and the structure. */
  readonly parseDiagnostics: readonly Diagnostic[];
  /** `parseDiagnostics` plus the validator's, which are left out while the YAML itself is broken. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the YAML has syntax errors: the model is then a partial reading. */
  readonly broken: boolean;
  /** Every job and host name written in the file, declarations and uses, by offset (indexed on first use). */
  readonly names: readonly NameRef[];
  readonly lines: LineIndex;
}

export function analyze(text: string, context: LanguageContext = {}): Analysis {
  const parsed = parseWorkflow(text);
  const { workflow } = parsed;
  const broken = parsed.diagnostics.some((d) => d.code === 'yaml-syntax' && d.severity === 'error');
  // While the YAML itself is broken, semantic complaints about the half-read model are noise.
  const diagnostics = broken ? parsed.diagnostics : [...parsed.diagnostics, ...validateWorkflow(workflow, validateContext(context))];
  let names: NameRef[] | undefined;
  return {
    text,
    format: workflow.format,
    workflow,
    get document() {
      return parsed.document;
    },
    parseDiagnostics: parsed.diagnostics,
    diagnostics,
    broken,
    get names() {
      return (names ??= workflow.format === 'cloudmesh' ? cloudmeshNames(workflow, parsed.document) : ccwfNames(workflow, text));
    },
    lines: new LineIndex(text),
  };
}

export function validateContext(context: LanguageContext): ValidateContext {
  return {
    ...(context.fileExists ? { fileExists: context.fileExists } : {}),
    ...(context.extraHosts ? { extraHosts: context.extraHosts.map((h) => h.name) } : {}),
  };
}

/** The name written at `offset` (its end included, so a cursor just after a word counts). */
export function nameAt(analysis: Analysis, offset: number): NameRef | undefined {
  const { names } = analysis;
  let lo = 0;
  let hi = names.length - 1;
  let found: NameRef | undefined;
  // The last name starting at or before the offset; names never overlap.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]!.range.start <= offset) (found = names[mid]), (lo = mid + 1);
    else hi = mid - 1;
  }
  return found && offset <= found.range.end ? found : undefined;
}

const indexes = new WeakMap<Analysis, Map<string, NameRef[]>>();

/** Every place a job or host is written: declarations and uses, in text order. */
export function occurrences(analysis: Analysis, kind: NameRef['kind'], name: string): readonly NameRef[] {
  let index = indexes.get(analysis);
  if (!index) {
    index = new Map();
    for (const ref of analysis.names) {
      const id = `${ref.kind}:${ref.name}`;
      const list = index.get(id);
      if (list) list.push(ref);
      else index.set(id, [ref]);
    }
    indexes.set(analysis, index);
  }
  return index.get(`${kind}:${name}`) ?? [];
}

const dags = new WeakMap<Analysis, Dag>();

/** The dependency graph of the analysed workflow, built on first use. */
export function dagOf(analysis: Analysis): Dag {
  let dag = dags.get(analysis);
  if (!dag) dags.set(analysis, (dag = buildDag(analysis.workflow.jobs)));
  return dag;
}
