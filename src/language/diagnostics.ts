import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, RelatedLocation } from '../core/model/diagnostic.js';
import type { Job } from '../core/model/workflow.js';
import { validateWorkflow } from '../core/validate/validate-workflow.js';
import { validateContext, type Analysis } from './analysis.js';
import { keyName } from './name-index.js';
import type { LanguageContext } from './types.js';
import { collections } from './yaml-path.js';

/**
 * The core's diagnostics for both formats, in text order, with the places that explain them
 * as related locations: each edge of a cycle (from the validator), the first copy of a
 * duplicate key, the `run` of a job that also has a `script`. Ranges stay inside the text.
 *
 * Without a context, the analysis's own diagnostics; with one, the validator runs again on the
 * same model (settings such as extra hosts changed, the text did not), without parsing.
 */
export function diagnosticsOf(analysis: Analysis, context?: LanguageContext): readonly Diagnostic[] {
  const base =
    context === undefined || analysis.broken
      ? analysis.diagnostics
      : [...analysis.parseDiagnostics, ...validateWorkflow(analysis.workflow, validateContext(context))];
  const found: Found = {
    ...(base.some((d) => d.code === 'duplicate-key') ? { firsts: firstCopies(analysis) } : {}),
    ...(base.some((d) => d.code === 'run-and-script') ? { scripts: scriptOwners(analysis) } : {}),
  };
  return base
    .map((d) => withRelated(within(analysis.text, d), related(analysis, d, found)))
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

interface Found {
  readonly firsts?: Map<number, Pair>;
  readonly scripts?: Map<number, Job>;
}

function related(analysis: Analysis, d: Diagnostic, found: Found): RelatedLocation[] {
  if (d.code === 'duplicate-key') {
    const first = found.firsts?.get(d.range.start);
    const range = (first?.key as Node | null | undefined)?.range;
    return first && range ? [{ range: { start: range[0], end: range[1] }, message: `'${keyName(first)}' is first written here.` }] : [];
  }
  if (d.code === 'run-and-script') {
    const job = found.scripts?.get(d.range.start);
    const other = analysis.format === 'cloudmesh' ? 'exec' : 'run';
    const range = job?.valueRanges[other];
    return range ? [{ range, message: `The '${other}' of job '${job!.name}'.` }] : [];
  }
  return [];
}

/** The parser reports "unexpected end" one past the text; editors want ranges inside it. */
function within(text: string, d: Diagnostic): Diagnostic {
  if (d.range.end <= text.length) return d;
  const start = Math.min(d.range.start, text.length);
  return { ...d, range: { start, end: text.length } };
}

function withRelated(d: Diagnostic, extra: RelatedLocation[]): Diagnostic {
  return extra.length === 0 ? d : { ...d, related: [...(d.related ?? []), ...extra] };
}

function scriptOwners(analysis: Analysis): Map<number, Job> {
  const out = new Map<number, Job>();
  for (const job of analysis.workflow.jobs.values()) if (job.valueRanges.script) out.set(job.valueRanges.script.start, job);
  return out;
}

/** Key offset of each repeated key -> the first pair with that key in the same mapping. */
function firstCopies(analysis: Analysis): Map<number, Pair> {
  const out = new Map<number, Pair>();
  for (const node of collections(analysis.document)) {
    if (!isMap(node)) continue;
    const first = new Map<string, Pair>();
    for (const pair of (node as YAMLMap).items) {
      const name = keyName(pair);
      const start = (pair.key as Node | null)?.range?.[0];
      if (name === undefined || start === undefined) continue;
      const earlier = first.get(name);
      if (earlier) out.set(start, earlier);
      else first.set(name, pair);
    }
  }
  return out;
}
