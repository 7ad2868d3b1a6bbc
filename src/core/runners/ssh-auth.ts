import { existsSync, readFileSync } from 'node:fs';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type NextAuthHandler, type ParsedKey } from 'ssh2';

// ssh2 is CommonJS: named imports of its values fail under plain node ESM, the default import works everywhere.
const { utils } = ssh2;
import type { SshDestination } from './ssh-destination.js';

export interface AuthOptions {
  /** ssh-agent's socket ($SSH_AUTH_SOCK). */
  readonly agentSocket?: string;
  /** Asks a person for a key's passphrase; undefined skips the key. The answer is never kept. */
  readonly prompt?: (message: string) => Promise<string | undefined>;
  readonly home: string;
}

/** The keys `ssh` tries when the config names none. */
const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * Tries what `ssh` tries, in its order: the agent's keys, then each identity file (asking for a
 * passphrase through `prompt` when a key is encrypted). Keys are read only when their turn comes,
 * so nobody is asked for a passphrase the agent made unnecessary.
 */
export function authHandler(destination: SshDestination, options: AuthOptions): AuthHandlerMiddleware {
  const files = destination.identityFiles.length > 0 ? destination.identityFiles : DEFAULT_KEYS.map((k) => `${options.home}/.ssh/${k}`);
  const steps: (() => Promise<AnyAuthMethod | undefined>)[] = [];
  const username = destination.user;
  if (options.agentSocket && !destination.identitiesOnly) steps.push(async () => ({ type: 'agent', username, agent: options.agentSocket! }));
  for (const file of files) {
    steps.push(async () => {
      const key = await loadKey(file, options.prompt);
      return key ? { type: 'publickey', username, key } : undefined;
    });
  }
  let next = 0;
  return (_left, _partial, callback: NextAuthHandler) => {
    void (async () => {
      while (next < steps.length) {
        const method = await steps[next++]!().catch(() => undefined);
        if (method) return callback(method);
      }
      // ssh2 reads `false` as "no more methods": it fails the connection with an auth error.
      callback(false as unknown as AnyAuthMethod);
    })();
  };
}

async function loadKey(file: string, prompt: AuthOptions['prompt']): Promise<ParsedKey | undefined> {
  if (!existsSync(file)) return undefined;
  const data = readFileSync(file);
  const plain = utils.parseKey(data);
  if (!(plain instanceof Error)) return Array.isArray(plain) ? (plain[0] as ParsedKey | undefined) : plain;
  if (!/encrypted|passphrase/i.test(plain.message) || !prompt) return undefined;
  for (let tries = 0; tries < 3; tries++) {
    const passphrase = await prompt(`Passphrase for ${file}`);
    if (passphrase === undefined) return undefined;
    const key = utils.parseKey(data, passphrase);
    if (!(key instanceof Error)) return Array.isArray(key) ? (key[0] as ParsedKey | undefined) : key;
  }
  return undefined;
}
