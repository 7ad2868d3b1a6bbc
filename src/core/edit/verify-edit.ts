import type { Workflow } from '../model/workflow.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import type { NormalOp } from './normalize-op.js';

/**
 * A second opinion on every edit: the new text is parsed again and must describe exactly the
 * old workflow with the op applied. Text surgery has corner cases (odd indentation, `|+`
 * scalars, document markers); this turns any we missed into a refusal instead of a file that
 * silently means something else.
 */
export function checkEdit(before: Workflow, op: NormalOp, after: string): string | undefined {
  const parsed = parseWorkflow(after);
  const broken = parsed.diagnostics.find((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'duplicate-key'));
  if (broken || parsed.workflow.format !== 'ccwf') return FAILED;
  if (workflowFacts(before) !== workflowFacts(parsed.workflow)) return FAILED;
  const expected = expectedJobs(jobFacts(before), op);
  const actual = jobFacts(parsed.workflow);
  return expected.length === actual.length && expected.every((e, i) => same(e, actual[i]!)) ? undefined : FAILED;
}

const FAILED = 'This edit could not be made without changing other parts of the file; make it in the text instead.';

/** Stands for "whatever the file now says": the parts of a new job that defaults decide. */
const ANY = Symbol('any');
type Fact = string | undefined | typeof ANY;

interface JobFacts {
  readonly name: string;
  readonly needs: readonly string[];
  readonly run: Fact;
  readonly script: Fact;
  /** As written in the job, not inherited from `defaults`. */
  readonly host: Fact;
  readonly description: Fact;
  /** Everything else the model holds, as JSON. */
  readonly rest: Fact;
}

function jobFacts(workflow: Workflow): JobFacts[] {
  return [...workflow.jobs.values()].map((job) => ({
    name: job.name,
    needs: job.needs.map((n) => n.job),
    run: job.run,
    script: job.script,
    host: 'host' in job.valueRanges ? job.host : undefined,
    description: job.description,
    rest: JSON.stringify([job.args, job.env, job.retries, job.retryDelayMs, job.timeoutMs, job.cwd, job.label, job.slurm]),
  }));
}

function workflowFacts(w: Workflow): string {
  return JSON.stringify([w.name, w.description, w.concurrency, w.env, [...w.hosts.values()].map((h) => [h.name, h.kind, h.ssh])]);
}

function expectedJobs(jobs: JobFacts[], op: NormalOp): JobFacts[] {
  const each = (name: string, change: (job: JobFacts) => JobFacts) => jobs.map((j) => (j.name === name ? change(j) : j));
  switch (op.op) {
    case 'addJob':
      return [...jobs, { name: op.name, needs: op.needs, run: op.run, script: undefined, host: op.host, description: undefined, rest: ANY }];
    case 'deleteJob':
      return jobs.filter((j) => j.name !== op.name).map((j) => ({ ...j, needs: j.needs.filter((n) => n !== op.name) }));
    case 'renameJob':
      return jobs.map((j) => ({ ...j, name: j.name === op.from ? op.to : j.name, needs: j.needs.map((n) => (n === op.from ? op.to : n)) }));
    case 'addNeed':
      return each(op.job, (j) => (j.needs.includes(op.need) ? j : { ...j, needs: [...j.needs, op.need] }));
    case 'removeNeed':
      return each(op.job, (j) => ({ ...j, needs: j.needs.filter((n) => n !== op.need) }));
    case 'setField':
      return each(op.job, (j) => ({ ...j, [op.key]: op.value }));
  }
}

function same(expected: JobFacts, actual: JobFacts): boolean {
  const fact = (e: Fact, a: Fact) => e === ANY || e === a;
  return (
    expected.name === actual.name &&
    expected.needs.join('\0') === actual.needs.join('\0') &&
    expected.needs.length === actual.needs.length &&
    fact(expected.run, actual.run) &&
    fact(expected.script, actual.script) &&
    fact(expected.host, actual.host) &&
    fact(expected.description, actual.description) &&
    fact(expected.rest, actual.rest)
  );
}
