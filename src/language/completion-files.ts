import type { CursorContext } from './cursor-context.js';
import type { CompletionItem, LanguageContext } from './types.js';

const SCRIPT = /\.(sh|py|ipynb)$/i;

/**
 * Paths relative to the workflow's folder for `script:` (files and folders) and `cwd:`
 * (folders). Only the part after the last `/` is replaced, and a folder is inserted with its
 * `/` and asks for completions again, so a path is completed one folder at a time.
 */
export function fileItems(text: string, at: CursorContext, context: LanguageContext, want: 'files' | 'folders'): CompletionItem[] {
  if (!context.listDir || at.prefix.startsWith('/') || at.prefix.startsWith('~')) return [];
  const slash = at.prefix.lastIndexOf('/');
  const folder = slash < 0 ? '' : at.prefix.slice(0, slash).replace(/^(\.\/)+|^\.$/, '');
  const partial = at.prefix.slice(slash + 1);
  let entries: ReturnType<NonNullable<LanguageContext['listDir']>> = [];
  try {
    entries = context.listDir(folder);
  } catch {
    return []; // an unreadable folder has nothing to offer
  }
  // From after the last `/` typed to the end of this path segment (its `/` included, as a folder brings its own).
  const start = at.range.start + slash + 1;
  const cursor = start + partial.length;
  const nextSlash = text.slice(cursor, at.range.end).indexOf('/');
  const range = { start, end: nextSlash < 0 ? Math.max(cursor, at.range.end) : cursor + nextSlash + 1 };
  const items: CompletionItem[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') && !partial.startsWith('.')) continue; // hidden, e.g. the .ccwf run folder
    if (entry.isDirectory) {
      items.push({ label: `${entry.name}/`, kind: 'folder', insertText: `${entry.name}/`, range, sortText: `b${entry.name}`, retrigger: true });
    } else if (want === 'files') {
      items.push({ label: entry.name, kind: 'file', range, sortText: `${SCRIPT.test(entry.name) ? 'a' : 'c'}${entry.name}` });
    }
  }
  return items;
}
