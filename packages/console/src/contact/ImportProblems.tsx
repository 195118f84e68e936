import type { ImportProblem } from '@switchboard/protocol';

/** The refused rows of an import: row number (as in a spreadsheet), column, and why. */
export function ImportProblems({ problems, refused }: { problems: ImportProblem[]; refused: number }) {
  if (problems.length === 0) return null;
  return (
    <div class="import-problems">
      <table class="table">
        <caption>Refused rows</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            // A row can have several problems: the index tells them apart.
            <tr key={`${p.row}-${i}`}>
              <td>{p.row}</td>
              <td>{p.column ?? '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {refused > problems.length && <p class="muted small">The first {problems.length.toLocaleString()} problems are listed.</p>}
    </div>
  );
}
