// The look a template picks: colours and sizes. Layout pieces (parts.tsx) read it, so the three
// templates share their structure and differ where they mean to.
import { INVOICE_FONT } from '../fonts';

export interface Theme {
  accent: string;
  /** Text on the accent colour. */
  onAccent: string;
  ink: string;
  muted: string;
  rule: string;
  /** Every other table row; null: plain rows. */
  stripe: string | null;
  fontSize: number;
  tableFontSize: number;
}

export const PAGE_STYLE = {
  fontFamily: INVOICE_FONT,
  paddingTop: 36,
  paddingHorizontal: 40,
  // Room for the fixed footer with the page numbers.
  paddingBottom: 56,
} as const;

export const THEMES = {
  professional: { accent: '#1f4e79', onAccent: '#ffffff', ink: '#1a1a1a', muted: '#5f6b7a', rule: '#c8d1dc', stripe: '#f2f5f9', fontSize: 9, tableFontSize: 8.5 },
  simple: { accent: '#1a1a1a', onAccent: '#1a1a1a', ink: '#1a1a1a', muted: '#555555', rule: '#999999', stripe: null, fontSize: 9.5, tableFontSize: 9 },
  detailed: { accent: '#2e5e4e', onAccent: '#ffffff', ink: '#1a1a1a', muted: '#5b6760', rule: '#c9d6cf', stripe: '#f1f6f3', fontSize: 8.5, tableFontSize: 7.5 },
} satisfies Record<string, Theme>;
