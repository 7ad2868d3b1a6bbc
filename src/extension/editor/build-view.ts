// Text -> what the workflow editor's webview draws. No `vscode` here: the unit tests and the
// webview's browser tests build views with it in plain node.
import type { Diagnostic } from '../../core/model/diagnostic.js';
import { buildDag, topologicalOrder } from '../../core/graph/dag.js';
import { buildGraphModel } from '../../core/graph/graph-model.js';
import type { Job, Workflow } from '../../core/model/workflow.js';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';
import { LineIndex } from '../../core/util/line-index.js';
import { validateWorkflow, type ValidateContext } from '../../core/validate/validate-workflow.js';
import type { JobCell, ViewProblem, WorkflowView } from '../../protocol/messages.js';

/** Problems beyond this many are summarised: the Problems panel has the full list. */
const MAX_PROBLEMS = 50;

export interface ParsedView {
  readonly view: WorkflowView;
  readonly workflow: Workflow;
  readonly diagnostics: readonly Diagnostic[];
}

export function buildView(text: string, version: number, context: ValidateContext = {}): ParsedView {
  const parsed = parseWorkflow(text);
  return viewOf(parsed.workflow, [...parsed.diagnostics, ...validateWorkflow(parsed.workflow, context)], text, version);
}

/** The view of a workflow already parsed and checked (the language features' analysis of the same text). */
export function viewOf(workflow: Workflow, diagnostics: readonly Diagnostic[], text: string, version: number): ParsedView {
  const lines = new LineIndex(text);
  const order = topologicalOrder(buildDag(workflow.jobs));
  const cells = order.map((name) => toCell(workflow.jobs.get(name)!, workflow, lines));
  const problems: ViewProblem[] = diagnostics
    .filter((d) => d.severity !== 'info')
    .slice(0, MAX_PROBLEMS)
    .map((d) => ({ message: d.message, line: lines.position(d.range.start).line - 1, severity: d.severity === 'error' ? 'error' : 'warning' }));
  const view: WorkflowView = {
    version,
    format: workflow.format,
    graph: buildGraphModel(workflow),
    cells,
    hosts: [...workflow.hosts.keys()],
    problems,
  };
  return { view, workflow, diagnostics };
}

function toCell(job: Job, workflow: Workflow, lines: LineIndex): JobCell {
  const commandKey = job.run !== undefined ? 'run' : job.script !== undefined ? 'script' : undefined;
  return {
    name: job.name,
    host: job.host,
    hostKind: workflow.hosts.get(job.host)?.kind ?? 'local',
    ...(commandKey === undefined ? {} : { commandKey }),
    command: job.run ?? job.script ?? '',
    needs: job.needs.map((n) => n.job),
    ...(job.description === undefined ? {} : { description: job.description }),
    line: lines.position(job.nameRange.start).line - 1,
  };
}

/** Which job's entry holds this offset (for following the text cursor), if any. */
export function jobAt(workflow: Workflow, offset: number): string | undefined {
  for (const job of workflow.jobs.values()) {
    if (offset >= job.nameRange.start && offset <= job.range.end) return job.name;
  }
  return undefined;
}
