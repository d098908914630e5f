// What the app:// protocol serves: a file of the built renderer, or a 404 (null) for anything else:
// a malformed address, a missing file, a folder, or a way out of the folder. Never a throw.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appFilePath } from '../../electron/protocolPath';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-renderer-'));
fs.writeFileSync(path.join(root, 'index.html'), '<html></html>');
fs.mkdirSync(path.join(root, 'assets'));
fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'assets', 'a file.js'), '');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const resolve = (url: string) => appFilePath(root, url);

describe('app:// paths', () => {
  it('serves the page and its assets, percent-encoded names included', () => {
    expect(resolve('app://billbook/')).toBe(path.join(root, 'index.html'));
    expect(resolve('app://billbook/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolve('app://billbook/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolve('app://billbook/assets/a%20file.js')).toBe(path.join(root, 'assets', 'a file.js'));
    expect(resolve('app://billbook/assets/%2e%2e/index.html'), 'a way back in is still inside').toBe(path.join(root, 'index.html'));
  });

  it('answers null (404), never throws, for a malformed address, a missing file, a folder or a way out', () => {
    for (const url of [
      'app://billbook/%E0%A4%A',
      'app://billbook/%',
      'app://billbook/missing.js',
      'app://billbook/assets',
      'app://billbook/assets/',
      'app://billbook/..%2f..%2f..%2fetc%2fpasswd',
      'app://billbook/%2e%2e/%2e%2e/etc/passwd',
      'app://billbook/assets/app.js%00.png',
      'not a url',
    ]) {
      expect(() => resolve(url), url).not.toThrow();
      expect(resolve(url), url).toBeNull();
    }
  });
});
