import * as vscode from 'vscode';
import type { SshPoolOptions } from '../../core/runners/ssh-connection-pool.js';
import type { EngineQuestion } from '../../protocol/engine-questions.js';
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

/**
 * How this window connects to ssh hosts: the prompts above and the `ccwf.sshConfigFile` setting.
 * `passphrases: false` for a check before a run: the run's own engine asks for the passphrase,
 * so the person is asked once.
 */
export function sshOptions({ passphrases = true } = {}): SshPoolOptions {
  const config = sshConfigFile();
  return { confirmHostKey: sshPrompts.confirmHostKey, ...(passphrases ? { prompt: sshPrompts.prompt } : {}), ...(config ? { sshConfigPath: config } : {}) };
}

/**
 * Asks the person what a run's engine process asks: a passphrase in a password box, a yes/no
 * question (an unknown host key, with its fingerprint) in a modal. Nothing is kept.
 */
export async function answerEngine(question: EngineQuestion): Promise<string | undefined> {
  if (question.secret) {
    return vscode.window.showInputBox({ prompt: question.question.replace(/:\s*$/, ''), password: true, ignoreFocusOut: true, title: 'ccwf run' });
  }
  const lines = question.question.replace(/\s*\(yes\/no\)\?\s*$/, '').split('\n');
  const yes = 'Yes';
  const choice = await vscode.window.showWarningMessage(lines[0]!, { modal: true, detail: lines.slice(1).join('\n') }, yes, 'No');
  return choice === yes ? 'yes' : 'no';
}
