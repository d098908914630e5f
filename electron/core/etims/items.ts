// Catalog items as KRA knows them: each item's classification and units (set by a person, synced
// like the rest of the item), the item code KRA knows it by (given by the computer that transmits,
// the first time the item is sold, and synced), and its registration at KRA (saveItem) before an
// invoice names it. Lines typed freely are sold as one general item per tax band.
import { itemEtimsSchema, taxBandOf, type ItemEtims, type ItemEtimsView, type TaxBand } from '../../../shared/domain/etims';
import { AppError } from '../../../shared/errors';
import type { TaxRateBp } from '../../../shared/totals';
import { recordMutation } from '../audit/record';
import type { CoreContext } from '../context';
import { identityOf } from '../sync/identity';
import { itemsChanged } from '../items/service';
import type { OscuClient } from './client';
import { itemRefusal } from './errors';
import type { SaleItemRef } from './payload';
import * as repo from './repo';

/** What an item without its own eTIMS details is sent as: a service, in KRA's "non-exterior packaging" and pieces. */
export const ITEM_DEFAULTS = { itemType: '3', packagingUnit: 'OU', quantityUnit: 'U', originCountry: 'KE' } as const;

export function itemEtimsView(ctx: CoreContext, id: string): ItemEtimsView {
  const row = repo.itemEtimsRow(ctx.sql, id);
  if (!row) throw new AppError('not_found', 'That item does not exist. It may have been removed on another device.');
  const klass = row.etims_class_code ? repo.itemClass(ctx.sql, row.etims_class_code) : undefined;
  return {
    classCode: row.etims_class_code,
    itemType: row.etims_item_type as ItemEtims['itemType'],
    packagingUnit: row.etims_packaging_unit,
    quantityUnit: row.etims_quantity_unit,
    originCountry: row.etims_origin_country,
    itemCode: row.etims_item_code,
    classLabel: klass ? `${klass.code} ${klass.name}` : '',
  };
}

/** A person sets an item's KRA classification and units. */
export function setItemEtims(ctx: CoreContext, id: string, version: number, input: ItemEtims): ItemEtimsView {
  const fields = itemEtimsSchema.parse(input);
  ctx.sql.transaction(() => {
    const row = repo.itemEtimsRow(ctx.sql, id);
    if (!row) throw new AppError('not_found', 'That item does not exist. It may have been removed on another device.');
    if (row.version !== version) throw new AppError('conflict', `“${row.name}” was changed elsewhere since you opened it. Reload to see the newest details, then make your change again.`);
    const same = row.etims_class_code === fields.classCode && row.etims_item_type === fields.itemType && row.etims_packaging_unit === fields.packagingUnit &&
      row.etims_quantity_unit === fields.quantityUnit && row.etims_origin_country === fields.originCountry;
    if (same) return;
    ctx.sql
      .prepare(
        `UPDATE items SET etims_class_code = ?, etims_item_type = ?, etims_packaging_unit = ?, etims_quantity_unit = ?, etims_origin_country = ?,
           updated_at = ?, version = version + 1 WHERE id = ?`,
      )
      .run(fields.classCode, fields.itemType, fields.packagingUnit, fields.quantityUnit, fields.originCountry, ctx.clock.now().toISOString(), id);
    recordMutation(ctx, {
      entity: 'item', entityId: id, mutation: 'items.update', action: 'updated', summary: `Changed the eTIMS details${fields.classCode ? ` (classification ${fields.classCode})` : ''}`,
      args: { id, etims: fields },
    });
  });
  itemsChanged(ctx, [id]);
  return itemEtimsView(ctx, id);
}

/** KRA's item code: country, type, packaging, quantity unit and a 7-digit serial (KE2NTU0000007), as Odoo makes them. */
function itemCodeOf(origin: string, type: string, packaging: string, quantity: string, serial: number): string {
  return `${origin}${type}${packaging}${quantity}${String(serial).padStart(7, '0')}`.slice(0, 20);
}

/** The serial of a band's general item: far above any catalog item's, the same on every computer. */
const GENERAL_SERIAL: Record<TaxBand, number> = { A: 9_999_901, B: 9_999_902, C: 9_999_903, D: 9_999_904, E: 9_999_905 };

export interface ItemNeed {
  ref: SaleItemRef;
  /** For saveItem. */
  name: string;
  itemType: string;
  originCountry: string;
  band: TaxBand;
  priceMinor: number;
  /** The catalog item, when it is one. */
  itemId: string | null;
}

/**
 * The KRA item each line is sold as: its catalog item's (given a code now if it has none, in the
 * caller's transaction), else the general item of its band. Null classification when none is set.
 */
