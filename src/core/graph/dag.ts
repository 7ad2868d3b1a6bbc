import type { Job } from '../model/workflow.js';

/** What a scheduler or renderer needs of a workflow's dependency graph. */
export interface Dag {
  readonly names: readonly string[];
  /** job -> jobs it needs (only those that exist). */
  readonly needs: ReadonlyMap<string, readonly string[]>;
  /** job -> jobs that need it. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

export function buildDag(jobs: ReadonlyMap<string, Pick<Job, 'needs'>>): Dag {
  const needs = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const name of jobs.keys()) dependents.set(name, []);
  for (const [name, job] of jobs) {
    const mine: string[] = [];
    for (const need of job.needs) {
      if (!jobs.has(need.job) || mine.includes(need.job)) continue;
      mine.push(need.job);
      dependents.get(need.job)!.push(name);
    }
    needs.set(name, mine);
  }
  return { names: [...jobs.keys()], needs, dependents };
}

/**
 * Kahn's algorithm, keeping file order among jobs that are ready together, so the notebook and
 * the CLI list jobs the way people wrote them. Jobs on a cycle come last, in file order.
 */
export function topologicalOrder(dag: Dag): string[] {
  const remaining = new Map(dag.names.map((n) => [n, dag.needs.get(n)!.length]));
  const position = new Map(dag.names.map((n, i) => [n, i]));
  const order: string[] = [];
  let ready = dag.names.filter((n) => remaining.get(n) === 0);
  while (ready.length > 0) {
    const next: string[] = [];
    for (const name of ready) {
      order.push(name);
      for (const d of dag.dependents.get(name)!) {
        const left = remaining.get(d)! - 1;
        remaining.set(d, left);
        if (left === 0) next.push(d);
      }
    }
    ready = next.sort((a, b) => position.get(a)! - position.get(b)!);
  }
  if (order.length < dag.names.length) {
    const placed = new Set(order);
    order.push(...dag.names.filter((n) => !placed.has(n)));
  }
  return order;
}

/**
 * Every elementary problem a person must fix: one cycle per strongly connected component,
 * written as the path a -> b -> ... -> a (Tarjan's algorithm, iterative so deep graphs do not
 * overflow the stack).
 */
export function findCycles(dag: Dag): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of dag.names) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = dag.needs.get(frame.node)!;
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = dag.needs.get(frame.node)!.includes(frame.node);
      if (component.length > 1 || selfLoop) cycles.push(cycleThrough(new Set(component), dag));
    }
  }
  return cycles;
}

/**
 * A concrete cycle inside one strongly connected component, starting at its first job in file
 * order: [a, b, ..., a] where each job needs the next one. Breadth-first, so it is the shortest.
 */
function cycleThrough(component: ReadonlySet<string>, dag: Dag): string[] {
  const start = dag.names.find((n) => component.has(n))!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const to of dag.needs.get(node)!) {
      if (to === start) {
        const back = [node];
        while (back[back.length - 1] !== start) back.push(previous.get(back[back.length - 1]!)!);
        return [...back.reverse(), start];
      }
      if (component.has(to) && !previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** Jobs reachable from `start` along `dependents` (start included). */
export function downstreamOf(dag: Dag, start: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name) || !dag.needs.has(name)) continue;
    seen.add(name);
    todo.push(...dag.dependents.get(name)!);
  }
  return seen;
}
