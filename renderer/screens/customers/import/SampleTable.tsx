import type { ImportPreview } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/domain/phone';

export function SampleTable({ sample }: { sample: ImportPreview['sample'] }) {
  if (sample.length === 0) return null;
  return (
    <section>
      <h3 id="import-sample">First rows, as Billbook reads them</h3>
      <table className="data-table" aria-labelledby="import-sample">
        <thead>
          <tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th></tr>
        </thead>
        <tbody>
          {sample.map((r) => (
            <tr key={r.line}>
              <td className="num">{r.line}</td>
              <td>{r.name}</td>
              <td>{r.email}</td>
              <td>{r.phone ? formatPhone(r.phone) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
