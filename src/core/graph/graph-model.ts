import type { HostKind, Job, Workflow } from '../model/workflow.js';
import { DEFAULT_COLORS, type JobStatus } from '../model/status.js';
import type { JobState, RunState } from '../store/run-state.js';
import { buildDag } from './dag.js';

/**
 * What every graph view draws, as plain data: the same model feeds the ELK layout (host or web
 * worker), the SVG export and the DOT / Mermaid / JSON exports, so they never disagree.
 */
export interface GraphModel {
  readonly title?: string;
  /** Jobs in file order. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface GraphNode {
  /** The job name. */
  readonly id: string;
  /** The job name, or its `label` template rendered; may contain line breaks. */
  readonly label: string;
  readonly host: string;
  readonly hostKind: HostKind;
  /** First line of `run`, or the script path. */
  readonly command: string;
  readonly status: JobStatus;
  /** 0..100 */
  readonly progress?: number;
  readonly durationMs?: number;
  /** Fill colour for the status, from the workflow's `colors`. */
  readonly fill: string;
}

/** `source` must finish before `target` starts (target `needs` source). */
export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

/**
 * Workflow (+ optional run) -> graph. `now` lets a caller with a clock show how long running
 * jobs have been running; without it only finished jobs get a duration, so output stays pure.
 */
export function buildGraphModel(workflow: Workflow, state?: RunState, now?: number): GraphModel {
  const dag = buildDag(workflow.jobs);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const job of workflow.jobs.values()) {
    nodes.push(toNode(job, workflow, state?.jobs.get(job.name), now));
    for (const source of dag.needs.get(job.name)!) {
      // JSON keeps the id unambiguous whatever characters the names contain.
      edges.push({ id: JSON.stringify([source, job.name]), source, target: job.name });
    }
  }
  return { ...(workflow.name === undefined ? {} : { title: workflow.name }), nodes, edges };
}

function toNode(job: Job, workflow: Workflow, js: JobState | undefined, now: number | undefined): GraphNode {
  const status: JobStatus = js?.status ?? 'waiting';
  const host = js?.host ?? job.host;
  const progress = js?.progress === undefined ? undefined : clampPercent(js.progress);
  const end = js?.endedAt ?? (status === 'running' ? now : undefined);
  const durationMs = js?.startedAt !== undefined && end !== undefined ? Math.max(0, end - js.startedAt) : undefined;
  const label = job.label === undefined ? job.name : renderLabel(job.label, { name: job.name, status, progress: String(progress ?? 0), host });
  return {
    id: job.name,
    label,
    host,
    hostKind: workflow.hosts.get(host)?.kind ?? 'local',
    command: commandSummary(job),
    status,
    ...(progress === undefined ? {} : { progress }),
    ...(durationMs === undefined ? {} : { durationMs }),
    fill: workflow.colors[status] ?? DEFAULT_COLORS[status]!,
  };
}

/**
 * cloudmesh-cc label templates: `{name}` style placeholders, a literal two-character `\n` for a
 * line break (YAML single quotes keep it) and `--` for ':' (cloudmesh-cc could not write a colon
 * into its Graphviz labels). `Job.label` is that template in both formats, so both rules always
 * apply; they apply to the template text only, never to substituted values such as a job name.
 * Unknown placeholders (cloudmesh-cc's `{now.%H}` etc.) are left as written.
 */
export function renderLabel(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}|\\n|--|[^{\\-]+|[\s\S]/g, (match, key: string | undefined) => {
    if (key !== undefined) return Object.hasOwn(values, key) ? values[key]! : match;
    if (match === '\\n') return '\n';
    if (match === '--') return ':';
    return match;
  });
}

function commandSummary(job: Job): string {
  if (job.run !== undefined) return job.run.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return job.script ?? '';
}

const clampPercent = (p: number): number => (Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0);

/* Text metrics shared by the layout (to size nodes) and the SVG (to place text), so text fits. */

export const FONT_SIZE = 12;
export const LINE_HEIGHT = 16;
export const PAD_X = 10;
export const PAD_Y = 8;
/** Room under the text for the progress bar of running jobs; every node gets it so rows align. */
export const BAR_SPACE = 6;
const MAX_CHARS = 48;
const MIN_WIDTH = 80;

export interface NodeText {
  /** Bold first line: the label's first line (the job name by default). */
  readonly heading: string;
  /** Remaining label lines, then `host · status [progress%]`. */
  readonly lines: readonly string[];
}

export function nodeText(node: GraphNode): NodeText {
  const [heading = '', ...rest] = node.label.split(/\r?\n/).map(clip);
  const percent = node.status === 'running' && node.progress !== undefined ? ` ${Math.round(node.progress)}%` : '';
  return { heading, lines: [...rest, clip(`${node.host} · ${node.status}${percent}`)] };
}

export function nodeSize(node: GraphNode): { width: number; height: number } {
  const { heading, lines } = nodeText(node);
  const widest = Math.max(textWidth(heading) * 1.1, ...lines.map(textWidth));
  return {
    width: Math.max(MIN_WIDTH, Math.ceil(widest + 2 * PAD_X)),
    height: (lines.length + 1) * LINE_HEIGHT + 2 * PAD_Y + BAR_SPACE,
  };
}

/** Approximate width of sans-serif text: no DOM to measure with in node or a worker. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? FONT_SIZE : FONT_SIZE * 0.6;
  return width;
}

/** Very long names would make one node as wide as the screen; the tooltip keeps the full text. */
function clip(line: string): string {
  const chars = [...line];
  return chars.length <= MAX_CHARS ? line : `${chars.slice(0, MAX_CHARS - 1).join('')}…`;
}
