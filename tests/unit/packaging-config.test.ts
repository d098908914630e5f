// The installers' hardening, read from electron-builder.yml as electron-builder reads it: Electron's
// fuses flipped off where an attacker could use them, and the code signing that electron-updater
// checks before it installs an update. Electron cannot run here, so the config is what is checked.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';

// js-yaml comes with electron-builder (it reads the same file with it) and has no types of its own here.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(fs.readFileSync(path.resolve('electron-builder.yml'), 'utf8')) as Configuration;

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts (every option name is one it knows)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check can fail: a misspelt fuse is refused, as electron-builder would refuse it.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } } as unknown as Configuration, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('flips the fuses: no running as Node, no NODE_OPTIONS, no inspector, the app only from its checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // The fuses only mean something with the app packed in an asar whose integrity is recorded.
    expect(config.asar).not.toBe(false);
    expect(config.disableAsarIntegrity ?? false).toBe(false);
  });

  it('signs Windows builds and has electron-updater check an update\'s publisher before installing it', () => {
    const win = config.win!;
    expect(win.forceCodeSigning).toBe(true);
    expect(win.verifyUpdateCodeSignature).toBe(true);
    const publisher = win.signtoolOptions?.publisherName;
    expect(Array.isArray(publisher) ? publisher.length : String(publisher ?? '').trim().length).toBeGreaterThan(0);
    expect(win.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
    expect(win.signtoolOptions?.rfc3161TimeStampServer).toMatch(/^https?:\/\//);
  });

  it('signs macOS builds with the hardened runtime and has them notarized', () => {
    const mac = config.mac!;
    expect(mac.forceCodeSigning).toBe(true);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
  });

  it('says in the README what whoever builds a release must provide', () => {
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'publisherName', 'electronFuses']) {
      expect(readme, name).toContain(name);
    }
  });
});
