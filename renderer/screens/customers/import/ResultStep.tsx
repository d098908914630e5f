import type { ImportResult } from '../../../../shared/contract';
import { CountList } from './CountList';
import { navigate, paths } from '../../../lib/router';

export function ResultStep({ result, onAnother }: { result: ImportResult; onAnother: () => void }) {
  const counts: [string, number][] = [
    ['Created', result.created],
    ['Updated', result.updated],
    ['Skipped', result.skipped],
    ['Rejected', result.rejected],
    ...(result.openingBalances > 0 ? ([['Opening balances recorded', result.openingBalances]] as [string, number][]) : []),
  ];
  return (
    <section className="panel">
      <h2 id="import-finished">Import finished</h2>
      <CountList label="Import result" counts={counts} />
      {result.rejected > 0 && <p>Rejected rows were left out. Fix them in the file and import it again; duplicates will be offered as updates.</p>}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => navigate(paths.customers())}>View customers</button>
        <button type="button" className="btn" onClick={onAnother}>Import another file</button>
      </div>
    </section>
  );
}
