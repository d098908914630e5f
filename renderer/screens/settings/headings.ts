// Each Settings section's heading, in page order: the sections name themselves with it and the
// "On this page" list links to it.
export const HEADINGS = {
  account: { id: 'settings-account-title', title: 'Account & sync' },
  business: { id: 'settings-business-title', title: 'Business profile' },
  payment: { id: 'settings-payment-title', title: 'Payment instructions' },
  online: { id: 'settings-online-title', title: 'Getting paid online' },
  invoicing: { id: 'settings-invoicing-title', title: 'Numbering and terms' },
  email: { id: 'settings-email-title', title: 'Email (SMTP)' },
  sms: { id: 'settings-sms-title', title: 'SMS' },
  reminders: { id: 'settings-reminders-title', title: 'Reminders' },
  ai: { id: 'settings-ai-title', title: 'AI drafting' },
  etims: { id: 'settings-etims-title', title: 'KRA eTIMS' },
  analytics: { id: 'settings-kpi-title', title: 'Analytics thresholds' },
} as const;

export type SectionKey = keyof typeof HEADINGS;
export const SECTION_ORDER = Object.keys(HEADINGS) as SectionKey[];
