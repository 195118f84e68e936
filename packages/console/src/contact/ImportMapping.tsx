import type { ContactAttributeDto } from '@switchboard/protocol';
import type { ImportPreview } from './contact-api';

const FIELDS: [string, string][] = [
  ['name', 'Name'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['company', 'Company'],
  ['avatar', 'Picture address'],
  ['labels', 'Labels'],
];

/** Each column of the file, its first values, and what it becomes ("Do not import" leaves it out). */
export function ImportMapping(props: { preview: ImportPreview; defs: ContactAttributeDto[]; mapping: string[]; onChange: (m: string[]) => void }) {
  const { headers, sample } = props.preview;
  const targets = [...FIELDS, ...props.defs.map((d): [string, string] => [`attribute:${d.key}`, d.label]), ['skip', 'Do not import'] as [string, string]];
  return (
    <>
      <p class="muted small">
        {props.preview.import.total.toLocaleString()} rows in {props.preview.import.fileName}. Choose what each column becomes; labels are names of existing
        labels, separated by ; or ,.
      </p>
      <table class="table import-mapping">
        <caption>Columns</caption>
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">First values</th>
            <th scope="col">Import as</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((h, i) => (
            // Headers may repeat: the column's place is its identity.
            <tr key={`${i}-${h}`}>
              <th scope="row">{h}</th>
              <td class="muted small">
                {sample
                  .map((r) => r[i] ?? '')
                  .filter(Boolean)
                  .slice(0, 3)
                  .join(' · ')}
              </td>
              <td>
                <select
                  aria-label={`Import ${h} as`}
                  value={props.mapping[i] ?? 'skip'}
                  onChange={(e) => props.onChange(props.mapping.map((m, j) => (j === i ? e.currentTarget.value : m)))}
                >
                  {targets.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="import-sample">
        <table class="table">
          <caption>First rows</caption>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th key={`${i}-${h}`} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sample.map((r, i) => (
              <tr key={i}>
                {headers.map((h, j) => (
                  <td key={`${j}-${h}`}>{r[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
