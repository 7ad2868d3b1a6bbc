import { appendKnownHost, keyFingerprint, keyTypeOf, knownHostName, readKnownHosts, verifyHostKey } from './ssh-known-hosts.js';

/** What a person is asked about a host whose key is not in known_hosts. */
export interface HostKeyQuestion {
  readonly host: string;
  readonly port: number;
  /** `SHA256:...`, as `ssh` shows it. */
  readonly fingerprint: string;
  readonly keyType: string;
}

export type ConfirmHostKey = (question: HostKeyQuestion) => Promise<boolean>;

export interface HostKeyPolicy {
  /** Files to look keys up in; the first is where accepted keys are added. */
  readonly knownHostsFiles: readonly string[];
  /** Decides about unknown keys. Without it unknown keys are refused: never accepted silently. */
  readonly confirmHostKey?: ConfirmHostKey;
}

/**
 * Checks a server's key as `ssh` with StrictHostKeyChecking=ask does: a known key passes; an unknown
 * one only if `confirmHostKey` says yes (then it is added to known_hosts); a changed or revoked one
 * never. Returns undefined when accepted, else the reason, for the connection error.
 */
export async function checkHostKey(host: string, port: number, key: Buffer, policy: HostKeyPolicy, alias?: string): Promise<string | undefined> {
  const name = alias ?? knownHostName(host, port);
  const fingerprint = keyFingerprint(key);
  const verdict = verifyHostKey(readKnownHosts(policy.knownHostsFiles), name, key);
  switch (verdict.kind) {
    case 'known':
      return undefined;
    case 'changed':
      return (
        `the host key of ${name} has CHANGED (now ${fingerprint}); someone may be intercepting the connection, or the host was reinstalled. ` +
        `If you trust the new key, remove the old one at ${verdict.known.path}:${verdict.known.line} (${verdict.known.text.slice(0, 80)}) and connect again`
      );
    case 'revoked':
      return `the host key of ${name} (${fingerprint}) is marked @revoked at ${verdict.known.path}:${verdict.known.line}`;
    case 'unknown': {
      const keyType = keyTypeOf(key);
      const accepted = policy.confirmHostKey ? await policy.confirmHostKey({ host, port, fingerprint, keyType }).catch(() => false) : false;
      if (!accepted) return `the host key of ${name} (${keyType} ${fingerprint}) is not known and was not accepted; add it to ${policy.knownHostsFiles[0] ?? 'known_hosts'} or confirm it`;
      if (policy.knownHostsFiles[0]) appendKnownHost(policy.knownHostsFiles[0], name, key);
      return undefined;
    }
    default: {
      const never: never = verdict;
      return `unexpected verdict ${String(never)}`;
    }
  }
}

