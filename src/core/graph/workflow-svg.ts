import { basename, join } from 'node:path';
import type { Workflow } from '../model/workflow.js';
import type { RunState } from '../store/run-state.js';
import { listRunDirs, readRun } from '../store/run-store.js';
import { buildGraphModel } from './graph-model.js';
import { layoutGraph } from './elk-layout.js';
import { renderSvg } from './render-svg.js';

/**
 * The run a graph of this workflow is coloured by: the named one, else the latest run of this
 * file. One function so `ccwf graph` and the editor's export pick the same run.
 */
export function runForGraph(workflowPath: string, runsDir: string, runId?: string): RunState | undefined {
  const runDir = runId ? join(runsDir, runId) : listRunDirs(runsDir).find((d) => readRun(d)?.workflowFile === workflowPath);
  return runDir ? readRun(runDir) : undefined;
}

/** The SVG `ccwf graph --format svg` writes; the editor's "Export Graph as SVG" writes the same. */
export async function workflowSvg(workflow: Workflow, workflowPath: string, state?: RunState): Promise<string> {
  return renderSvg(await layoutGraph(buildGraphModel(workflow, state)), { title: workflow.name ?? basename(workflowPath) });
}
