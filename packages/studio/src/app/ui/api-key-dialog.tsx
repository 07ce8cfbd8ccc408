import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';

/**
 * Asks for an API key when the API refuses for want of one (`CONDUCT_AUTH=api-key` or
 * `public`); in `dev` mode it never shows. The key stays in this browser tab unless the
 * person asks to remember it.
 */
export function ApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api.setKey(key.trim() === '' ? null : key.trim(), remember);
    setKey('');
    onClose();
  };
  return (
    <dialog ref={dialog} className="key-dialog" onClose={onClose} aria-labelledby="key-title">
      <form onSubmit={submit}>
        <h2 id="key-title">API key</h2>
        <p>
          This server needs an API key (<code>CONDUCT_API_KEYS</code>). It is sent as{' '}
          <code>Authorization: Bearer …</code> and kept in this tab.
        </p>
        <label>
          Key
          <input
            type="password"
            autoComplete="off"
            value={key}
            onChange={(event) => setKey(event.target.value)}
            aria-label="API key"
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={remember}
            onChange={(event) => setRemember(event.target.checked)}
          />
          Remember on this computer
        </label>
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {api.hasKey && (
            <button
              type="button"
              onClick={() => {
                api.setKey(null);
                onClose();
              }}
            >
              Forget key
            </button>
          )}
          <button type="submit" className="primary">
            Use key
          </button>
        </div>
      </form>
    </dialog>
  );
}
