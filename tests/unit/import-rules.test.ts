import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// DESIGN.md's import rules are enforced by ESLint; this proves the rules still bite.
describe('layer rules', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const problems = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => m.ruleId);
  };

  it('stops the renderer importing the main process', async () => {
    expect(await problems('renderer/screens/x.ts', "import { createCore } from '../../electron/core/app';\nexport const x = createCore;\n")).toContain('import/no-restricted-paths');
  });

  it('stops shared/ importing Node or other folders', async () => {
    const found = await problems('shared/x.ts', "import fs from 'node:fs';\nimport { invoke } from '../renderer/api';\nexport const x = [fs, invoke];\n");
    expect(found).toEqual(expect.arrayContaining(['no-restricted-imports', 'import/no-restricted-paths']));
  });

  it('stops core/ importing electron', async () => {
    expect(await problems('electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
  });

  it('lets the renderer use the contract', async () => {
    expect(await problems('renderer/x.ts', "import { contract } from '../shared/contract';\nexport const x = contract;\n")).toEqual([]);
  });
});
