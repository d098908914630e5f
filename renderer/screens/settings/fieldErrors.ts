import { AppError } from '../../../shared/errors';

/**
 * The backend's field errors for one section, keyed without the section's prefix:
 * "ai.model" -> "model", "analytics.thresholds.averageDaysToPay.warning" -> "averageDaysToPay.warning".
 */
export function sectionErrors(error: unknown, prefix: string): Record<string, string> {
  if (!(error instanceof AppError) || !error.fields) return {};
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] ??= message;
  }
  return out;
}

/** A whole number or a decimal typed in a box; null when it is not one. */
export function numberOf(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
