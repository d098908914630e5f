import { invoke } from '../../../api';
import { downloadText } from '../../../lib/csv';
import type { CustomerFilters } from '../../../stores/customerQuery';
import { toQuery } from '../../../stores/customerQuery';

/** Asks the backend for the filtered list as CSV and hands it to the browser as a download. */
export async function exportCustomersCsv(filters: CustomerFilters): Promise<number> {
  const { fileName, csvText, rows } = await invoke('customers.export', toQuery(filters));
  downloadText(fileName, csvText, 'text/csv');
  return rows;
}
