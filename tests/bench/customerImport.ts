// The bench's 100,000-customer import through the real channels: preview, then commit of the
// whole file. Shared by the customer bench and its memory child, so both import the same way.
import { performance } from 'node:perf_hooks';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { syntheticCustomersCsv } from './seed';

export type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/**
 * The text and the preview stay inside this function: in the app they belong to the window, which
 * sends them, so the backend's memory after the import is measured without copies of them.
 */
export async function importCustomers(call: Call, count: number) {
  const { csvText, samples } = syntheticCustomersCsv(count);
  let start = performance.now();
  const preview = await call('customers.import.preview', { csvText, fileName: 'bench.csv' });
  const previewMs = performance.now() - start;
  start = performance.now();
  const result = await call('customers.import.commit', { csvText, fileName: 'bench.csv', mapping: preview.mapping, duplicateActions: {} });
  return { samples, previewMs, commitMs: performance.now() - start, created: result.created };
}
