import type { Sql } from '../db/sql';

export function listEntityActivity(sql: Sql, entity: string, entityId: string, limit: number) {
  return sql.all(
    sql.qb
      .selectFrom('audit_log')
      .select(['id', 'at', 'action', 'summary'])
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id', 'desc')
      .limit(limit),
  );
}
