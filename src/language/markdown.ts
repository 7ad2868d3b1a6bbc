/** Markdown helpers: text from the workflow file is shown as code, fenced so it cannot break out. */

export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** The first `count` lines, with an ellipsis line when there are more. */
export function firstLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.length <= count ? lines.join('\n') : [...lines.slice(0, count), '…'].join('\n');
}

/** Text a person wrote (a description) shown as text: characters Markdown would act on are escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<]/g, '\\$&').replace(/^(\s*)([#>+-])/gm, '$1\\$2');
}
