import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { exportCustomers } from './export';
import { commitImport, previewImport } from './import/service';
import * as customers from './service';
import { lookalikes } from './lookalikes';

/** The customer channels: each takes its input already parsed by the contract's schema. */
export function customerHandlers(ctx: CoreContext) {
  return {
    'customers.list': (input) => customers.listCustomers(ctx, input),
    'customers.get': (input) => customers.getCustomer(ctx, input.id),
    'customers.create': (input) => customers.createCustomer(ctx, input),
    'customers.update': (input) => customers.updateCustomer(ctx, input),
    'customers.archive': (input) => customers.archiveCustomer(ctx, input.id),
    'customers.restore': (input) => customers.restoreCustomer(ctx, input.id),
    'customers.stats': () => customers.customerStats(ctx),
    'customers.tags': () => customers.customerTags(ctx),
    'customers.activity': (input) => customers.customerActivity(ctx, input.id, input.limit),
    'customers.import.preview': (input) => previewImport(ctx, input),
    'customers.import.commit': (input) => commitImport(ctx, input),
    'customers.export': (input) => exportCustomers(ctx, input),
    'customers.lookalikes': (input) => lookalikes(ctx, input),
  } satisfies Partial<HandlerMap>;
}
