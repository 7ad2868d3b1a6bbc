import { svg, nothing, type SVGTemplateResult } from 'lit';
import { LINE_HEIGHT, PAD_Y, nodeText, type GraphNode } from '../../src/core/graph/graph-model.js';
import type { JobStatus } from '../../src/core/model/status.js';
import { formatDuration } from '../../src/core/parse/duration.js';
import type { JobLiveState } from '../../src/protocol/messages.js';
import { glyph } from '../shared/codicon-glyphs.js';
import { COMMAND_KIND_LABELS, commandIcon, hostIcon, type CommandKind } from '../shared/job-icons.js';
import { statusLook } from '../shared/status.js';
import type { Box } from './viewport.js';

/** Everything one node draws; the graph builds these from the view, the layout and the run. */
export interface NodeInput {
  readonly node: GraphNode;
  readonly box: Box;
  readonly kind: CommandKind;
  readonly live: JobLiveState | undefined;
  readonly selected: boolean;
  /** The one node Tab reaches (roving tabindex). */
  readonly tabStop: boolean;
  readonly editable: boolean;
  /** While a dependency is dragged: can it be dropped here? */
  readonly drop: 'ok' | 'refused' | undefined;
}

const INSET = 10;
const ICON_WIDTH = 18;
// Approximate advance of 12px UI text; a worker has no DOM to measure with, and neither do we here.
const CHAR = 6.6;
const BOLD_CHAR = 7.2;

/** Cuts `text` to roughly `width` pixels; the node's tooltip has the full text. */
function fit(text: string, width: number, char: number): string {
  const max = Math.floor(width / char);
  const chars = [...text];
  if (chars.length <= max) return text;
  return max <= 1 ? '…' : `${chars.slice(0, max - 1).join('')}…`;
}

const baseline = (line: number) => PAD_Y + line * LINE_HEIGHT + LINE_HEIGHT - 4;

export function nodeState(node: GraphNode, live: JobLiveState | undefined): { status: JobStatus; progress?: number; durationMs?: number } {
  const status = live?.status ?? node.status;
  const progress = live ? live.progress : node.progress;
  const durationMs = live ? live.durationMs : node.durationMs;
  return { status, ...(progress === undefined ? {} : { progress }), ...(durationMs === undefined ? {} : { durationMs }) };
}

export function nodeLabel(node: GraphNode, live: JobLiveState | undefined): string {
  const { status, progress } = nodeState(node, live);
  const percent = status === 'running' && progress !== undefined ? ` ${Math.round(progress)}%` : '';
  return `${node.id}, ${status}${percent}, on ${node.host}`;
}

function tooltip(node: GraphNode, kind: CommandKind, live: JobLiveState | undefined): string {
  const { status, progress, durationMs } = nodeState(node, live);
  const percent = status === 'running' && progress !== undefined ? ` ${Math.round(progress)}%` : '';
  const lines = [node.id, `${node.host} (${node.hostKind}) · ${status}${percent}`];
  if (durationMs !== undefined) lines.push(`took ${formatDuration(durationMs)}`);
  lines.push(node.command ? `${COMMAND_KIND_LABELS[kind]}: ${node.command}` : COMMAND_KIND_LABELS[kind]);
  return lines.join('\n');
}

/** The left edge of the frame, rounded like it: the status stripe. */
const stripePath = (h: number) => `M4 0V${h}A4 4 0 0 1 0 ${h - 4}V4A4 4 0 0 1 4 0Z`;

export function nodeTemplate(input: NodeInput): SVGTemplateResult {
  const { node, box, kind, live } = input;
  const { width: w, height: h } = box;
  const { status, progress, durationMs } = nodeState(node, live);
  const look = statusLook(status);
  const { heading, lines } = nodeText(node);
  const extra = lines.slice(0, -1);
  const hostLine = extra.length + 1;
  const showStatusIcon = status !== 'waiting';
  const duration = durationMs === undefined ? '' : formatDuration(durationMs);
  const hostRoom = w - INSET - ICON_WIDTH - INSET - (duration ? duration.length * CHAR + 8 : 0);
  const classes = ['node', `s-${status}`, input.selected ? 'selected' : '', input.drop ? `drop-${input.drop}` : ''].join(' ');
  return svg`<g class=${classes} data-job=${node.id} data-status=${status} role="button" aria-label=${nodeLabel(node, live)}
      aria-current=${input.selected ? 'true' : 'false'} tabindex=${input.tabStop ? 0 : -1} transform="translate(${box.x},${box.y})">
    <title>${tooltip(node, kind, live)}</title>
    <rect class="frame" width=${w} height=${h} rx="4" ry="4"></rect>
    <path class="stripe" d=${stripePath(h)}></path>
    <text class="glyph kind" x=${INSET} y=${baseline(0) + 1}>${glyph(commandIcon(kind))}</text>
    <text class="heading" x=${INSET + ICON_WIDTH} y=${baseline(0)}>${fit(heading, w - INSET - ICON_WIDTH - (showStatusIcon ? ICON_WIDTH + 4 : INSET), BOLD_CHAR)}</text>
    ${showStatusIcon ? svg`<text class="glyph status" x=${w - 8} y=${baseline(0) + 1} text-anchor="end">${glyph(look.icon)}</text>` : nothing}
    ${extra.map((line, i) => svg`<text class="label-line" x=${INSET + ICON_WIDTH} y=${baseline(i + 1)}>${fit(line, w - INSET - ICON_WIDTH - INSET, CHAR)}</text>`)}
    <text class="glyph host" x=${INSET} y=${baseline(hostLine) + 1}>${glyph(hostIcon(node.hostKind))}</text>
    <text class="host" x=${INSET + ICON_WIDTH} y=${baseline(hostLine)}>${fit(node.host, hostRoom, CHAR)}</text>
    ${duration ? svg`<text class="duration" x=${w - INSET} y=${baseline(hostLine)} text-anchor="end">${duration}</text>` : nothing}
    ${status === 'running' ? progressBar(w, h, progress) : nothing}
    ${input.editable ? svg`<circle class="port" cx=${w / 2} cy=${h} r="5"><title>Drag onto another job to make it need ${node.id}</title></circle>` : nothing}
  </g>`;
}

function progressBar(w: number, h: number, progress: number | undefined): SVGTemplateResult {
  const inner = w - 2 * INSET;
  const value = progress === undefined ? undefined : Math.min(100, Math.max(0, progress));
  return svg`<rect class="track" x=${INSET} y=${h - 9} width=${inner} height="3" rx="1.5"></rect>
    <rect class=${value === undefined ? 'bar indeterminate' : 'bar'} x=${INSET} y=${h - 9} width=${value === undefined ? inner / 4 : (inner * value) / 100} height="3" rx="1.5"></rect>`;
}
