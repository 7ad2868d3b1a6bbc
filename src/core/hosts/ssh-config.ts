/**
 * The parts of OpenSSH's client configuration (`~/.ssh/config`, ssh_config(5)) that ccwf reads:
 * `Host` blocks with their options. Keywords are case-insensitive; `Key value` and `Key=value`
 * both work; quoted values keep their spaces. `Match` blocks are kept as opaque blocks so their
 * options never leak into the `Host` block before them.
 */
export interface SshConfigBlock {
  /** `Host` patterns (`*`, `?`, `!negated` as written); empty for the options before any `Host`. */
  readonly patterns: readonly string[];
  readonly kind: 'global' | 'host' | 'match';
  /** Lower-cased keyword -> values in order (a keyword may repeat, e.g. IdentityFile). */
  readonly options: ReadonlyMap<string, readonly string[]>;
  /** 1-based line of the block's `Host` / `Match`. */
  readonly line: number;
}

export function parseSshConfig(text: string): SshConfigBlock[] {
  const blocks: { patterns: string[]; kind: SshConfigBlock['kind']; options: Map<string, string[]>; line: number }[] = [
    { patterns: [], kind: 'global', options: new Map(), line: 1 },
  ];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) return;
    const keyword = m[1]!.toLowerCase();
    const values = splitArgs(m[2]!);
    if (keyword === 'host' || keyword === 'match') {
      blocks.push({ patterns: keyword === 'host' ? values : [], kind: keyword, options: new Map(), line: i + 1 });
      return;
    }
    const options = blocks.at(-1)!.options;
    options.set(keyword, [...(options.get(keyword) ?? []), ...values]);
  });
  return blocks;
}

/** Host names a person can type: every literal `Host` pattern (no wildcards, no negations). */
export function sshAliases(blocks: readonly SshConfigBlock[]): string[] {
  const names = new Set<string>();
  for (const b of blocks) {
    for (const p of b.patterns) if (!/[*?!]/.test(p)) names.add(p);
  }
  return [...names];
}

/** Space-separated words; double-quoted parts keep their spaces, a trailing comment is dropped. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(#.*$)|(\S+)/g)) {
    if (m[2] !== undefined) break;
    out.push(m[1] ?? m[3]!);
  }
  return out;
}
