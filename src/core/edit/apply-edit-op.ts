import { buildDag } from '../graph/dag.js';
import { openContext, requireJob, type EditContext } from './edit-context.js';
import type { EditOp, EditResult, TextEdit } from './edit-op.js';
import { setFieldEdits } from './field-edits.js';
import { addJobEdits, deleteJobEdits, renameJobEdits } from './job-edits.js';
import { addNeedEdits, removeNeedEdits } from './needs-edits.js';
import { normalizeOp, type NormalOp } from './normalize-op.js';
import { EditRefused, refuse } from './refusal.js';
import { applyTextEdits } from './text-lines.js';
import { checkEdit } from './verify-edit.js';

export { applyTextEdits };

/**
 * The text edits that make `op` in a native `.ccwf` file, touching only the lines the op is
 * about: comments, key order, quoting and blank lines elsewhere stay byte for byte. The result
 * is parsed again and compared with the expected model before it is returned, so an edit is
 * either right or refused. Never throws.
 */
export function applyEditOp(text: string, op: EditOp): EditResult {
  try {
    if (typeof text !== 'string') refuse('There is no text to edit.');
    const normal = normalizeOp(op);
    const ctx = openContext(text);
    const edits = editsFor(ctx, normal).filter((e) => e.length > 0 || e.text.length > 0);
    if (edits.length === 0) return { edits };
    const problem = checkEdit(ctx.workflow, normal, applyTextEdits(text, edits));
    return problem === undefined ? { edits } : { error: problem };
  } catch (error) {
    if (error instanceof EditRefused) return { error: error.message };
    return { error: `The edit could not be made (${error instanceof Error ? error.message : String(error)}); make it in the text instead.` };
  }
}

function editsFor(ctx: EditContext, op: NormalOp): TextEdit[] {
  switch (op.op) {
    case 'addJob':
      return addJobEdits(ctx, op);
    case 'deleteJob':
      return deleteJobEdits(ctx, op.name);
    case 'renameJob':
      return renameJobEdits(ctx, op.from, op.to);
    case 'addNeed':
      checkNewNeed(ctx, op.job, op.need);
      return addNeedEdits(ctx, requireJob(ctx, op.job), op.need);
    case 'removeNeed':
      return removeNeedEdits(ctx, requireJob(ctx, op.job), op.need);
    case 'setField':
      return setFieldEdits(ctx, requireJob(ctx, op.job), op.key, op.value);
    default: {
      const never: never = op;
      return refuse(`Unknown edit ${JSON.stringify(never)}.`);
    }
  }
}

/** Refuses a dependency on itself, on nothing, or one that closes a loop. */
function checkNewNeed(ctx: EditContext, job: string, need: string): void {
  requireJob(ctx, job);
  if (job === need) refuse(`Job '${job}' cannot need itself.`);
  if (!ctx.jobs.has(need)) refuse(`Job '${job}' cannot need '${need}': there is no job with that name.`);
  if (ctx.workflow.jobs.get(job)?.needs.some((n) => n.job === need)) return;
  const path = dependencyPath(ctx, need, job);
  if (path) {
    refuse(`Job '${job}' cannot need '${need}': that would make a cycle (${[job, ...path].join(' → ')}), since '${need}' already depends on '${job}'.`);
  }
}

/** A chain of needs from `from` to `to` (both included), breadth first so it is a shortest one. */
function dependencyPath(ctx: EditContext, from: string, to: string): string[] | undefined {
  const { needs } = buildDag(ctx.workflow.jobs);
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    if (at === to) {
      const path: string[] = [];
      for (let step: string | null | undefined = at; step != null; step = cameFrom.get(step)) path.unshift(step);
      return path;
    }
    for (const next of needs.get(at) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}
