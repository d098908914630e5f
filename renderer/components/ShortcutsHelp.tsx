import { useShortcuts } from '../stores/shortcuts';
import { Dialog } from './Dialog';

const SHORTCUTS: [keys: string, what: string][] = [
  ['/', 'Search (on the customer and invoice lists)'],
  ['N', 'New customer (on the customer list)'],
  ['N', 'New invoice (on the invoice list, and on a customer’s page for that customer)'],
  ['N', 'New quote (on the quote list)'],
  ['P', 'Record a payment (on a customer’s page)'],
  ['R', 'Refund credit (on a customer’s page)'],
  ['S', 'Statement of account (on a customer’s page)'],
  ['Ctrl+S / ⌘S', 'Save the customer form or the invoice draft'],
  ['Ctrl+Enter / ⌘Enter', 'Finalize the invoice draft (issue it, on a quote draft)'],
  ['Ctrl+Enter / ⌘Enter', 'Generate the draft (in “Describe the invoice” on New invoice)'],
  ['Ctrl+Enter / ⌘Enter', 'Create the drafts (in the sentence template on Bulk drafts)'],
  ['Ctrl+S / ⌘S', 'Save the Settings section you are in'],
  ['P', 'Record a payment (on an open invoice)'],
  ['E', 'Send the invoice by email or SMS (on an invoice)'],
  ['Ctrl+Shift+S / ⌘⇧S', 'Send the invoice (on an invoice or in the draft editor)'],
  ['Ctrl+Enter / ⌘Enter', 'Send (in the Send dialog)'],
  ['Esc', 'Cancel the form or close a dialog'],
  ['← →', 'Move between tabs on a customer page'],
  ['[ / ]', 'Previous / next period (Analytics)'],
  ['R', 'Run the report (on Reports)'],
  ['?', 'Show this help'],
];

/** The "?" overlay listing the keyboard shortcuts. */
export function ShortcutsHelp() {
  const open = useShortcuts((s) => s.helpOpen);
  const setOpen = useShortcuts((s) => s.setHelpOpen);
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} actions={<button type="button" className="btn" onClick={close}>Close</button>}>
      <table className="shortcuts">
        <thead>
          <tr><th scope="col">Key</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={`${keys} ${what}`}><td><kbd>{keys}</kbd></td><td>{what}</td></tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
