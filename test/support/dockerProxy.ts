// A unix-socket relay in front of the real engine that cuts archive downloads after a number of
// response bytes — what a client sees when the engine, the network or an ssh tunnel dies while a
// dump streams. Everything else is relayed untouched.

import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { makeTempDir } from './crashNode';
import { SANDBOX_DIR } from './dockerSandbox';

export interface CuttingProxy {
  host: string;
  close(): Promise<void>;
}

export async function cuttingProxy(cutAfterBytes: number): Promise<CuttingProxy> {
  const socketPath = path.join(makeTempDir('salvage-proxy-'), 'p.sock');
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    const engine = net.connect(path.join(SANDBOX_DIR, 'docker.sock'));
    let isArchiveGet = false;
    let relayed = 0;
    client.on('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').startsWith('GET ') && /^GET \S*\/archive\?/.test(chunk.toString('latin1'))) isArchiveGet = true;
      engine.write(chunk);
    });
    engine.on('data', (chunk: Buffer) => {
      if (!isArchiveGet) return void client.write(chunk);
      const room = cutAfterBytes - relayed;
      relayed += chunk.length;
      if (room > 0) client.write(chunk.subarray(0, room));
      if (relayed >= cutAfterBytes) {
        client.destroy();
        engine.destroy();
      }
    });
    const end = () => {
      client.destroy();
      engine.destroy();
    };
    client.on('error', end);
    engine.on('error', end);
    client.on('close', end);
    engine.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    host: `unix://${socketPath}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}
