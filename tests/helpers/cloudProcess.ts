// Billbook Cloud as its own process (`server/main.ts`, as `npm run server` starts it), for tests that
// kill it and benches that load it from outside: on a PostgreSQL database, or on PGlite in a folder.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

export interface CloudProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freshDatabase(clusterUrl: string, prefix = 'cloud'): Promise<string> {
  const admin = new pg.Client(clusterUrl);
  await admin.connect();
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.href;
}

export async function startCloudProcess(env: Record<string, string>): Promise<CloudProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Billbook Cloud did not start:\n${out}`)), 120_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`Billbook Cloud exited with ${code}:\n${out}`)));
  });
  return {
    url, process: child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
