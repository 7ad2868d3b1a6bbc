import { resolve } from 'node:path';
import { hasErrors } from '../../core/model/diagnostic.js';
import { loadWorkflow } from '../../core/engine/run-workflow.js';
import { diagnosticsJson, formatDiagnostics } from '../diagnostics-format.js';
import { colors, EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import type { CliOptions } from '../cli.js';

export async function validateCommand(files: string[], options: CliOptions, io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError('validate needs at least one workflow file');
  let failed = false;
  const report: object[] = [];
  for (const file of files) {
    const loaded = loadWorkflow(resolve(io.cwd, file));
    failed ||= hasErrors(loaded.diagnostics);
    if (options.json) report.push(...diagnosticsJson(file, loaded.text, loaded.diagnostics));
    else io.stderr.write(formatDiagnostics(file, loaded.text, loaded.diagnostics, colors(io)));
    if (!options.json && !hasErrors(loaded.diagnostics)) io.stdout.write(`${file}: ok, ${loaded.workflow.jobs.size} jobs\n`);
  }
  if (options.json) io.stdout.write(JSON.stringify({ ok: !failed, diagnostics: report }, null, 2) + '\n');
  return failed ? EXIT_FAILED : EXIT_OK;
}
