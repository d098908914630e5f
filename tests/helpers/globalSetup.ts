// Once per test run: a real PostgreSQL cluster for the Cloud's tests (each test file makes its own
// database in it), and an embedded PGlite data folder, migrated once, that each file copies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';
import { makePgliteTemplate } from './cloudTemplate';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-pglite-template-'));
  await makePgliteTemplate(templateDir);
  project.provide('postgresUrl', postgres.url);
  project.provide('pgliteTemplate', templateDir);
  return () => {
    postgres.stop();
    fs.rmSync(templateDir, { recursive: true, force: true });
  };
}
