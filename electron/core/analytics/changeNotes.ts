// SQL pieces for the temporary triggers that note, on one connection, what a write changed (the
// dashboard's kept days, the intelligence's kept customers). Nothing here writes to the books.

/** Finalized, not deleted: an invoice that counts (as the partial indexes' WHERE). */
export const countsAsFinal = (row: 'OLD' | 'NEW') => `(${row}.status IN ('open', 'partially_paid', 'paid') AND ${row}.deleted_at IS NULL)`;

/** Moves the `from_day` of every row of `table` back to `day` (an empty string, before every date, when a date is missing). */
export const noteEarliestDay = (table: string, day: string) =>
  `UPDATE ${table} SET from_day = CASE WHEN from_day IS NULL OR ${day} < from_day THEN ${day} ELSE from_day END;`;

/** The earlier of a column's old and new values in an UPDATE trigger ('' when either is missing). */
export const earlierOfOldAndNew = (column: string) => `min(coalesce(OLD.${column}, ''), coalesce(NEW.${column}, ''))`;
