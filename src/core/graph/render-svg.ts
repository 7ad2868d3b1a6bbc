import type { LaidOutEdge, LaidOutGraph, LaidOutNode, Point } from './elk-layout.js';
import { FONT_SIZE, LINE_HEIGHT, PAD_Y, nodeText } from './graph-model.js';
import { formatDuration } from '../parse/duration.js';

const EDGE_COLOR = '#555555';
const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/**
 * A laid-out graph as a standalone SVG file (`ccwf graph`, "Export SVG"). Pure string building,
 * no DOM, and the same input always gives the same text, so exports diff cleanly.
 */
export function renderSvg(laid: LaidOutGraph, options: { title?: string } = {}): string {
  const width = num(Math.max(1, laid.width));
  const height = num(Math.max(1, laid.height));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="${FONT_SIZE}">`,
  ];
  const title = options.title ?? laid.title;
  if (title !== undefined) out.push(`<title>${escapeXml(title)}</title>`);
  out.push(
    '<defs><marker id="ccwf-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto">' +
      `<path d="M0,0 L10,5 L0,10 z" fill="${EDGE_COLOR}"/></marker></defs>`,
    // Exports are opened in viewers with any background; keep the dark text and edges readable.
    '<rect width="100%" height="100%" fill="#ffffff"/>',
  );
  const byId = new Map(laid.nodes.map((n) => [n.id, n]));
  for (const edge of laid.edges) out.push(renderEdge(edge, byId));
  for (const node of laid.nodes) out.push(renderNode(node));
  out.push('</svg>', '');
  return out.join('\n');
}

function renderEdge(edge: LaidOutEdge, byId: ReadonlyMap<string, LaidOutNode>): string {
  let points: readonly Point[] = edge.points;
  if (points.length < 2) {
    // ELK always routes; this only guards hand-made input.
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to) return '';
    points = [{ x: from.x + from.width / 2, y: from.y + from.height }, { x: to.x + to.width / 2, y: to.y }];
  }
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join(' ');
  return (
    `<path class="edge" d="${d}" fill="none" stroke="${EDGE_COLOR}" stroke-width="1.5" marker-end="url(#ccwf-arrow)">` +
    `<title>${escapeXml(`${edge.source} → ${edge.target}`)}</title></path>`
  );
}

function renderNode(node: LaidOutNode): string {
  const { heading, lines } = nodeText(node);
  const ink = textColorFor(node.fill);
  const cx = num(node.width / 2);
  const baseline = (i: number) => num(PAD_Y + i * LINE_HEIGHT + LINE_HEIGHT - 4);
  const parts = [
    `<g class="node" data-job="${escapeXml(node.id)}" data-status="${escapeXml(node.status)}" transform="translate(${num(node.x)},${num(node.y)})">`,
    `<title>${escapeXml(tooltip(node))}</title>`,
    `<rect width="${num(node.width)}" height="${num(node.height)}" rx="6" ry="6" fill="${escapeXml(node.fill)}" stroke="#424242" stroke-width="1"/>`,
    `<text x="${cx}" y="${baseline(0)}" text-anchor="middle" fill="${ink}" font-weight="bold">${escapeXml(heading)}</text>`,
    ...lines.map((line, i) => `<text x="${cx}" y="${baseline(i + 1)}" text-anchor="middle" fill="${ink}">${escapeXml(line)}</text>`),
  ];
  if (node.status === 'running') {
    const inner = node.width - 12;
    const y = num(node.height - 8);
    parts.push(
      `<rect class="progress-track" x="6" y="${y}" width="${num(inner)}" height="4" rx="2" fill="${ink}" fill-opacity="0.2"/>`,
      `<rect class="progress" x="6" y="${y}" width="${num((inner * (node.progress ?? 0)) / 100)}" height="4" rx="2" fill="${ink}"/>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function tooltip(node: LaidOutNode): string {
  const status = node.progress !== undefined && node.status === 'running' ? `${node.status} ${Math.round(node.progress)}%` : node.status;
  const lines = [node.id, `${node.host} (${node.hostKind}) · ${status}`];
  if (node.durationMs !== undefined) lines.push(`took ${formatDuration(node.durationMs)}`);
  if (node.command) lines.push(node.command);
  return lines.join('\n');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
  // As references, line breaks survive in attributes too (parsers turn raw ones into spaces).
  '\n': '&#10;', '\r': '&#13;', '\t': '&#9;',
};

/** Text and attribute values; also replaces characters XML 1.0 forbids (a YAML "\x01" in a name). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c]!);
}

/** Coordinates with at most two decimals and no `-0`, so output is short and stable. */
function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(r === 0 ? 0 : r);
}

const NAMED: Readonly<Record<string, string>> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00',
  orange: '#ffa500', gray: '#808080', grey: '#808080', lightgray: '#d3d3d3', lightgrey: '#d3d3d3',
  darkgray: '#a9a9a9', darkgrey: '#a9a9a9', silver: '#c0c0c0', purple: '#800080', pink: '#ffc0cb',
  cyan: '#00ffff', magenta: '#ff00ff', lime: '#00ff00', navy: '#000080', maroon: '#800000', olive: '#808000',
  teal: '#008080', brown: '#a52a2a', lightblue: '#add8e6', lightgreen: '#90ee90', darkgreen: '#006400',
  darkblue: '#00008b', darkred: '#8b0000', gold: '#ffd700', violet: '#ee82ee', indigo: '#4b0082',
};

/**
 * Black or white, whichever contrasts more with `fill` (WCAG relative luminance). cloudmesh-cc
 * colours are often CSS names; an unknown colour is assumed light, like most status colours.
 */
export function textColorFor(fill: string): '#000000' | '#ffffff' {
  const rgb = parseColor(fill);
  if (!rgb) return '#000000';
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#000000' : '#ffffff';
}

function parseColor(color: string): [number, number, number] | undefined {
  const c = color.trim().toLowerCase();
  const hex = NAMED[c] ?? c;
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(hex);
  if (m) return [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h + h, 16)) as [number, number, number];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?$/.exec(hex);
  if (m) return [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16)) as [number, number, number];
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(c);
  if (m) return [m[1]!, m[2]!, m[3]!].map((v) => Math.min(255, Number(v))) as [number, number, number];
  return undefined;
}
