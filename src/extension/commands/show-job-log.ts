import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { defaultRunsDir } from '../../core/engine/run-workflow.js';
import { listRunDirs, logPathOf, readFirstEvent } from '../../core/store/run-store.js';

/**
 * Opens the log of `job` from the latest run of the workflow that ran it, as a read-only text
 * document that VS Code keeps up to date while the job writes to it.
 */
export async function showJobLog(workflow: vscode.Uri, job: string): Promise<void> {
  if (workflow.scheme !== 'file') return;
  const path = workflow.fsPath;
  for (const runDir of listRunDirs(defaultRunsDir(path))) {
    const start = readFirstEvent(runDir);
    if (start?.type !== 'run-start' || start.workflowFile !== path || !start.jobs.includes(job)) continue;
    const log = logPathOf(runDir, job);
    if (!existsSync(log)) break;
    await vscode.window.showTextDocument(vscode.Uri.file(log), { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return;
  }
  void vscode.window.showInformationMessage(`No run of this workflow has a log for job '${job}' yet.`);
}
