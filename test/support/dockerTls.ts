// A TLS front for the sandbox engine, as `dockerd --tlsverify` would be: certificates made with
// openssl (a CA, a server certificate for 127.0.0.1, a client certificate), a TLS server that
// demands the client certificate and relays to the engine's socket. The docker CLI talking through
// it with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH proves it is a real Docker TLS endpoint.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { makeTempDir } from './crashNode';
import { SANDBOX_DIR } from './dockerSandbox';

export interface TlsFront {
  host: string;
  /** Folder with ca.pem, cert.pem, key.pem for the client, as DOCKER_CERT_PATH wants it. */
  certPath: string;
  /** The same, but with a client certificate no CA of the front signed. */
  strangerCertPath: string;
  close(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

function makeCertificates(dir: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=salvage-test-ca', '-keyout', 'ca-key.pem', '-out', 'ca.pem'], dir);
  for (const [name, subject, ext] of [
    ['server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth'],
    ['client', '/CN=client', 'extendedKeyUsage=clientAuth'],
  ]) {
    fs.writeFileSync(path.join(dir, `${name}.ext`), `${ext}\n`);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
  }
}

export async function tlsFront(): Promise<TlsFront> {
  const dir = makeTempDir('salvage-tls-');
  makeCertificates(dir);
  const certPath = path.join(dir, 'client');
  fs.mkdirSync(certPath);
  fs.copyFileSync(path.join(dir, 'ca.pem'), path.join(certPath, 'ca.pem'));
  fs.copyFileSync(path.join(dir, 'client.pem'), path.join(certPath, 'cert.pem'));
  fs.copyFileSync(path.join(dir, 'client-key.pem'), path.join(certPath, 'key.pem'));
  const strangerCertPath = path.join(dir, 'stranger');
  fs.mkdirSync(strangerCertPath);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=stranger', '-keyout', 'stranger/key.pem', '-out', 'stranger/cert.pem'], dir);
  fs.copyFileSync(path.join(dir, 'ca.pem'), path.join(strangerCertPath, 'ca.pem'));
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(
    {
      ca: fs.readFileSync(path.join(dir, 'ca.pem')),
      cert: fs.readFileSync(path.join(dir, 'server.pem')),
      key: fs.readFileSync(path.join(dir, 'server-key.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (client) => {
      const engine = net.connect(path.join(SANDBOX_DIR, 'docker.sock'));
      sockets.add(client);
      sockets.add(engine);
      client.pipe(engine).pipe(client);
      const end = () => {
        client.destroy();
        engine.destroy();
      };
      client.on('error', end);
      engine.on('error', end);
      client.on('close', end);
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: `tcp://127.0.0.1:${port}`,
    certPath,
    strangerCertPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
