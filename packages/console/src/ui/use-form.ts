import { useEffect, useRef, useState } from 'preact/hooks';
import { type FormErrors, formErrors, noErrors } from './form-errors';

/**
 * A form that sends something and shows what was refused: `run(task)` clears
 * the errors, runs the task, and sorts a failure into field and form
 * messages; the first invalid field then gets the focus.
 */
export function useForm(fieldOf: (path: string) => string | null) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors.fields).length) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  async function run(task: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setErrors(noErrors);
    try {
      await task();
      return true;
    } catch (err) {
      setErrors(formErrors(err, fieldOf));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { errors, busy, ref, run };
}
