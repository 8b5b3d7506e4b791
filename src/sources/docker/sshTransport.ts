// ssh:// endpoints reached the way the Docker CLI reaches them: the system's ssh client runs
// `docker system dial-stdio` on the remote host and HTTP flows over its stdin and stdout. So the
// user's ~/.ssh/config (aliases, ProxyJump, keys), agent and known_hosts all apply — host keys are
// verified like for any ssh connection, which the ssh2 client embedded in dockerode does not do —
// and BatchMode makes ssh fail with its own message instead of waiting for a password nobody sees.

import { type ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { Duplex } from 'stream';
import { shellQuote } from '../shellQuote';

export interface SshTarget {
  host: string;
  port?: number;
  user?: string;
}

/** Longest stderr kept to explain a failed connection. */
const STDERR_LIMIT = 4096;

const DIAL_STDIO = ['docker', 'system', 'dial-stdio'];

/**
 * The ssh arguments to run `command` there. Connections share one master per host for a minute
 * (ControlMaster), so the dozens of requests of a listing pay for one handshake, not one each.
 */
export function sshArguments(target: SshTarget, command: readonly string[] = DIAL_STDIO): string[] {
  const args = ['-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10'];
  args.push('-o', 'ControlMaster=auto', '-o', `ControlPath=${path.join(os.tmpdir(), 'salvage-ssh-%C')}`, '-o', 'ControlPersist=60');
  if (target.user !== undefined) args.push('-l', target.user);
  if (target.port !== undefined) args.push('-p', String(target.port));
  // The remote shell gets ssh's arguments joined into one command line: each word is quoted for it.
  return [...args, '--', target.host, ...command.map(shellQuote)];
}

/** ssh running `command` on the target, its three streams piped. */
export function spawnSsh(target: SshTarget, command?: readonly string[], signal?: AbortSignal): ChildProcess {
  return spawn('ssh', sshArguments(target, command), { stdio: ['pipe', 'pipe', 'pipe'], signal });
}

/** Marks errors of the ssh process itself, so they are reported with ssh's own words. */
export const SSH_ERROR_CODE = 'ESALVAGESSH';

function sshError(message: string): Error {
  return Object.assign(new Error(message), { code: SSH_ERROR_CODE });
}

/** One `docker system dial-stdio` over ssh, as the socket of one HTTP connection. */
class SshCommandSocket extends Duplex {
  private stderr = '';

  constructor(
    private readonly child: ChildProcess,
    target: SshTarget,
  ) {
    super();
    const { stdin, stdout, stderr } = child;
    if (stdin === null || stdout === null || stderr === null) throw new Error('ssh was started without pipes');
    stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) stdout.pause();
    });
    stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_LIMIT) this.stderr += chunk.toString('utf8');
    });
    stdin.on('error', () => undefined);
    child.on('error', (error) => this.destroy(sshError(`ssh could not be started: ${error.message}`)));
    // The end of output is only passed on once ssh's exit status says whether it was a failure:
    // otherwise the HTTP client reports a bare "socket hang up" instead of ssh's reason.
    child.on('close', (code) => {
      if (this.destroyed) return;
      if (code === 0) return void this.push(null);
      const said = this.stderr.trim().split('\n').pop() ?? '';
      this.destroy(sshError(`ssh ${target.host} exited with ${code ?? 'a signal'}: ${said === '' ? 'no message' : said}`));
    });
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.child.stdin?.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin?.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill();
    callback(error);
  }

  // What Node's HTTP client may call on a socket; nothing to tune on a pipe.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

/** An HTTP agent whose every connection is one ssh process. */
export function sshAgent(target: SshTarget): http.Agent {
  const agent = new http.Agent({ keepAlive: false });
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () => new SshCommandSocket(spawnSsh(target), target);
  return agent;
}
