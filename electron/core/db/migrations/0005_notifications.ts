import type { Migration } from '../migrate';

export const migration0005: Migration = {
  version: 5,
  name: 'notification log',
  up: `
    -- Every message to a customer: invoice sent, reminder, overdue reminder, payment thank-you.
    -- Its progress is its job's (jobs.id = job_id); what happened in the end is outcome.
    CREATE TABLE notifications (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      -- One message per request and channel ('send:<request>:email'), per reminder step
      -- ('reminder:<invoice>:<days>:sms') or per payment: a double click, a retry or a second
      -- scan finds the row already there.
      request_key TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL CHECK (type IN ('invoice_sent', 'reminder', 'overdue', 'payment_received')),
      channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      invoice_id TEXT REFERENCES invoices (id),
      payment_id TEXT REFERENCES payments (id),
      -- JSON array of addresses or +E.164 numbers.
      recipients TEXT NOT NULL,
      subject TEXT NOT NULL DEFAULT '',
      message TEXT NOT NULL,
      html TEXT,
      attach_pdf INTEGER NOT NULL DEFAULT 0,
      template TEXT,
      segments INTEGER,
      tone TEXT,
      -- Days from the due date, for reminders.
      reminder_offset INTEGER,
      scheduled_for TEXT NOT NULL,
      job_id TEXT,
      -- Set once: 'sent', 'unconfirmed' (Billbook stopped mid-hand-over) or 'skipped' (no longer applied).
      outcome TEXT CHECK (outcome IN ('sent', 'unconfirmed', 'skipped')),
      provider_message_id TEXT,
      error TEXT,
      -- Written just before the message is handed to the provider and cleared when the answer is
      -- recorded: still set at the next attempt means the hand-over may have happened.
      sending_started_at TEXT,
      sent_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notifications_by_invoice ON notifications (invoice_id, seq DESC);
    CREATE INDEX notifications_by_customer ON notifications (customer_id, seq DESC);
    CREATE INDEX notifications_by_job ON notifications (job_id);
    CREATE INDEX notifications_by_sent ON notifications (sent_at) WHERE sent_at IS NOT NULL;
  `,
};
