import { isMap } from 'yaml';
import { applyTextEdits } from '../core/edit/apply-edit-op.js';
import type { EditResult, TextEdit } from '../core/edit/edit-op.js';
import { EditRefused } from '../core/edit/refusal.js';
import { flowScalarText, keyText } from '../core/edit/yaml-fragments.js';
import type { Workflow } from '../core/model/workflow.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { occurrences, type Analysis } from './analysis.js';

/**
 * Edits renaming host `from` to `to`: its key under `hosts:`, each job's `host:` and
 * `defaults.host`, each replaced as a scalar in place. Like the core's edits, the result is
 * parsed again and must mean the same workflow with only the host's name changed.
 */
export function renameHost(analysis: Analysis, from: string, to: string): EditResult {
  if (to === 'local') return { error: "'local' is the name of this machine; choose another name." };
  if (analysis.workflow.hosts.has(to)) return { error: `A host named '${to}' already exists.` };
  let edits: TextEdit[];
  try {
    const flowKey = hostsInFlow(analysis);
    edits = occurrences(analysis, 'host', from).map((ref) => ({
      offset: ref.range.start,
      length: ref.range.end - ref.range.start,
      // A flow scalar is also valid on a block line; a block key gets the key form, as job renames do.
      text: ref.declaration && !flowKey ? keyText(to) : flowScalarText(to),
    }));
  } catch (error) {
    if (error instanceof EditRefused) return { error: error.message };
    throw error;
  }
  const after = parseWorkflow(applyTextEdits(analysis.text, edits));
  const broken = after.diagnostics.some((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'duplicate-key'));
  if (broken || !sameButRenamed(analysis.workflow, after.workflow, from, to)) {
    return { error: 'This rename could not be made without changing other parts of the file (aliases?); make it in the text instead.' };
  }
  return { edits };
}

/** `hosts: { a: ..., b: ... }`, where a key holding `,` or `[` must be quoted. */
function hostsInFlow(analysis: Analysis): boolean {
  const root = analysis.document?.contents;
  const hosts = isMap(root) ? root.get('hosts', true) : undefined;
  return isMap(hosts) && !!hosts.flow;
}

function sameButRenamed(before: Workflow, after: Workflow, from: string, to: string): boolean {
  const renamed = (name: string) => (name === from ? to : name);
  const hostsBefore = [...before.hosts.values()].map((h) => `${renamed(h.name)}\0${h.kind}\0${h.ssh ?? ''}`).sort();
  const hostsAfter = [...after.hosts.values()].map((h) => `${h.name}\0${h.kind}\0${h.ssh ?? ''}`).sort();
  if (hostsBefore.join('\n') !== hostsAfter.join('\n')) return false;
  if (before.jobs.size !== after.jobs.size) return false;
  for (const [name, job] of before.jobs) if (after.jobs.get(name)?.host !== renamed(job.host)) return false;
  return true;
}
