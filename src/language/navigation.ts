import { applyEditOp } from '../core/edit/apply-edit-op.js';
import type { SourceRange } from '../core/model/source-range.js';
import { nameAt, occurrences, type Analysis, type NameRef } from './analysis.js';
import { renameHost } from './rename-host.js';
import type { DefinitionLink, LanguageContext, PrepareRename, RenameResult } from './types.js';

/** A job reference goes to the job's key, a host reference to the host's key; a key goes to itself. */
export function definition(analysis: Analysis, offset: number): DefinitionLink[] {
  const ref = nameAt(analysis, offset);
  if (!ref) return [];
  return occurrences(analysis, ref.kind, ref.name)
    .filter((r) => r.declaration)
    .map((r) => ({ origin: ref.range, target: r.range }));
}

/** Every `needs` entry naming the job (or `host:` naming the host) at the cursor, and its key if asked. */
export function references(analysis: Analysis, offset: number, includeDeclaration = true): SourceRange[] {
  const ref = nameAt(analysis, offset);
  if (!ref) return [];
  return occurrences(analysis, ref.kind, ref.name)
    .filter((r) => includeDeclaration || !r.declaration)
    .map((r) => r.range);
}

/** What a rename at the cursor would rename, or why it cannot. */
export function prepareRename(analysis: Analysis, offset: number, context: LanguageContext = {}): PrepareRename | { readonly error: string } {
  const ref = nameAt(analysis, offset);
  if (!ref) return { error: 'Only jobs and hosts can be renamed here: put the cursor on the name of one.' };
  const problem = cannotRename(analysis, ref, context);
  return problem === undefined ? { range: ref.range, placeholder: ref.name } : { error: problem };
}

/**
 * Renames the job or host at the cursor everywhere it is written, with minimal edits: a job
 * through the core's `renameJob` edit (its key and every `needs` entry), a host through its key,
 * every `host:` and `defaults.host`. The new name is quoted where YAML needs it.
 */
export function rename(analysis: Analysis, offset: number, newName: string, context: LanguageContext = {}): RenameResult {
  const prepared = prepareRename(analysis, offset, context);
  if ('error' in prepared) return prepared;
  const ref = nameAt(analysis, offset)!;
  if (newName.length === 0 || /[\r\n]/.test(newName) || newName.trim() !== newName) {
    return { error: 'A name must be one line of text, not empty, without spaces at either end.' };
  }
  if (newName === ref.name) return { edits: [] };
  if (ref.kind === 'job') return applyEditOp(analysis.text, { op: 'renameJob', from: ref.name, to: newName });
  return renameHost(analysis, ref.name, newName);
}

function cannotRename(analysis: Analysis, ref: NameRef, context: LanguageContext): string | undefined {
  if (analysis.format === 'cloudmesh') return 'This is a cloudmesh-cc workflow, which is read-only here: convert it to .ccwf first (ccwf convert FILE).';
  const broken = analysis.diagnostics.find((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'duplicate-key'));
  if (broken) return `Fix the file first: ${broken.message}`;
  const declared = occurrences(analysis, ref.kind, ref.name).some((r) => r.declaration);
  if (ref.kind === 'job') return declared ? undefined : `There is no job named '${ref.name}' to rename.`;
  if (ref.name === 'local') return "'local' is this machine; it cannot be renamed.";
  if (declared) return undefined;
  const external = context.extraHosts?.find((h) => h.name === ref.name);
  return external ? `Host '${ref.name}' is defined in ${external.source}; rename it there.` : `There is no host named '${ref.name}' in this file to rename.`;
}
