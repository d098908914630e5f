// Secrets in Electron: encrypted by the operating system's keychain through safeStorage.
import { safeStorage } from 'electron';
import path from 'node:path';
import { fileSecretStore, memorySecretStore, type SecretStore } from './core/secrets';

export function osSecretStore(dataDir: string): SecretStore {
  // Without a keychain (some Linux desktops) safeStorage falls back to a fixed password, which is
  // no protection: keep the key in memory for the session instead.
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) return memorySecretStore();
  return fileSecretStore(
    path.join(dataDir, 'secrets'),
    { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) },
    'encrypted by your operating system\'s keychain',
  );
}
