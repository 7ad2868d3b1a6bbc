import { resolve } from 'node:path';
import { loadWorkflow, planJobs, runWorkflow } from '../../core/engine/run-workflow.js';
import { hasErrors } from '../../core/model/diagnostic.js';
import { formatDiagnostics } from '../diagnostics-format.js';
import { colors, EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { ProgressView } from '../progress-view.js';
import { remotePrompts } from '../remote-prompts.js';
import { defaultRunners, disposeRunners } from '../../core/runners/default-runners.js';
import type { CliOptions } from '../cli.js';

export async function runCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  if (args.length !== 1) throw new UsageError('run needs one workflow file');
  const file = args[0]!;
  const path = resolve(io.cwd, file);
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new UsageError('-j needs a whole number above 0');
  const jobs = options.jobs?.split(',').map((j) => j.trim()).filter(Boolean);
  const c = colors(io);

  if (options['dry-run']) {
    const loaded = loadWorkflow(path);
    io.stderr.write(formatDiagnostics(file, loaded.text, loaded.diagnostics, c));
    if (hasErrors(loaded.diagnostics)) return EXIT_FAILED;
    const plan = planJobs(loaded.workflow, { ...(jobs ? { jobs } : {}), ...(options.from ? { from: options.from } : {}) });
    if ('error' in plan) throw new UsageError(plan.error);
    for (const name of plan) {
      const job = loaded.workflow.jobs.get(name)!;
      io.stdout.write(`${name}  [${job.host}]  ${job.run?.split('\n')[0] ?? job.script}\n`);
    }
    return EXIT_OK;
  }

  const view = new ProgressView(io);
  const runners = defaultRunners({
    ...remotePrompts(io, options['accept-new-host-keys'] === true),
    ...(options['ssh-config'] ? { sshConfigPath: resolve(io.cwd, options['ssh-config']) } : {}),
  });
  const outcome = await runWorkflow({
    runners,
    workflowPath: path,
    ...(options['runs-dir'] ? { runsDir: resolve(io.cwd, options['runs-dir']) } : {}),
    ...(jobs ? { jobs } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.resume ? { resume: options.resume } : {}),
    ...(options['run-id'] ? { runId: options['run-id'] } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(options['fail-fast'] ? { failFast: true } : {}),
    ...(options.python ? { python: options.python } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onEvent: (event) => view.onEvent(event),
    onRunCreated: (runId, runDir) => io.stderr.write(c.dim(`run ${runId} (${runDir})\n`)),
  }).finally(() => disposeRunners(runners));
  view.finish();
  if (outcome.kind === 'invalid') {
    io.stderr.write(formatDiagnostics(file, outcome.text, outcome.diagnostics, c));
    return EXIT_FAILED;
  }
  if (outcome.kind === 'refused') throw new UsageError(outcome.message);
  const verdict = outcome.status === 'done' ? c.green('done') : c.red(outcome.status);
  io.stderr.write(`run ${outcome.runId}: ${verdict}\n`);
  return outcome.status === 'done' ? EXIT_OK : EXIT_FAILED;
}
