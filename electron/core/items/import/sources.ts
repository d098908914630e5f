// Item and product lists as each tool exports them, and the fields of Billbook's catalog they feed.
import type { SourceProfile } from '../../imports/sources';

export const ITEM_FIELDS = ['name', 'code', 'unit', 'price', 'taxRate', 'currency', 'status'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export const ITEM_FIELD_LABELS: Record<ItemField, string> = {
  name: 'Name', code: 'Code (SKU)', unit: 'Unit', price: 'Price', taxRate: 'VAT rate', currency: 'Currency', status: 'Status',
};

export const ITEM_SOURCES: readonly SourceProfile<ItemField>[] = [
  {
    // Zoho Invoice / Books: Items → Export.
    source: 'zoho',
    signature: ['Item Name', 'Rate', 'Usage unit'],
    columns: { name: ['Item Name'], code: ['SKU'], unit: ['Usage unit'], price: ['Rate'], taxRate: ['Tax Percentage'], status: ['Status'] },
  },
  {
    // QuickBooks Online: Products and Services → Export.
    source: 'quickbooksOnline',
    signature: ['Product/Service Name', 'Sales Price / Rate'],
    columns: { name: ['Product/Service Name'], code: ['SKU'], price: ['Sales Price / Rate'], taxRate: ['Taxable'] },
  },
  {
    // QuickBooks Desktop: Item List → Excel → Export.
    source: 'quickbooksDesktop',
    signature: ['Item', 'Sales Tax Code', 'Price'],
    columns: { name: ['Item'], price: ['Price'], taxRate: ['Sales Tax Code'], unit: ['U/M'], status: ['Active Status'] },
  },
  {
    // Xero: Products and services → Export.
    source: 'xero',
    signature: ['ItemCode', 'SalesUnitPrice'],
    columns: { code: ['ItemCode'], name: ['ItemName'], price: ['SalesUnitPrice'], taxRate: ['SalesTaxRate'] },
  },
  {
    // FreshBooks: Items → Export.
    source: 'freshbooks',
    signature: ['Item Name', 'Rate', 'Tax 1 Percentage'],
    columns: { name: ['Item Name'], code: ['SKU'], price: ['Rate'], taxRate: ['Tax 1 Percentage'] },
  },
  {
    // Invoice Ninja: Export → Products. "Cost" is what the product is sold for there.
    source: 'invoiceNinja',
    signature: ['Product', 'Notes', 'Cost'],
    columns: { name: ['Product'], price: ['Cost', 'Price'], taxRate: ['Tax Rate 1', 'Tax Rate'] },
  },
];

export const ITEM_SYNONYMS: Record<ItemField, readonly string[]> = {
  name: ['name', 'itemname', 'item', 'product', 'productname', 'productservice', 'productservicename', 'service', 'servicename'],
  code: ['code', 'sku', 'itemcode', 'productcode', 'partnumber', 'ref'],
  unit: ['unit', 'units', 'uom', 'um', 'usageunit', 'unitofmeasure'],
  price: ['price', 'rate', 'unitprice', 'salesprice', 'salespricerate', 'sellingprice', 'priceexvat', 'amount'],
  taxRate: ['vat', 'vatrate', 'taxrate', 'tax', 'taxpercentage', 'salestaxrate', 'taxable'],
  currency: ['currency', 'currencycode'],
  status: ['status', 'activestatus', 'active'],
};
