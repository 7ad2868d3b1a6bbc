import type { SshConfigBlock } from '../hosts/ssh-config.js';
import { globMatches } from './ssh-known-hosts.js';

/** Everything needed to open one ssh connection, resolved from `~/.ssh/config` as `ssh` would. */
export interface SshDestination {
  /** The name as written (`hpc`, `me@login.example.org`), for messages. */
  readonly name: string;
  readonly hostName: string;
  readonly port: number;
  readonly user: string;
  readonly identityFiles: readonly string[];
  /** Only the identity files, not every key the agent has (IdentitiesOnly). */
  readonly identitiesOnly: boolean;
  /** Hosts to hop through first, each resolved the same way (ProxyJump). */
  readonly proxyJump: readonly string[];
  readonly knownHostsFiles: readonly string[];
  /** The name to look the host key up under, when not the host name (HostKeyAlias). */
  readonly hostKeyAlias?: string;
  readonly connectTimeoutMs?: number;
}

export interface ResolveContext {
  readonly home: string;
  readonly localUser: string;
  /** The workflow host's `user:`, which beats the config as `ssh -l` does. */
  readonly user?: string;
}

/**
 * ssh_config(5) semantics for the keywords ccwf uses: blocks whose `Host` patterns match the name
 * as written apply in file order, the first value of a keyword wins, IdentityFile accumulates,
 * `!pattern` excludes. `Match` blocks and `Include` are not evaluated.
 */
export function resolveSshDestination(written: string, blocks: readonly SshConfigBlock[], context: ResolveContext): SshDestination {
  const at = written.lastIndexOf('@');
  const explicitUser = at > 0 ? written.slice(0, at) : undefined;
  let host = at > 0 ? written.slice(at + 1) : written;
  let explicitPort: number | undefined;
  const portMatch = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(host);
  if (portMatch) {
    host = portMatch[1] ?? portMatch[2]!;
    explicitPort = Number(portMatch[3]);
  }
  const first = new Map<string, string>();
  const identityFiles: string[] = [];
  const knownHosts: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'match' || (block.kind === 'host' && !hostMatches(block.patterns, host))) continue;
    for (const [keyword, values] of block.options) {
      if (keyword === 'identityfile') identityFiles.push(...values);
      else if (keyword === 'userknownhostsfile' && knownHosts.length === 0) knownHosts.push(...values);
      else if (!first.has(keyword) && values[0] !== undefined) first.set(keyword, values.join(' '));
    }
  }
  const hostName = expand(first.get('hostname') ?? host, { h: host, n: host }, context);
  const port = explicitPort ?? Number(first.get('port') ?? 22);
  const user = explicitUser ?? context.user ?? first.get('user') ?? context.localUser;
  const tokens = { h: hostName, n: host, p: String(port), r: user };
  const jump = first.get('proxyjump');
  const timeout = Number(first.get('connecttimeout'));
  return {
    name: written,
    hostName,
    port,
    user,
    identityFiles: identityFiles.filter((f) => f.toLowerCase() !== 'none').map((f) => expand(f, tokens, context)),
    identitiesOnly: first.get('identitiesonly')?.toLowerCase() === 'yes',
    proxyJump: jump && jump.toLowerCase() !== 'none' ? jump.split(',').map((j) => j.trim()).filter(Boolean) : [],
    knownHostsFiles: (knownHosts.length > 0 ? knownHosts : ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'])
      .filter((f) => f.toLowerCase() !== 'none')
      .map((f) => expand(f, tokens, context)),
    ...(first.has('hostkeyalias') ? { hostKeyAlias: first.get('hostkeyalias')! } : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { connectTimeoutMs: timeout * 1000 } : {}),
  };
}

function hostMatches(patterns: readonly string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatches(p.slice(1), host)) return false;
    } else if (globMatches(p, host)) matched = true;
  }
  return matched;
}

/** `~` and the `%` tokens ssh_config allows in paths and HostName. */
function expand(value: string, tokens: Readonly<Record<string, string>>, context: ResolveContext): string {
  const all: Record<string, string> = { d: context.home, u: context.localUser, '%': '%', ...tokens };
  const withTokens = value.replace(/%(.)/g, (whole, t: string) => all[t] ?? whole);
  return withTokens === '~' ? context.home : withTokens.startsWith('~/') ? `${context.home}/${withTokens.slice(2)}` : withTokens;
}
