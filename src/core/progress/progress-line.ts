/**
 * cloudmesh-cc's progress protocol: a job prints, anywhere in its output, lines such as
 *   # cloudmesh status=running progress=40 pid=123 msg=epoch-2
 * `status` and `progress` (0-100) are special; every other key=value is kept as is.
 */
export interface ProgressReport {
  readonly status?: string;
  readonly progress?: number;
  readonly values: Record<string, string>;
}

const MARKER = '# cloudmesh';
const PAIR = /([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;

export function parseProgressLine(line: string): ProgressReport | undefined {
  const at = line.indexOf(MARKER);
  if (at < 0) return undefined;
  const rest = line.slice(at + MARKER.length);
  if (rest.length > 0 && !/^\s/.test(rest)) return undefined;
  const values: Record<string, string> = {};
  let status: string | undefined;
  let progress: number | undefined;
  for (const m of rest.matchAll(PAIR)) {
    const key = m[1]!;
    const value = unquote(m[2]!);
    if (key === 'status') status = value;
    else if (key === 'progress') {
      const n = Number.parseFloat(value);
      if (Number.isFinite(n)) progress = Math.min(100, Math.max(0, n));
    } else values[key] = value;
  }
  if (status === undefined && progress === undefined && Object.keys(values).length === 0) return undefined;
  return { ...(status === undefined ? {} : { status }), ...(progress === undefined ? {} : { progress }), values };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}
