import { basename, resolve } from 'node:path';
import { hasErrors } from '../../core/model/diagnostic.js';
import { loadWorkflow } from '../../core/engine/run-workflow.js';
import { toCcwfText } from '../../core/convert/to-ccwf.js';
import { writeFileAtomicSync } from '../../core/store/atomic-write.js';
import { formatDiagnostics } from '../diagnostics-format.js';
import { colors, EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import type { CliOptions } from '../cli.js';

export async function convertCommand(args: string[], options: CliOptions, io: CliIo): Promise<number> {
  if (args.length !== 1) throw new UsageError('convert needs one workflow file');
  const loaded = loadWorkflow(resolve(io.cwd, args[0]!));
  io.stderr.write(formatDiagnostics(args[0]!, loaded.text, loaded.diagnostics, colors(io)));
  if (hasErrors(loaded.diagnostics)) return EXIT_FAILED;
  // cloudmesh-cc names a workflow after its file, up to the first dot.
  const text = toCcwfText(loaded.workflow, basename(args[0]!).split('.')[0]);
  if (options.output) writeFileAtomicSync(resolve(io.cwd, options.output), text);
  else io.stdout.write(text);
  return EXIT_OK;
}
