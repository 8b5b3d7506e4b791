// A real OpenSSH server on 127.0.0.1 in front of the sandbox engine, for ssh:// Docker hosts: its
// sessions get DOCKER_HOST pointing at the sandbox socket, so `docker system dial-stdio` run over
// ssh reaches it, exactly as on a remote build box. Keys, known_hosts and configs live in a
// temporary folder; nothing of the user's ~/.ssh is read or written. Clients find the test's
// ssh through a wrapper first on PATH, which the docker CLI (the oracle) and Salvage both run.

import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { makeTempDir } from './crashNode';
import { SANDBOX_HOST } from './dockerSandbox';

export interface SshServer {
  /** The DOCKER_HOST that reaches the sandbox engine through this server. */
  dockerHost: string;
  /** Put first on PATH: `ssh` there trusts this server's host key. */
  trustingBin: string;
  /** Put first on PATH: `ssh` there expects another host key, so verification must fail. */
  distrustingBin: string;
  close(): void;
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${String(r.status)}): ${r.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited with ${child.exitCode}: ${log()}`));
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => (Date.now() > deadline ? reject(new Error(`sshd did not listen on ${port}: ${log()}`)) : setTimeout(attempt, 100)));
    };
    attempt();
  });
}

/**
 * A client config and an `ssh` wrapper using it, in `dir/name`. `fresh` turns connection sharing
 * off (options given first win), so a master another test opened cannot skip the host key check.
 */
function clientBin(dir: string, name: string, port: number, knownHostKey: string, fresh: boolean): string {
  const bin = path.join(dir, name);
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'known_hosts'), `[127.0.0.1]:${port} ${knownHostKey}\n`);
  const config = ['Host 127.0.0.1', `  IdentityFile ${path.join(dir, 'client_key')}`, '  IdentitiesOnly yes', `  UserKnownHostsFile ${path.join(bin, 'known_hosts')}`, '  StrictHostKeyChecking yes', ''].join('\n');
  fs.writeFileSync(path.join(bin, 'ssh_config'), config);
  fs.writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${path.join(bin, 'ssh_config')}${fresh ? ' -o ControlPath=none' : ''} "$@"\n`, { mode: 0o755 });
  return bin;
}

export async function startSshServer(): Promise<SshServer> {
  if (!fs.existsSync('/usr/sbin/sshd')) throw new Error('/usr/sbin/sshd is missing: scripts/install-test-deps.sh installs openssh-server');
  const dir = makeTempDir('salvage-sshd-');
  for (const key of ['host_key', 'client_key', 'other_host_key']) run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, key)]);
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    `SetEnv DOCKER_HOST=${SANDBOX_HOST}`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'sshd_config'), config);
  // sshd's privilege separation needs this folder; Debian creates it only when the service starts.
  fs.mkdirSync('/run/sshd', { recursive: true });
  let log = '';
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  await listening(port, child, () => log);
  const hostKey = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  const otherKey = fs.readFileSync(path.join(dir, 'other_host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  const user = spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim();
  return {
    dockerHost: `ssh://${user}@127.0.0.1:${port}`,
    trustingBin: clientBin(dir, 'trusting', port, hostKey, false),
    distrustingBin: clientBin(dir, 'distrusting', port, otherKey, true),
    close: () => {
      child.kill();
    },
  };
}