export function itemFor(ctx: CoreContext, line: { itemId: string | null; description: string; taxRateBp: TaxRateBp }, defaultClass: string): ItemNeed {
  const band = taxBandOf(line.taxRateBp) ?? 'B';
  const row = line.itemId ? repo.itemEtimsRow(ctx.sql, line.itemId) : undefined;
  if (!row) {
    const ref = { itemCode: itemCodeOf('KE', ITEM_DEFAULTS.itemType, ITEM_DEFAULTS.packagingUnit, ITEM_DEFAULTS.quantityUnit, GENERAL_SERIAL[band]), classCode: defaultClass, packagingUnit: ITEM_DEFAULTS.packagingUnit, quantityUnit: ITEM_DEFAULTS.quantityUnit };
    return { ref, name: `Goods and services (${band})`, itemType: ITEM_DEFAULTS.itemType, originCountry: 'KE', band, priceMinor: 0, itemId: null };
  }
  const type = row.etims_item_type || ITEM_DEFAULTS.itemType;
  const packaging = row.etims_packaging_unit || ITEM_DEFAULTS.packagingUnit;
  const quantity = row.etims_quantity_unit || ITEM_DEFAULTS.quantityUnit;
  const origin = row.etims_origin_country || ITEM_DEFAULTS.originCountry;
  let code = row.etims_item_code;
  if (!code) {
    code = itemCodeOf(origin, type, packaging, quantity, repo.highestItemSerial(ctx.sql) + 1);
    ctx.sql.prepare("UPDATE items SET etims_item_code = ?, updated_at = ?, version = version + 1 WHERE id = ? AND etims_item_code = ''").run(code, ctx.clock.now().toISOString(), row.id);
    recordMutation(ctx, { entity: 'item', entityId: row.id, mutation: 'etims.item', action: 'updated', summary: `Known to KRA eTIMS as ${code}`, args: { id: row.id, itemCode: code } });
  }
  const itemBand = taxBandOf(row.tax_rate_bp) ?? band;
  return {
    ref: { itemCode: code, classCode: row.etims_class_code || defaultClass, packagingUnit: packaging, quantityUnit: quantity },
    name: row.name, itemType: type, originCountry: origin, band: itemBand, priceMinor: row.price_minor ?? 0, itemId: row.id,
  };
}

function saveItemBody(need: ItemNeed, user: { id: string; name: string }): Record<string, unknown> {
  return {
    itemCd: need.ref.itemCode,
    itemClsCd: need.ref.classCode,
    itemTyCd: need.itemType,
    itemNm: need.name.slice(0, 200),
    itemStdNm: null,
    orgnNatCd: need.originCountry,
    pkgUnitCd: need.ref.packagingUnit,
    qtyUnitCd: need.ref.quantityUnit,
    taxTyCd: need.band,
    btchNo: null,
    bcd: null,
    dftPrc: need.priceMinor / 100,
    grpPrcL1: null, grpPrcL2: null, grpPrcL3: null, grpPrcL4: null, grpPrcL5: null,
    addInfo: null,
    sftyQty: null,
    isrcAplcbYn: 'N',
    useYn: 'Y',
    regrId: user.id.slice(0, 20), regrNm: user.name.slice(0, 60), modrId: user.id.slice(0, 20), modrNm: user.name.slice(0, 60),
  };
}

export function kraUser(ctx: CoreContext): { id: string; name: string } {
  const actor = identityOf(ctx.sql).actor;
  return { id: (actor || 'billbook').replace(/\s+/g, '').slice(0, 20) || 'billbook', name: actor || 'Billbook' };
}

/** Registers (or updates) at KRA every item the document names whose details changed since they were last sent. */
export async function registerItems(ctx: CoreContext, client: OscuClient, needs: readonly ItemNeed[], signal: AbortSignal): Promise<void> {
  const user = kraUser(ctx);
  const seen = new Set<string>();
  for (const need of needs) {
    if (seen.has(need.ref.itemCode)) continue;
    seen.add(need.ref.itemCode);
    const body = saveItemBody(need, user);
    const { regrId: _r, regrNm: _rn, modrId: _m, modrNm: _mn, ...content } = body;
    const fingerprint = JSON.stringify(content);
    if (repo.registeredFingerprint(ctx.sql, need.ref.itemCode) === fingerprint) continue;
    const answer = await client.saveItem(body, signal);
    if (!answer.ok) throw itemRefusal(answer.code, answer.message, need.name);
    ctx.sql.transaction(() => repo.markRegistered(ctx.sql, need.ref.itemCode, fingerprint, ctx.clock.now().toISOString()));
  }
}
