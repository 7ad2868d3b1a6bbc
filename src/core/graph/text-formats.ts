import type { GraphModel, GraphNode } from './graph-model.js';
import { textColorFor } from './render-svg.js';

/* Text exports of the graph for other tools (`ccwf graph --format dot|mermaid|json`). */

/** The lines a node shows everywhere: its label, then where and how it is. */
function labelLines(node: GraphNode): string[] {
  const percent = node.status === 'running' && node.progress !== undefined ? ` ${Math.round(node.progress)}%` : '';
  return [...node.label.split(/\r\n|\r|\n/), `${node.host} · ${node.status}${percent}`];
}

/**
 * Graphviz `digraph`, job names as quoted ids. In a quoted DOT string only `\"` is an escape,
 * so backslashes are doubled too, or a name ending in `\` would swallow the closing quote; labels
 * also escape `&` because Graphviz decodes entities such as `&amp;` in them.
 */
export function toDot(model: GraphModel): string {
  const out = [
    `digraph ${dotString(model.title ?? 'workflow')} {`,
    '  graph [rankdir=TB];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, color="#424242"];',
    '  edge [color="#555555"];',
  ];
  for (const node of model.nodes) {
    const label = labelLines(node).map((l) => dotString(l.replace(/&/g, '&amp;')).slice(1, -1)).join('\\n');
    out.push(
      `  ${dotString(node.id)} [label="${label}", fillcolor=${dotString(node.fill)}, fontcolor="${textColorFor(node.fill)}", tooltip=${dotString(node.command)}];`,
    );
  }
  for (const edge of model.edges) out.push(`  ${dotString(edge.source)} -> ${dotString(edge.target)};`);
  out.push('}', '');
  return out.join('\n');
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, '\\n')}"`;
}

/**
 * Mermaid `flowchart TD`. Job names can be anything, so nodes get ids `n0`, `n1`, ... and the name
 * goes into a quoted label where Mermaid's `#code;` entities stand for characters that would end
 * the string or be read as HTML.
 */
export function toMermaid(model: GraphModel): string {
  const out: string[] = [];
  if (model.title !== undefined) out.push('---', `title: ${JSON.stringify(model.title)}`, '---');
  out.push('flowchart TD');
  const ids = new Map(model.nodes.map((n, i) => [n.id, `n${i}`]));
  model.nodes.forEach((node, i) => out.push(`  n${i}["${labelLines(node).map(mermaidText).join('<br/>')}"]`));
  for (const edge of model.edges) {
    const [from, to] = [ids.get(edge.source), ids.get(edge.target)];
    if (from && to) out.push(`  ${from} --> ${to}`);
  }
  // One class per status, so a colour is written once however many jobs share it.
  const byStatus = new Map<string, { fill: string; members: string[] }>();
  model.nodes.forEach((node, i) => {
    const group = byStatus.get(node.status) ?? { fill: node.fill, members: [] };
    group.members.push(`n${i}`);
    byStatus.set(node.status, group);
  });
  for (const [status, { fill, members }] of byStatus) {
    // A colour is user text; only plain hex values and names can go into a classDef safely.
    if (!/^[a-z]+$/.test(status) || !/^#?[0-9A-Za-z]+$/.test(fill)) continue;
    out.push(`  classDef ${status} fill:${fill},color:${textColorFor(fill)},stroke:#424242`, `  class ${members.join(',')} ${status}`);
  }
  out.push('');
  return out.join('\n');
}

const MERMAID_CODES: Readonly<Record<string, string>> = { '"': '#34;', '#': '#35;', '&': '#38;', '<': '#60;', '>': '#62;', '`': '#96;' };

function mermaidText(text: string): string {
  return text.replace(/["#&<>`]/g, (c) => MERMAID_CODES[c]!);
}

export function toJson(model: GraphModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
