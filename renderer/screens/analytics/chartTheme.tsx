// Colours and axis settings shared by the analytics charts. Okabe–Ito colours: told apart with the
// common colour-vision deficiencies; series also differ in dash or position, never in colour alone.
import type { AgingBucket } from '../../../shared/domain/analytics';

export const SERIES = {
  billed: '#0072B2',
  collected: '#009E73',
  forecast: '#D55E00',
  band: '#E69F00',
  fitted: '#7a7f87',
  customers: '#0072B2',
  others: '#9aa3ae',
  newCustomers: '#CC79A7',
} as const;

export const AGING_COLORS: Record<AgingBucket, string> = {
  '0-30': '#56B4E9',
  '31-60': '#E69F00',
  '61-90': '#D55E00',
  '90+': '#8B1E1E',
};

export const AGING_LABELS: Record<AgingBucket, string> = {
  '0-30': '0–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  '90+': 'Over 90 days',
};

export const AXIS_TICK = { fill: '#5c6675', fontSize: 12 } as const;
export const GRID_STROKE = '#e6e9ee';
/** Left margin for a y axis of compact amounts ("KES 1.2M"). */
export const MONEY_AXIS_WIDTH = 76;

/** Legend text in the body colour: series colours (amber, light blue) are too pale for text. */
export const legendText = (value: string) => <span style={{ color: '#1d2430' }}>{value}</span>;
