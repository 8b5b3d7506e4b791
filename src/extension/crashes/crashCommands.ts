// The Crashes view's commands: Debug Crash (every dump of one death in one session, with the
// container's last log lines), Tag… (edit the tags of a crash or a whole signature), Add Note…, Copy
// Signature, Refresh, Rebuild Catalog and Collect from Docker. Only the catalog and the store are ever written.

import * as vscode from 'vscode';
import type { CatalogCrash, CatalogSubject } from '../../catalog/crashCatalog';
import { type CrashLogs, crashLogs } from '../../catalog/crashLogs';
import { parseTags } from '../../catalog/tags';
import { errorMessage } from '../../engine/errorMessage';
import { containerDumpPaths } from '../docker/dockerSettings';
import type { CrashesIndex } from './crashesIndex';
import type { CrashesNode } from './crashesTreeProvider';

type SubjectNode = Extract<CrashesNode, { type: 'signature' | 'crash' | 'dump' }>;

function subjectOf(node: SubjectNode): CatalogSubject {
  return node.type === 'signature' ? { signature: node.group.signature, crashes: node.crashes } : { crash: node.crash };
}

function nameOf(node: SubjectNode): string {
  return node.type === 'signature' ? `signature ${node.group.signature.id} (${node.crashes.length} crashes)` : `crash ${node.crash.id}`;
}

function currentTags(node: SubjectNode): string[] {
  return node.type === 'signature' ? node.tags : node.crash.tags;
}

/** Debugs every dump of a crash in one session; the crash is a view item, or its id (a command link, another extension). */
async function debugCrash(index: CrashesIndex, target: Extract<CrashesNode, { type: 'crash' }> | string, storeDir: string): Promise<boolean> {
  if (typeof target === 'string') await index.start();
  const crash = typeof target === 'string' ? index.contents?.crashes.find((c) => c.id === target) : target.crash;
  if (crash === undefined) throw new Error(`no crash in the catalog has the id "${typeof target === 'string' ? target : target.crash.id}"`);
  const crashLog = await crashLogs(storeDir, crash);
  const [lead, ...others] = crash.dumps;
  if (lead === undefined) return showDeathOnly(crash, crashLog);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return vscode.debug.startDebugging(folder, { type: 'salvage', request: 'launch', name: `Crash ${crash.id}`, dump: lead.path, dumps: others.map((d) => d.path), dumpStore: storeDir, crashLog });
}

/** A death that left no dump (an OOM kill) has no session: its facts and last log lines open as a document. */
async function showDeathOnly(crash: CatalogCrash, logs: CrashLogs): Promise<boolean> {
  const lines = [`crash ${crash.id}: ${crash.description ?? crash.signature.text}`, `signature: ${crash.signature.text}`, `died ${new Date(crash.diedAtMs).toISOString()} in container ${crash.container?.name ?? 'unknown'}`, '', 'This death left no dump: what the container logged before it died:', ''];
  for (const log of [logs.own, ...logs.neighbours]) {
    if (log === null) continue;
    lines.push(`── ${log.container.service ?? log.container.name} (container ${log.container.name}) ──`, ...log.lines.map((l) => `${l.time}  ${l.stream === 'stderr' ? '!' : ' '} ${l.text}`), '');
  }
  if (logs.own === null) lines.push('(the store kept no log of this container)');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'log' }), { preview: true });
  return true;
}

async function tag(index: CrashesIndex, node: SubjectNode): Promise<void> {
  const before = currentTags(node);
  const text = await vscode.window.showInputBox({
    title: `Tags of ${nameOf(node)}`,
    prompt: 'Tags separated by spaces; delete one to remove it',
    value: before.join(' '),
    validateInput: (value) => {
      const parsed = parseTags(value);
      return typeof parsed === 'string' ? parsed : undefined;
    },
  });
  if (text === undefined) return;
  const after = parseTags(text);
  if (typeof after === 'string') return;
  const subject = subjectOf(node);
  index.change((catalog) => {
    catalog.tag(
      subject,
      after.filter((t) => !before.includes(t)),
    );
    catalog.tag(
      subject,
      before.filter((t) => !after.includes(t)),
      true,
    );
  });
}

async function addNote(index: CrashesIndex, node: SubjectNode): Promise<void> {
  const text = await vscode.window.showInputBox({ title: `Note on ${nameOf(node)}`, prompt: 'What you found, a ticket, the fix', validateInput: (v) => (v.length > 10_000 ? 'at most 10,000 characters' : undefined) });
  if (text === undefined || text.trim() === '') return;
  index.change((catalog) => catalog.note(subjectOf(node), text.trim()));
}

function guarded<T extends unknown[]>(action: (...args: T) => Promise<unknown>): (...args: T) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      void vscode.window.showErrorMessage(`Salvage: ${errorMessage(error)}`);
    }
  };
}

export function registerCrashCommands(index: CrashesIndex, storeDir: () => string): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'salvage.crashes.debug',
      guarded((target: Extract<CrashesNode, { type: 'crash' }> | string) => debugCrash(index, target, storeDir())),
    ),
    vscode.commands.registerCommand(
      'salvage.crashes.tag',
      guarded((node: SubjectNode) => tag(index, node)),
    ),
    vscode.commands.registerCommand(
      'salvage.crashes.addNote',
      guarded((node: SubjectNode) => addNote(index, node)),
    ),
    vscode.commands.registerCommand(
      'salvage.crashes.copySignature',
      guarded((node: SubjectNode) => Promise.resolve(vscode.env.clipboard.writeText(node.type === 'signature' ? node.group.signature.text : node.crash.signature.text))),
    ),
    vscode.commands.registerCommand('salvage.crashes.refresh', () => index.refresh()),
    vscode.commands.registerCommand('salvage.crashes.rebuild', () => index.refresh(true)),
    vscode.commands.registerCommand('salvage.crashes.collectDocker', () => index.collect(containerDumpPaths())),
  ];
}
