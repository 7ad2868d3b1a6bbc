// Named points in the editor's life (`ccwf:<name>` performance marks), which bench/editor-bench.ts
// reads to split opening and typing into phases: script, init / view / viewPatch (a message from
// the host was checked), layout-request, layout-answer, graph-painted. Only the latest mark of
// each name is kept, so a webview open for days holds a handful, not one per message.

export function mark(name: string): void {
  performance.clearMarks(`ccwf:${name}`);
  performance.mark(`ccwf:${name}`);
}

/** Marks `name` once the browser has painted what the page holds now. */
export function markPainted(name: string): void {
  requestAnimationFrame(() => setTimeout(() => mark(name), 0));
}

mark('script');
