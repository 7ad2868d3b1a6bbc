import { resolve } from 'node:path';
import { hasErrors } from '../../core/model/diagnostic.js';
import { defaultRunsDir, loadWorkflow } from '../../core/engine/run-workflow.js';
import { buildGraphModel } from '../../core/graph/graph-model.js';
import { runForGraph, workflowSvg } from '../../core/graph/workflow-svg.js';
import { toDot, toJson, toMermaid } from '../../core/graph/text-formats.js';
import { writeFileAtomicSync } from '../../core/store/atomic-write.js';
import { formatDiagnostics } from '../diagnostics-format.js';
import { colors, EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import type { CliOptions } from '../cli.js';

const FORMATS = ['svg', 'dot', 'mermaid', 'json'];

export async function graphCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  if (args.length !== 1) throw new UsageError('graph needs one workflow file');
  const format = options.format ?? (options.output?.split('.').pop() || 'svg');
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const path = resolve(io.cwd, args[0]!);
  const loaded = loadWorkflow(path);
  io.stderr.write(formatDiagnostics(args[0]!, loaded.text, loaded.diagnostics, colors(io)));
  if (hasErrors(loaded.diagnostics)) return EXIT_FAILED;
  // Colour nodes by the given run, else by the latest run of this workflow.
  const runsDir = options['runs-dir'] ? resolve(io.cwd, options['runs-dir']) : defaultRunsDir(path);
  const state = runForGraph(path, runsDir, options.run);
  const model = buildGraphModel(loaded.workflow, state);
  let text: string;
  if (format === 'svg') text = await workflowSvg(loaded.workflow, path, state);
  else if (format === 'dot') text = toDot(model);
  else if (format === 'mermaid') text = toMermaid(model);
  else text = toJson(model);
  if (options.output) writeFileAtomicSync(resolve(io.cwd, options.output), text);
  else io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  return EXIT_OK;
}
