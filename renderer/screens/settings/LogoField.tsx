// The business logo: a PNG or JPEG read in the page as a data: URL, previewed, and removable.
// Files over 300 KB, or whose bytes are not a PNG or JPEG of at most 2000×2000 pixels, are refused
// here, saying why, before anything is sent.
import { useRef, useState } from 'react';
import { logoProblem, MAX_LOGO_PIXELS } from '../../../shared/images';

export const MAX_LOGO_BYTES = 300 * 1024;
const TYPES = ['image/png', 'image/jpeg'];
const ID = 'settings-business-logo';

const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

interface LogoFieldProps {
  value: string;
  onChange: (dataUrl: string) => void;
  /** The backend's complaint about the saved value, if any. */
  error?: string | undefined;
  businessName: string;
}

export function LogoField({ value, onChange, error, businessName }: LogoFieldProps) {
  const [problem, setProblem] = useState<string | undefined>();
  const [reading, setReading] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const shown = problem ?? error;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (!TYPES.includes(file.type)) {
      setProblem(`“${file.name}” is not a PNG or JPEG image. Choose a .png or .jpg file.`);
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setProblem(`“${file.name}” is ${kb(file.size)}; a logo can be at most ${kb(MAX_LOGO_BYTES)}. Save a smaller copy (about 600 pixels wide is plenty) and choose it again.`);
      return;
    }
    setReading(true);
    try {
      const dataUrl = await readAsDataUrl(file);
      // What the bytes are and how many pixels, said now; the backend checks the same on save.
      const wrong = logoProblem(dataUrl);
      if (wrong) {
        setProblem(`“${file.name}”: ${wrong}`);
        return;
      }
      onChange(dataUrl);
      setProblem(undefined);
    } catch (e) {
      setProblem(`“${file.name}” could not be read (${(e as Error).message}).`);
    } finally {
      setReading(false);
    }
  };

  return (
    <div className={`field logo-field${shown ? ' field-invalid' : ''}`} role="group" aria-labelledby={`${ID}-title`}>
      <p id={`${ID}-title`} className="logo-title">Logo</p>
      <div className="logo-row">
        <div className="logo-preview">
          {value ? <img src={value} alt={businessName ? `${businessName} logo` : 'Your logo'} /> : <span className="muted">No logo yet</span>}
        </div>
        <div className="logo-actions">
          <input
            ref={inputRef}
            id={ID}
            className="visually-hidden logo-input"
            type="file"
            accept="image/png,image/jpeg"
            aria-describedby={`${ID}-hint${shown ? ` ${ID}-error` : ''}`}
            aria-invalid={shown ? true : undefined}
            onChange={(e) => {
              const input = e.currentTarget;
              void choose(input.files?.[0]).finally(() => {
                // The same file chosen again is a change too.
                input.value = '';
              });
            }}
          />
          <label htmlFor={ID} className="btn">{reading ? 'Reading…' : value ? 'Replace logo…' : 'Choose logo…'}</label>
          {value && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                onChange('');
                setProblem(undefined);
                // The button goes away with the logo: focus stays in the field, on "Choose logo…".
                inputRef.current?.focus();
              }}
            >
              Remove logo
            </button>
          )}
        </div>
      </div>
      <p id={`${ID}-hint`} className="field-hint">PNG or JPEG, at most {kb(MAX_LOGO_BYTES)} and {MAX_LOGO_PIXELS}×{MAX_LOGO_PIXELS} pixels. Printed at the top of every invoice.</p>
      {shown && <p id={`${ID}-error`} className="field-error" role="alert">{shown}</p>}
    </div>
  );
}
