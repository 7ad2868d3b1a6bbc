import * as vscode from 'vscode';
import type { SshPoolOptions } from '../../core/runners/ssh-connection-pool.js';
import { sshConfigFile } from '../settings.js';

/**
 * What VS Code answers when an ssh host asks: an unknown host key is shown with its fingerprint in
 * a modal and accepted only by the person (it is then added to known_hosts); a key's passphrase is
 * asked in a password box and never kept. A changed key is refused before anyone is asked.
 */
export const sshPrompts: Pick<SshPoolOptions, 'confirmHostKey' | 'prompt'> = {
  async confirmHostKey(q) {
    const where = q.port === 22 ? q.host : `[${q.host}]:${q.port}`;
    const accept = 'Accept and Connect';
    const choice = await vscode.window.showWarningMessage(
      `The authenticity of host ${where} can't be established.`,
      { modal: true, detail: `Its ${q.keyType} key fingerprint is ${q.fingerprint}.\n\nCompare it with the one the host's administrators publish. Accepting adds the key to known_hosts; ccwf refuses the host if its key changes later.` },
      accept,
    );
    return choice === accept;
  },
  prompt: (message) => Promise.resolve(vscode.window.showInputBox({ prompt: message, password: true, ignoreFocusOut: true, title: 'ssh key passphrase' })),
};

/** How this window connects to ssh hosts: the prompts above and the `ccwf.sshConfigFile` setting. */
export function sshOptions(): SshPoolOptions {
  const config = sshConfigFile();
  return { ...sshPrompts, ...(config ? { sshConfigPath: config } : {}) };
}
