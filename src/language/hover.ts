import { HOST_KINDS, type HostKind } from '../core/model/workflow.js';
import { nameAt, type Analysis } from './analysis.js';
import { cursorContext, keyAt } from './cursor-context.js';
import { HOST_KIND_DOCS, hostMarkdown, jobMarkdown } from './describe.js';
import { keyDocumentation, keyTableAt, placeOf, valueKind } from './key-tables.js';
import { code } from './markdown.js';
import type { HoverResult, LanguageContext } from './types.js';

/**
 * What the thing under the cursor is: a job (by its key or a `needs` entry) with its command,
 * host, needs and last run; a host (by its key or a `host:` value) with its kind and settings;
 * any key with its documentation from `keys.ts`; a host kind with what it means.
 */
export function hover(analysis: Analysis, offset: number, context: LanguageContext = {}): HoverResult | undefined {
  const ref = nameAt(analysis, offset);
  const { workflow } = analysis;
  if (ref?.kind === 'job') {
    const job = workflow.jobs.get(ref.name);
    return job && { contents: jobMarkdown(job, workflow, context.lastRun), range: ref.range };
  }
  if (ref?.kind === 'host') {
    const host = workflow.hosts.get(ref.name);
    const external = context.extraHosts?.find((h) => h.name === ref.name);
    if (!host && !external) return undefined;
    return { contents: hostMarkdown(host, external, ref.name, workflow), range: ref.range };
  }
  if (analysis.format !== 'ccwf') return undefined;
  // Keys and values are read from the lines around the offset, as completion does: no YAML document needed.
  const key = keyAt(analysis.text, offset);
  if (key) {
    const spec = keyTableAt(key.path)?.[key.name];
    return spec && { contents: `**${code(key.name)}** — ${valueKind(spec)}\n\n${keyDocumentation(spec)}`, range: key.range };
  }
  const at = cursorContext(analysis.text, offset);
  if (at?.spot.kind === 'value' && at.spot.key === 'kind' && placeOf(at.path) === 'host') {
    const kind = analysis.text.slice(at.range.start, at.range.end) as HostKind;
    if (HOST_KINDS.includes(kind)) return { contents: `**${code(kind)}** host — ${HOST_KIND_DOCS[kind]}`, range: at.range };
  }
  return undefined;
}
