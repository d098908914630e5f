// A CSV read and mapped for one kind of record: which tool it came from, which column feeds which
// field (proposed, or as the person chose), and each record's cells by field.
import type { ImportSource } from '../../../shared/domain/imports';
import { readCsv, type CsvFile } from '../customers/import/csv';
import { cellsOf, cleanMapping, proposeMapping, recognizeSource, sourceOf, type SourceProfile } from './sources';

export interface MappedRecord<F extends string> {
  line: number;
  cells: Partial<Record<F, string>>;
}

export interface MappedFile<F extends string> {
  csv: CsvFile;
  mapping: Record<F, string | null>;
  source: ImportSource;
  records: MappedRecord<F>[];
}

export function mapFile<F extends string>(
  csvText: string,
  requested: Record<string, string | null> | undefined,
  kind: { fields: readonly F[]; synonyms: Record<F, readonly string[]>; profiles: readonly SourceProfile<F>[] },
): MappedFile<F> {
  const csv = readCsv(csvText);
  const profile = recognizeSource(csv.headers, kind.profiles);
  const mapping = requested ? cleanMapping(kind.fields, requested, csv.headers) : proposeMapping(csv.headers, kind.fields, kind.synonyms, profile);
  const records = csv.records.map((r) => ({ line: r.line, cells: cellsOf(csv.headers, mapping, r.cells) }));
  return { csv, mapping, source: sourceOf(profile), records };
}
