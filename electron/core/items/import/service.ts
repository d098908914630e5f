// Importing an item list: preview (what would import, what is left out and why), then commit,
// all rows in one transaction or none.
import type { ChannelParsed } from '../../../../shared/contract';
import type { ItemImportDuplicate, ItemImportPreview } from '../../../../shared/channels/items';
import type { ImportRejectedRow, ImportWarning } from '../../../../shared/domain/imports';
import type { ItemFields } from '../../../../shared/domain/item';
import { AppError } from '../../../../shared/errors';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import { taxRateLabel } from '../../../../shared/totals';
import type { CoreContext } from '../../context';
import { mapFile } from '../../imports/file';
import { fieldsOf } from '../mapping';
import { getItemRow, liveItemByCode, liveItemByName } from '../repo';
import { businessCurrency, insertItemInTransaction, itemsChanged, updateItemInTransaction } from '../service';
import { rowToItem } from './rows';
import { ITEM_FIELDS, ITEM_SOURCES, ITEM_SYNONYMS, type ItemField } from './sources';

interface PlannedItem {
  line: number;
  cells: Partial<Record<ItemField, string>>;
  fields: ItemFields;
  archived: boolean;
}

interface ItemPlan {
  preview: Omit<ItemImportPreview, 'fileName'>;
  fresh: PlannedItem[];
  duplicates: (PlannedItem & { existingId: string })[];
}

function planItems(ctx: CoreContext, csvText: string, requested: Record<string, string | null> | undefined): ItemPlan {
  const file = mapFile(csvText, requested, { fields: ITEM_FIELDS, synonyms: ITEM_SYNONYMS, profiles: ITEM_SOURCES });
  if (!file.mapping.name) {
    throw new AppError('invalid_input', 'Choose which column holds the item’s name: every item needs one.', { 'mapping.name': 'Required' });
  }
  const currency = businessCurrency(ctx);
  const rejected: ImportRejectedRow[] = file.csv.unreadable.map((u) => ({ line: u.line, name: '', reasons: [u.reason], cells: [] }));
  const warnings: ImportWarning[] = [];
  const fresh: PlannedItem[] = [];
  const duplicates: ItemPlan['duplicates'] = [];
  const previewDuplicates: ItemImportDuplicate[] = [];
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  for (const { line, cells } of file.records) {
    const check = rowToItem(cells, { name: '' }, currency, file.source.id !== 'spreadsheet');
    if (!check.fields) {
      rejected.push({ line, name: (cells.name ?? '').trim(), reasons: check.reasons, cells: [] });
      continue;
    }
    const fields = check.fields;
    const code = fields.code.toLowerCase();
    const name = fields.name.toLowerCase();
    const repeat = (code && seenCode.get(code)) || seenName.get(name);
    if (repeat) {
      rejected.push({ line, name: fields.name, reasons: [`Same ${code && seenCode.get(code) ? 'code' : 'name'} as line ${repeat} of this file`], cells: [] });
      continue;
    }
    if (code) seenCode.set(code, line);
    seenName.set(name, line);
    for (const w of check.warnings) warnings.push({ line, name: fields.name, field: w.field, value: w.value, message: w.message });
    const planned = { line, cells, fields, archived: check.archived };
    const byCode = fields.code ? liveItemByCode(ctx.sql, fields.code) : undefined;
    const existing = byCode ?? liveItemByName(ctx.sql, fields.name);
    if (existing) {
      duplicates.push({ ...planned, existingId: existing.id });
      previewDuplicates.push({ line, name: fields.name, matchedOn: byCode ? 'code' : 'name', existing: { id: existing.id, code: existing.code, name: existing.name } });
    } else fresh.push(planned);
  }
  rejected.sort((a, b) => a.line - b.line);
  const sample = [...fresh, ...duplicates]
    .sort((a, b) => a.line - b.line)
    .slice(0, 10)
    .map(({ line, fields }) => ({
      line, name: fields.name, code: fields.code, unit: fields.unit,
      price: fields.priceMinor === null ? '' : formatMoney(fields.priceMinor, fields.currency ?? currency), tax: taxRateLabel(fields.taxRateBp),
    }));
  return {
    fresh,
    duplicates,
    preview: {
      delimiter: file.csv.delimiter, headers: file.csv.headers, mapping: file.mapping, source: file.source,
      totalRows: fresh.length + duplicates.length + rejected.length, acceptedRows: fresh.length, rejected, warnings, heldBack: [],
      duplicates: previewDuplicates, sample,
    },
  };
}

export function previewItemImport(ctx: CoreContext, input: ChannelParsed<'items.import.preview'>): ItemImportPreview {
  return { fileName: input.fileName, ...planItems(ctx, input.csvText, input.mapping).preview };
}

export function commitItemImport(ctx: CoreContext, input: ChannelParsed<'items.import.commit'>) {
  const plan = planItems(ctx, input.csvText, input.mapping);
  const ids: string[] = [];
  let updated = 0;
  let skipped = 0;
  ctx.sql.transaction(() => {
    for (const row of plan.fresh) {
      const summary = `Item “${row.fields.name}” imported from ${input.fileName} line ${row.line}`;
      ids.push(insertItemInTransaction(ctx, row.fields, 'items.import', summary, row.archived));
    }
    for (const row of plan.duplicates) {
      if (input.duplicateActions[String(row.line)] !== 'update') {
        skipped++;
        continue;
      }
      const existing = getItemRow(ctx.sql, row.existingId);
      if (!existing) continue;
      // The file's filled cells over the stored item: an empty cell keeps what is there.
      const check = rowToItem(row.cells, fieldsOf(existing), existing.currency as CurrencyCode);
      if (!check.fields) continue;
      try {
        updateItemInTransaction(ctx, existing, check.fields, 'items.import');
      } catch (error) {
        if (error instanceof AppError) throw new AppError(error.code, `Line ${row.line}: ${error.message} Nothing was imported.`, error.fields);
        throw error;
      }
      ids.push(existing.id);
      updated++;
    }
  });
  itemsChanged(ctx, ids);
  return { created: plan.fresh.length, updated, skipped, rejected: plan.preview.rejected.length };
}
