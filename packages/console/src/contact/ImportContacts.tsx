/**
 * "Import contacts": upload a CSV file, see its columns with what each
 * becomes (a suggestion to change) and its first rows, check every row (the
 * refused ones listed with their row, column and reason, before anything is
 * written), then import the valid rows or cancel. The import runs on the
 * server; its progress comes live ("Import progress", rows done of total).
 */
import type { ContactImportDto } from '@switchboard/protocol';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { FormAlert } from '../ui/Field';
import { contactApi, type ImportPreview, type ImportReport } from './contact-api';
import { rememberImport, useAttributes, useImportState } from './contact-live';
import { ImportMapping } from './ImportMapping';
import { ImportProblems } from './ImportProblems';

type Step =
  | { kind: 'file' }
  | { kind: 'map'; preview: ImportPreview }
  | { kind: 'report'; preview: ImportPreview; report: ImportReport }
  | { kind: 'run'; id: string };

export function ImportContacts({ onImported }: { onImported: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [mapping, setMapping] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const defs = useAttributes() ?? [];
  const runId = step.kind === 'run' ? step.id : null;
  const live = useImportState(runId);

  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  // Frames bring the progress; a slow poll covers a connection that is down.
  useEffect(() => {
    if (!runId || (live && !['queued', 'running'].includes(live.status))) return;
    const t = setInterval(() => void contactApi.getImport(runId).then(rememberImport, () => {}), 3000);
    return () => clearInterval(t);
  }, [runId, live?.status]);
  useEffect(() => {
    if (live?.status === 'done') onImported();
  }, [live?.status]);

  const act = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const upload = (file: File) =>
    act(async () => {
      const preview = await contactApi.upload(file);
      setMapping(preview.suggested);
      setStep({ kind: 'map', preview });
    });
  const check = (preview: ImportPreview) =>
    act(async () => {
      const r = await contactApi.checkImport(preview.import.id, mapping);
      setStep({ kind: 'report', preview, report: r.report });
    });
  const start = (importId: string) =>
    act(async () => {
      rememberImport(await contactApi.startImport(importId));
      setStep({ kind: 'run', id: importId });
    });
  const cancel = (importId: string | null) =>
    act(async () => {
      if (importId) rememberImport(await contactApi.cancelImport(importId));
      close();
    });
  const close = () => {
    setOpen(false);
    setStep({ kind: 'file' });
    setError(null);
  };

  return (
    <>
      <button type="button" class="btn btn-sm" onClick={() => setOpen(true)}>
        Import contacts
      </button>
      <dialog ref={ref} class="dialog dialog-wide" aria-labelledby={`${id}-title`} onClose={close}>
        <div class="dialog-head">
          <h2 id={`${id}-title`}>Import contacts</h2>
          <button class="btn btn-ghost btn-sm" type="button" onClick={close}>
            Close
          </button>
        </div>
        <FormAlert message={error} />
        {step.kind === 'file' && (
          <div>
            <p class="muted small">
              A CSV file in UTF-8, up to 50 MB and 200,000 rows; the first row names the columns. A row whose email is a contact’s updates that contact; the
              others become new contacts. Nothing is written until you have seen the check.
            </p>
            <label class="field">
              <span>CSV file</span>
              <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => e.currentTarget.files?.[0] && void upload(e.currentTarget.files[0])} />
            </label>
            {busy && <p class="muted">Reading the file…</p>}
          </div>
        )}
        {step.kind === 'map' && (
          <div>
            <ImportMapping preview={step.preview} defs={defs} mapping={mapping} onChange={setMapping} />
            <div class="form-actions">
              <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={() => void check(step.preview)}>
                {busy ? 'Checking every row…' : 'Check rows'}
              </button>
              <button type="button" class="btn btn-ghost btn-sm" disabled={busy} onClick={() => void cancel(step.preview.import.id)}>
                Cancel import
              </button>
            </div>
          </div>
        )}
        {step.kind === 'report' && (
          <div>
            <p role="status">
              {step.report.valid.toLocaleString()} of {step.report.rows.toLocaleString()} rows can be imported: {step.report.creates.toLocaleString()} new
              contacts, {step.report.updates.toLocaleString()} updated, {step.report.unchanged.toLocaleString()} unchanged.
              {step.report.refused > 0 &&
                ` ${step.report.refused.toLocaleString()} ${step.report.refused === 1 ? 'row is' : 'rows are'} refused and will not be imported:`}
            </p>
            <ImportProblems problems={step.report.problems} refused={step.report.refused} />
            <div class="form-actions">
              <button
                type="button"
                class="btn btn-primary btn-sm"
                disabled={busy || step.report.valid === 0}
                onClick={() => void start(step.preview.import.id)}
              >
                Import {step.report.valid.toLocaleString()} valid rows
              </button>
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => setStep({ kind: 'map', preview: step.preview })}>
                Change the columns
              </button>
              <button type="button" class="btn btn-ghost btn-sm" disabled={busy} onClick={() => void cancel(step.preview.import.id)}>
                Cancel import
              </button>
            </div>
          </div>
        )}
        {step.kind === 'run' && live && (
          <ImportRun state={live} busy={busy} onRetry={() => void start(live.id)} onCancel={() => void cancel(live.id)} onClose={close} />
        )}
      </dialog>
    </>
  );
}

function ImportRun(props: { state: ContactImportDto; busy: boolean; onRetry: () => void; onCancel: () => void; onClose: () => void }) {
  const s = props.state;
  const n = (x: number) => x.toLocaleString();
  const rows = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;
  return (
    <div>
      <progress class="import-progress" aria-label="Import progress" max={s.total} value={s.done} />
      <p role="status">
        {s.status === 'done'
          ? `Imported: ${n(s.created)} new ${s.created === 1 ? 'contact' : 'contacts'}, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged; ${rows(s.refused)} refused.`
          : s.status === 'failed'
            ? `${n(s.done)} of ${rows(s.total)}: the import stopped. ${s.error ?? ''}`
            : s.status === 'cancelled'
              ? 'The import was cancelled: nothing of it was imported.'
              : `${n(s.done)} of ${rows(s.total)}${s.status === 'queued' ? ' (starting…)' : ''}. The contacts show once every row is in.`}
      </p>
      {s.status === 'done' && s.problems.length > 0 && <ImportProblems problems={s.problems} refused={s.refused} />}
      <div class="form-actions">
        {s.status === 'failed' && (
          <button type="button" class="btn btn-primary btn-sm" disabled={props.busy} onClick={props.onRetry}>
            Retry import
          </button>
        )}
        {(s.status === 'queued' || s.status === 'running' || s.status === 'failed') && (
          <button type="button" class="btn btn-ghost btn-sm" disabled={props.busy} onClick={props.onCancel}>
            Cancel import
          </button>
        )}
        {(s.status === 'done' || s.status === 'cancelled') && (
          <button type="button" class="btn btn-sm" onClick={props.onClose}>
            Done
          </button>
        )}
      </div>
    </div>
  );
}
