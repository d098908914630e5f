import type { Migration } from '../migrate';
import { migration0001 } from './0001_customers';
import { migration0002 } from './0002_billing';
import { migration0003 } from './0003_jobs';
import { migration0004 } from './0004_reports';
import { migration0005 } from './0005_notifications';
import { migration0006 } from './0006_sync';
import { migration0007 } from './0007_items';
import { migration0008 } from './0008_everyday_billing';
import { migration0009 } from './0009_etims';
import { migration0010 } from './0010_payments';
import { migration0011 } from './0011_smaller_books';
import { migration0012 } from './0012_faster_analytics';
import { migration0013 } from './0013_invoices_by_customer_name';
import { migration0014 } from './0014_bounded_analytics';
import { migration0015 } from './0015_one_letter_search';
import { migration0016 } from './0016_leaner_indexes';
import { migration0017 } from './0017_covering_amounts';
import { migration0018 } from './0018_smaller_history_ids';
import { migration0019 } from './0019_payment_invoice_numbers';
import { migration0020 } from './0020_smaller_keys';
import { migration0021 } from './0021_phone_search_runs';
import { migration0022 } from './0022_history_times';
import { migration0023 } from './0023_tags_in_name_order';
import { migration0024 } from './0024_smaller_draft_versions';
import { migration0025 } from './0025_reversed_duplicates';
import { migration0026 } from './0026_invoices_by_customer_seq';
import { migration0027 } from './0027_payment_seqs';
import { migration0028 } from './0028_smaller_invoice_forms';
import { migration0029 } from './0029_smaller_history_lines';

/** Numbered, forward-only. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011,
  migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019,
  migration0020, migration0021, migration0022, migration0023, migration0024, migration0025, migration0026, migration0027,
  migration0028, migration0029,
];

/** The schema version this Billbook brings books to. */
export const NEWEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));
