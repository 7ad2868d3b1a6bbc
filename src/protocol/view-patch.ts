// A view as the changes from the one sent before it. For 1,000 jobs a view is ~300 KB of JSON,
// which the extension host serialises, the workbench relays to the webview through two frames,
// and the webview parses and checks: 30-100 ms per keystroke, on the main thread the webview
// shares with the workbench. Typing in one job changes one node and one cell: a few hundred bytes.
import type { GraphEdge, GraphNode } from '../core/graph/graph-model.js';
import type { JobCell, ViewProblem, WorkflowView } from './messages.js';

/** A list's new value: whole, or (same length) only the items that changed, by index. */
export type ListPatch<T> =
  | { readonly all: readonly T[] }
  | { readonly changed: ReadonlyArray<readonly [index: number, item: T]> };

/** `WorkflowView` changes; an absent field is unchanged. Format and title never change in one. */
export interface ViewPatch {
  /** The version of the view this applies to: the one sent last. */
  readonly base: number;
  readonly version: number;
  readonly nodes?: ListPatch<GraphNode>;
  readonly edges?: ListPatch<GraphEdge>;
  readonly cells?: ListPatch<JobCell>;
  readonly hosts?: readonly string[];
  readonly problems?: readonly ViewProblem[];
}

/** The changes from `before` to `after`, or undefined if only a whole view can say them. */
export function diffView(before: WorkflowView, after: WorkflowView): ViewPatch | undefined {
  if (before.format !== after.format || before.graph.title !== after.graph.title) return undefined;
  const nodes = diffList(before.graph.nodes, after.graph.nodes);
  const edges = diffList(before.graph.edges, after.graph.edges);
  const cells = diffList(before.cells, after.cells);
  return {
    base: before.version,
    version: after.version,
    ...(nodes ? { nodes } : {}),
    ...(edges ? { edges } : {}),
    ...(cells ? { cells } : {}),
    ...(sameData(before.hosts, after.hosts) ? {} : { hosts: after.hosts }),
    ...(sameData(before.problems, after.problems) ? {} : { problems: after.problems }),
  };
}

function diffList<T>(before: readonly T[], after: readonly T[]): ListPatch<T> | undefined {
  if (before.length !== after.length) return { all: after };
  const changed: Array<readonly [number, T]> = [];
  after.forEach((item, i) => {
    if (!sameData(before[i], item)) changed.push([i, item]);
  });
  if (changed.length === 0) return undefined;
  return changed.length > after.length / 2 ? { all: after } : { changed };
}

/**
 * `view` with `patch` applied, keeping the objects of everything unchanged (so the webview's
 * components skip redrawing them); undefined if the patch was made for another view.
 */
export function applyViewPatch(view: WorkflowView, patch: ViewPatch): WorkflowView | undefined {
  if (patch.base !== view.version) return undefined;
  const nodes = applyList(view.graph.nodes, patch.nodes);
  const edges = applyList(view.graph.edges, patch.edges);
  const cells = applyList(view.cells, patch.cells);
  if (!nodes || !edges || !cells) return undefined;
  const graph = nodes === view.graph.nodes && edges === view.graph.edges ? view.graph : { ...view.graph, nodes, edges };
  return { ...view, version: patch.version, graph, cells, hosts: patch.hosts ?? view.hosts, problems: patch.problems ?? view.problems };
}

function applyList<T>(list: readonly T[], patch: ListPatch<T> | undefined): readonly T[] | undefined {
  if (!patch) return list;
  if ('all' in patch) return patch.all;
  const next = [...list];
  for (const [i, item] of patch.changed) {
    if (!Number.isInteger(i) || i < 0 || i >= next.length) return undefined;
    next[i] = item;
  }
  return next;
}

/** Deep equality of plain JSON data (all that crosses postMessage). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameData(v, b[i]));
  if (Array.isArray(b)) return false;
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && sameData((a as Record<string, unknown>)[k], rb[k]));
}
