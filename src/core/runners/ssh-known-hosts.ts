import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * OpenSSH's known_hosts (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): `[marker] patterns keytype key`.
 * Patterns are comma-separated, may use `*` `?` and `!negation`, are written `[host]:port` for
 * ports other than 22, and may be hashed (`|1|salt|hmac-sha1(salt, host)`, HashKnownHosts).
 */
export interface KnownHostLine {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
  readonly marker?: 'revoked' | 'cert-authority';
  readonly patterns: readonly string[];
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { readonly kind: 'known' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'changed'; readonly known: KnownHostLine }
  | { readonly kind: 'revoked'; readonly known: KnownHostLine };

/** How OpenSSH names a host in known_hosts: the bare name on port 22, `[name]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:<base64 without padding>`, the fingerprint `ssh-keygen -l` and `ssh` show. */
export function keyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside a public key blob (its first SSH string). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return '';
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString('latin1');
}

export function readKnownHosts(paths: readonly string[]): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // a missing file knows no hosts
    }
    text.split(/\r?\n/).forEach((raw, i) => {
      const parsed = parseKnownHostLine(raw, path, i + 1);
      if (parsed) lines.push(parsed);
    });
  }
  return lines;
}

function parseKnownHostLine(raw: string, path: string, line: number): KnownHostLine | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const words = text.split(/\s+/);
  let marker: KnownHostLine['marker'];
  if (words[0] === '@revoked' || words[0] === '@cert-authority') marker = words.shift()!.slice(1) as KnownHostLine['marker'];
  const [patterns, keyType, key] = words;
  if (!patterns || !keyType || !key || !/^[A-Za-z0-9+/]+=*$/.test(key)) return undefined;
  return { path, line, text, ...(marker ? { marker } : {}), patterns: patterns.split(','), keyType, key: Buffer.from(key, 'base64') };
}

/** Whether an entry's host patterns name `host` (already in `[host]:port` form where needed). */
export function patternsMatch(patterns: readonly string[], host: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('|1|')) {
      if (hashedMatches(pattern, host)) matched = true;
      continue;
    }
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, host)) continue;
    if (negated) return false; // a negated match overrides any positive one
    matched = true;
  }
  return matched;
}

function hashedMatches(pattern: string, host: string): boolean {
  const [, , salt, hash] = pattern.split('|');
  if (!salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(host).digest('base64') === hash;
}

/** ssh's match_pattern: `*` any run, `?` one character, case-insensitive. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(text);
}

/** Looks `key` up for `host` (in known_hosts form). Never says `known` for a key it has not seen. */
export function verifyHostKey(lines: readonly KnownHostLine[], host: string, key: Buffer): HostKeyVerdict {
  const type = keyTypeOf(key);
  const forHost = lines.filter((l) => l.marker !== 'cert-authority' && patternsMatch(l.patterns, host));
  const revoked = lines.find((l) => l.marker === 'revoked' && l.key.equals(key));
  if (revoked) return { kind: 'revoked', known: revoked };
  if (forHost.some((l) => !l.marker && l.key.equals(key))) return { kind: 'known' };
  const changed = forHost.find((l) => !l.marker && l.keyType === type);
  return changed ? { kind: 'changed', known: changed } : { kind: 'unknown' };
}

/** Key types known for `host`, so the key exchange can ask for one of those first, as OpenSSH does. */
export function knownKeyTypes(lines: readonly KnownHostLine[], host: string): string[] {
  return [...new Set(lines.filter((l) => !l.marker && patternsMatch(l.patterns, host)).map((l) => l.keyType))];
}

/** Records an accepted key the way `ssh` does when you answer yes. */
export function appendKnownHost(path: string, host: string, key: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const needsNewline = existsSync(path) && !readFileSync(path, 'utf8').endsWith('\n') && readFileSync(path, 'utf8').length > 0;
  appendFileSync(path, `${needsNewline ? '\n' : ''}${host} ${keyTypeOf(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
}
