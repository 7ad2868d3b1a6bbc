import * as vscode from 'vscode';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { runsDirOf, sshConfigFile } from '../settings.js';
import { runForGraph } from '../../core/graph/workflow-svg.js';
import { parseSshConfig, sshAliases } from '../../core/hosts/ssh-config.js';
import { HOST_KINDS, type HostKind } from '../../core/model/workflow.js';
import type { ExternalHost, LanguageContext } from '../../language/types.js';

/** `~/.ssh/config` aliases, re-read only when the file changes (checked by its mtime). */
let sshCache: { file: string; mtimeMs: number; hosts: ExternalHost[] } | undefined;

export function sshHosts(): ExternalHost[] {
  const file = sshConfigFile() ?? join(homedir(), '.ssh', 'config');
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  if (sshCache?.mtimeMs !== mtimeMs || sshCache.file !== file) {
    const names = sshAliases(parseSshConfig(readFileSync(file, 'utf8')));
    sshCache = { file, mtimeMs, hosts: names.map((name) => ({ name, kind: 'ssh', source: '~/.ssh/config' })) };
  }
  return sshCache.hosts;
}

/** Hosts from the `ccwf.hosts` setting. */
export function settingHosts(scope?: vscode.Uri): ExternalHost[] {
  const value = vscode.workspace.getConfiguration('ccwf', scope).get<Record<string, { kind?: string }>>('hosts') ?? {};
  return Object.entries(value).map(([name, host]) => ({
    name,
    ...(HOST_KINDS.includes(host?.kind as HostKind) ? { kind: host.kind as HostKind } : {}),
    source: 'setting ccwf.hosts',
  }));
}

/** What the language features may know about a document beyond its text. */
export function languageContext(document: vscode.TextDocument): LanguageContext {
  const local = document.uri.scheme === 'file';
  const dir = dirname(document.uri.fsPath);
  const resolve = (relative: string) => (isAbsolute(relative) ? relative : join(dir, relative));
  const context: { -readonly [K in keyof LanguageContext]: LanguageContext[K] } = {
    extraHosts: [...settingHosts(document.uri), ...sshHosts()],
  };
  if (!local) return context;
  context.fileExists = (relative) => existsSync(resolve(relative));
  context.listDir = (relative) => {
    try {
      return readdirSync(resolve(relative), { withFileTypes: true })
        .filter((e) => !e.name.startsWith('.'))
        .map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return [];
    }
  };
  // Reading run records costs a little: only when a feature asks, once per request.
  let run: LanguageContext['lastRun'] | null = null;
  Object.defineProperty(context, 'lastRun', {
    enumerable: true,
    get: () => (run === null ? (run = runForGraph(document.uri.fsPath, runsDirOf(document.uri.fsPath))) : run),
  });
  return context;
}
