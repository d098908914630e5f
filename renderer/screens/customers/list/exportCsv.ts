import { invoke } from '../../../api';
import type { CustomerFilters } from '../../../stores/customerQuery';
import { toQuery } from '../../../stores/customerQuery';

/** Asks the backend for the filtered list as CSV and hands it to the browser as a download. */
export async function exportCustomersCsv(filters: CustomerFilters): Promise<number> {
  const { fileName, csvText, rows } = await invoke('customers.export', toQuery(filters));
  const url = URL.createObjectURL(new Blob([csvText], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return rows;
}
