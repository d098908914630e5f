export interface FoundChromium {
  /** Undefined: Playwright's own download. */
  executablePath: string | undefined;
  from: 'CHROMIUM_PATH' | 'system' | 'playwright';
}
export function findChromium(): FoundChromium | null;
export function ensureChromium(): FoundChromium | null;
