import { applyEditOp } from '../core/edit/apply-edit-op.js';
import type { EditOp, TextEdit } from '../core/edit/edit-op.js';
import { flowScalarText } from '../core/edit/yaml-fragments.js';
import type { Diagnostic } from '../core/model/diagnostic.js';
import type { SourceRange } from '../core/model/source-range.js';
import { nameAt, type Analysis } from './analysis.js';
import { cursorContext } from './cursor-context.js';
import type { CodeAction } from './types.js';

export const CONVERT_COMMAND = { id: 'ccwf.convert', title: 'Convert to .ccwf' } as const;

/** Each fix of a cycle re-reads the file to check its edit; a long cycle gets fixes for its first edges only. */
const MAX_CYCLE_FIXES = 10;

/** What a new job made by a quick fix runs until the person writes its command. */
const PLACEHOLDER_RUN = 'echo TODO';

/**
 * Quick fixes for the diagnostics that touch `range` (by default the analysis's own): take the
 * suggested name, create the missing job, remove a need that closes a cycle, ... Each carries
 * minimal text edits, made by the core's edit ops where there is one. In a cloudmesh-cc file
 * there is also the command to convert it to `.ccwf`.
 */
export function codeActions(analysis: Analysis, range: SourceRange, diagnostics: readonly Diagnostic[] = analysis.diagnostics): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.range.start > range.end || d.range.end < range.start) continue;
    actions.push(...fixesFor(analysis, d));
  }
  if (analysis.format === 'cloudmesh') actions.push({ title: 'Convert to .ccwf', kind: 'refactor', command: CONVERT_COMMAND });
  return actions;
}

function fixesFor(analysis: Analysis, d: Diagnostic): CodeAction[] {
  const ccwf = analysis.format === 'ccwf';
  const suggestion = d.data?.suggestion;
  switch (d.code) {
    case 'unknown-job': {
      const out: CodeAction[] = [];
      const replace = suggestion !== undefined && (ccwf || /^[\w.-]+$/.test(suggestion));
      if (replace) out.push(replaceWith(d, suggestion!, ccwf ? flowScalarText(suggestion!) : suggestion!));
      const name = d.data?.name;
      if (ccwf && name !== undefined) out.push(...viaOp(analysis, d, `Create job '${name}'`, { op: 'addJob', name, run: PLACEHOLDER_RUN }, false));
      return out;
    }
    case 'unknown-key':
      return suggestion !== undefined && !keyTaken(analysis, d.range.start, suggestion) ? [replaceWith(d, suggestion, suggestion)] : [];
    case 'unknown-host':
    case 'bad-host-kind':
      return ccwf && suggestion !== undefined ? [replaceWith(d, suggestion, flowScalarText(suggestion))] : [];
    case 'cycle':
      return (d.related ?? []).slice(0, MAX_CYCLE_FIXES).flatMap((edge) => {
        const need = nameAt(analysis, edge.range.start);
        if (!ccwf || need?.kind !== 'job' || need.usedBy === undefined) return [];
        return viaOp(analysis, d, `Remove dependency ${need.usedBy} → ${need.name}`, { op: 'removeNeed', job: need.usedBy, need: need.name }, false);
      });
    case 'self-dependency': {
      const need = nameAt(analysis, d.range.start);
      if (!ccwf || need?.usedBy === undefined) return [];
      return viaOp(analysis, d, `Remove '${need.name}' from its own needs`, { op: 'removeNeed', job: need.usedBy, need: need.name }, true);
    }
    default:
      return [];
  }
}

function replaceWith(d: Diagnostic, suggestion: string, text: string): CodeAction {
  const edit: TextEdit = { offset: d.range.start, length: d.range.end - d.range.start, text };
  return { title: `Change to '${suggestion}'`, kind: 'quickfix', fixes: d, preferred: true, edits: [edit] };
}

/** An action made of an edit op's edits; none when the core refuses the op. */
function viaOp(analysis: Analysis, d: Diagnostic, title: string, op: EditOp, preferred: boolean): CodeAction[] {
  const result = applyEditOp(analysis.text, op);
  if ('error' in result) return [];
  return [{ title, kind: 'quickfix', fixes: d, ...(preferred ? { preferred } : {}), edits: result.edits }];
}

/** Whether the mapping holding the key at `offset` already has `key` (renaming would duplicate it). */
function keyTaken(analysis: Analysis, offset: number, key: string): boolean {
  const at = cursorContext(analysis.text, offset);
  return at?.spot.kind === 'key' && at.spot.present.has(key);
}
