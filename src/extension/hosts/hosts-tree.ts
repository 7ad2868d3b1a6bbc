import * as vscode from 'vscode';
import { basename } from 'node:path';
import { checkHost, type HostCheck } from '../../core/hosts/check-host.js';
import { checkSshHost } from '../../core/hosts/check-ssh-host.js';
import { sshOptions } from './ssh-prompts.js';
import type { HostKind } from '../../core/model/workflow.js';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';
import { settingHosts, sshHosts } from '../language/language-context.js';

/** A host in the Hosts view; also the argument of its commands. */
export interface HostNode {
  readonly kind: 'host';
  readonly name: string;
  readonly hostKind: HostKind;
  readonly distro?: string;
  /** ssh destination and user, for ssh and Slurm hosts. */
  readonly ssh?: string;
  readonly user?: string;
  /** Where it is declared: a workflow file, the setting, `~/.ssh/config`, or built in. */
  readonly source: string;
}

const KIND_ICONS: Record<HostKind, string> = { local: 'device-desktop', wsl: 'terminal-linux', ssh: 'remote', slurm: 'server-environment' };
const REFRESH_DELAY_MS = 300;

/**
 * The Hosts view: this machine, the hosts of the open workflows, of the `ccwf.hosts` setting and
 * of `~/.ssh/config`, each with its kind and whether the last check reached it.
 */
export class HostsTree implements vscode.TreeDataProvider<HostNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HostNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly checks = new Map<string, HostCheck | 'checking'>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed.fire(undefined), REFRESH_DELAY_MS);
    };
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument(later),
      vscode.workspace.onDidCloseTextDocument(later),
      vscode.workspace.onDidSaveTextDocument(later),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('ccwf.hosts') && later()),
    );
  }

  getChildren(element?: HostNode): HostNode[] {
    if (element) return [];
    const hosts = new Map<string, HostNode>([['local', { kind: 'host', name: 'local', hostKind: 'local', source: 'this machine' }]]);
    const add = (node: HostNode) => hosts.has(node.name) || hosts.set(node.name, node);
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId !== 'ccwf') continue;
      for (const host of parseWorkflow(document.getText()).workflow.hosts.values()) {
        add({
          kind: 'host', name: host.name, hostKind: host.kind, source: basename(document.uri.path),
          ...(host.distro ? { distro: host.distro } : {}), ...(host.ssh ? { ssh: host.ssh } : {}), ...(host.user ? { user: host.user } : {}),
        });
      }
    }
    const configured = vscode.workspace.getConfiguration('ccwf').get<Record<string, { ssh?: string; user?: string; distro?: string }>>('hosts') ?? {};
    for (const h of settingHosts()) {
      const c = configured[h.name] ?? {};
      add({ kind: 'host', name: h.name, hostKind: h.kind ?? 'ssh', source: 'settings', ...(c.ssh ? { ssh: c.ssh } : {}), ...(c.user ? { user: c.user } : {}), ...(c.distro ? { distro: c.distro } : {}) });
    }
    for (const h of sshHosts()) add({ kind: 'host', name: h.name, hostKind: 'ssh', source: '~/.ssh/config' });
    return [...hosts.values()];
  }

  getTreeItem(node: HostNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.name);
    item.id = `host:${node.name}`;
    const check = this.checks.get(node.name);
    const state = check === 'checking' ? 'checking…' : check ? (check.ok ? `reachable, ${check.ms} ms` : 'not reachable') : undefined;
    item.description = [node.hostKind, node.source, state].filter(Boolean).join(' · ');
    item.iconPath = check && check !== 'checking' && !check.ok
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(KIND_ICONS[node.hostKind]);
    item.tooltip = `${node.name}: ${node.hostKind} host from ${node.source}${check && check !== 'checking' ? `\nlast check: ${check.detail}` : ''}`;
    item.contextValue = `host ${node.hostKind}`;
    return item;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Checks that jobs can start on the host; the view shows the result. */
  async check(node: HostNode): Promise<HostCheck> {
    this.checks.set(node.name, 'checking');
    this.changed.fire(undefined);
    const result = await checkHost({ name: node.name, kind: node.hostKind, ...(node.distro ? { distro: node.distro } : {}) }, {
      // Slurm hosts are reached through their login node over ssh, as jobs will be.
      ssh: () => checkSshHost(node, sshOptions()),
      slurm: () => checkSshHost(node, sshOptions()),
    });
    this.checks.set(node.name, result);
    this.changed.fire(undefined);
    return result;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
