// Ready-made sentences a person can start from and change: one per common kind of invoice.
import type { CurrencyCode } from '../../../../shared/money';

export interface QuickPrompt {
  name: string;
  text: (currency: CurrencyCode, issueDate: string) => string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11-21" -> "November" (the month being billed for; the parser reads "for November"). */
function monthOf(issueDate: string): string {
  return MONTHS[Number(issueDate.slice(5, 7)) - 1] ?? 'this month';
}

export const QUICK_PROMPTS: QuickPrompt[] = [
  {
    name: 'Monthly service',
    text: (c, d) => `Monthly support retainer for ${monthOf(d)} at ${c} 25,000, due in 14 days`,
  },
  {
    name: 'Project',
    text: (c) => `Website redesign: 5 days of design at ${c} 12,000 per day and 3 days of development at ${c} 15,000 per day, 10% discount`,
  },
  {
    name: 'Product sale',
    text: (c) => `20 reams of A4 paper at ${c} 650 each and 4 toner cartridges at ${c} 8,500 each, due in 7 days`,
  },
];
