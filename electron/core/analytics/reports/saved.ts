// Saved report definitions: each save or removal is one transaction with its audit and outbox rows.
import { reportDefinitionSchema, type SavedReport } from '../../../../shared/domain/analytics';
import type { ChannelParsed } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { recordMutation } from '../../audit/record';
import type { CoreContext } from '../../context';
import { newId } from '../../ids';
import * as repo from './savedRepo';

function toSaved(row: repo.SavedReportRow): SavedReport {
  // A definition saved by an older Billbook may lack newer fields: parsing fills their defaults.
  const parsed = reportDefinitionSchema.safeParse(JSON.parse(row.definition));
  return {
    id: row.id, name: row.name,
    definition: parsed.success ? parsed.data : reportDefinitionSchema.parse({ rows: 'invoices' }),
    createdAt: row.created_at, updatedAt: row.updated_at, version: row.version,
  };
}

export function listSavedReports(ctx: CoreContext): SavedReport[] {
  return repo.listSaved(ctx.sql).map(toSaved);
}

export function saveReport(ctx: CoreContext, input: ChannelParsed<'reports.save'>): SavedReport {
  const id = ctx.sql.transaction(() => {
    const at = ctx.clock.now().toISOString();
    const clash = repo.findByName(ctx.sql, input.name, input.id);
    if (clash) throw new AppError('conflict', `A saved report is already called "${clash.name}". Choose another name.`, { name: 'Already used' });
    const definition = JSON.stringify(input.definition);
    if (input.id === undefined) {
      const id = newId(ctx.clock);
      repo.insertSaved(ctx.sql, { id, name: input.name, definition, created_at: at, updated_at: at, deleted_at: null, version: 1 });
      recordMutation(ctx, {
        entity: 'saved_report', entityId: id, mutation: 'reports.save', action: 'created', summary: `Saved the report "${input.name}"`,
        args: { id, name: input.name, definition: input.definition },
      });
      return id;
    }
    const row = repo.getSaved(ctx.sql, input.id);
    if (!row) throw new AppError('not_found', 'That saved report does not exist. It may have been removed on another device.');
    if (input.version === undefined) throw new AppError('invalid_input', 'Say which version of the report you edited.', { version: 'Required when changing a saved report' });
    if (input.version !== row.version) {
      throw new AppError('conflict', `"${row.name}" was changed since you opened it (perhaps in another window). Open it again, then make your change.`);
    }
    repo.updateSaved(ctx.sql, row.id, input.name, definition, at);
    recordMutation(ctx, {
      entity: 'saved_report', entityId: row.id, mutation: 'reports.save', action: 'updated',
      summary: row.name === input.name ? `Changed the report "${input.name}"` : `Changed the report "${row.name}", now "${input.name}"`,
      args: { id: row.id, name: input.name, definition: input.definition },
    });
    return row.id;
  });
  return toSaved(repo.getSaved(ctx.sql, id)!);
}

export function deleteSavedReport(ctx: CoreContext, id: string): { id: string } {
  ctx.sql.transaction(() => {
    const row = repo.getSaved(ctx.sql, id);
    if (!row) throw new AppError('not_found', 'That saved report does not exist. It may have been removed already.');
    const at = ctx.clock.now().toISOString();
    repo.tombstoneSaved(ctx.sql, id, at);
    recordMutation(ctx, {
      entity: 'saved_report', entityId: id, mutation: 'reports.delete', action: 'deleted', summary: `Removed the report "${row.name}"`, args: { id, at },
    });
  });
  return { id };
}
