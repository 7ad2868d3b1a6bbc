import type { Diagnostic } from '../model/diagnostic.js';
import type { Job, Workflow } from '../model/workflow.js';
import { buildDag, findCycles } from '../graph/dag.js';
import { closest, didYouMean } from '../util/suggest.js';

export interface ValidateContext {
  /** Whether a path relative to the workflow file exists. Omitted: scripts are not checked. */
  readonly fileExists?: (relativePath: string) => boolean;
  /** Hosts defined outside the file (editor settings); they count as declared. */
  readonly extraHosts?: Iterable<string>;
}

/** Semantic checks on a parsed workflow. Pure: file access comes through the context. */
export function validateWorkflow(workflow: Workflow, context: ValidateContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hostNames = new Set([...workflow.hosts.keys(), ...(context.extraHosts ?? [])]);
  for (const job of workflow.jobs.values()) {
    checkCommand(job, workflow, context, out);
    checkNeeds(job, workflow, out);
    if (!hostNames.has(job.host)) {
      const suggestion = closest(job.host, hostNames);
      out.push({
        code: 'unknown-host',
        severity: 'error',
        message: `Job '${job.name}' runs on host '${job.host}', which is not declared under 'hosts'.${didYouMean(suggestion)}`,
        range: job.valueRanges.host ?? job.nameRange,
        data: suggestion === undefined ? { name: job.host } : { name: job.host, suggestion },
      });
    }
  }
  checkCycles(workflow, out);
  return out;
}

function checkCommand(job: Job, workflow: Workflow, context: ValidateContext, out: Diagnostic[]): void {
  const [one, other] = workflow.format === 'cloudmesh' ? ['exec', 'script'] : ['run', 'script'];
  if (job.run === undefined && job.script === undefined) {
    out.push({ code: 'no-command', severity: 'error', message: `Job '${job.name}' has nothing to run: give it '${one}' or '${other}'.`, range: job.nameRange });
  } else if (job.run !== undefined && job.script !== undefined) {
    out.push({
      code: 'run-and-script',
      severity: 'error',
      message: `Job '${job.name}' has both '${one}' and '${other}'; keep one.`,
      range: job.valueRanges.script ?? job.nameRange,
    });
  }
  const host = workflow.hosts.get(job.host);
  // Scripts of remote jobs are staged from here, so they must exist here too.
  if (job.script !== undefined && context.fileExists && host && !context.fileExists(job.script)) {
    out.push({
      code: 'missing-script',
      severity: 'error',
      message: `Script '${job.script}' of job '${job.name}' does not exist (paths are relative to the workflow file).`,
      range: job.valueRanges.script ?? job.nameRange,
    });
  }
}

function checkNeeds(job: Job, workflow: Workflow, out: Diagnostic[]): void {
  for (const need of job.needs) {
    if (need.job === job.name) {
      out.push({ code: 'self-dependency', severity: 'error', message: `Job '${job.name}' cannot need itself.`, range: need.range });
    } else if (!workflow.jobs.has(need.job)) {
      const suggestion = closest(need.job, workflow.jobs.keys());
      out.push({
        code: 'unknown-job',
        severity: 'error',
        message: `Job '${job.name}' needs '${need.job}', which is not a job in this workflow.${didYouMean(suggestion)}`,
        range: need.range,
        data: suggestion === undefined ? { name: need.job } : { name: need.job, suggestion },
      });
    }
  }
}

function checkCycles(workflow: Workflow, out: Diagnostic[]): void {
  for (const cycle of findCycles(buildDag(workflow.jobs))) {
    if (cycle.length === 2) continue; // a self-dependency, reported where it is written
    const edges = cycle.slice(0, -1).map((from, i) => {
      const to = cycle[i + 1]!;
      const need = workflow.jobs.get(from)!.needs.find((n) => n.job === to)!;
      return { range: need.range, message: `'${from}' needs '${to}'` };
    });
    out.push({
      code: 'cycle',
      severity: 'error',
      message: `Dependency cycle: ${cycle.join(' → ')} (each needs the next). Remove one of these needs.`,
      range: edges[edges.length - 1]!.range,
      related: edges,
      data: { name: cycle[cycle.length - 2]! },
    });
  }
}
