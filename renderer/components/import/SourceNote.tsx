// Which tool the file came from, as the header row says, so the person knows why columns were matched as they were.
import type { ImportSource } from '../../../shared/domain/imports';
import './import.css';

export function SourceNote({ source }: { source: ImportSource }) {
  return (
    <p className="import-source" role="note">
      {source.id === 'spreadsheet' ? (
        <>Columns matched by their names, as in a spreadsheet you made yourself.</>
      ) : (
        <>This is a <strong>{source.label}</strong> export: its columns are matched as {source.label} names them.</>
      )}{' '}
      Check the columns below and change any that are wrong.
    </p>
  );
}
