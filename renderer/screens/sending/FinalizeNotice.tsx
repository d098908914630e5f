// Sending a draft finalizes it first: the number it will take, and that it cannot be edited after.
import { ErrorNotice } from '../../components/ErrorNotice';
import type { NextNumber } from './useNextNumber';

export function FinalizeNotice({ next }: { next: NextNumber }) {
  if (next.state === 'failed') {
    return <ErrorNotice title="The next invoice number could not be read" message={`${next.message} The draft cannot be sent until it can.`} />;
  }
  return (
    <div className="notice notice-warning send-finalize" role="note" aria-label="Finalizing">
      <p className="notice-title">This draft is finalized when it is sent</p>
      <p>
        {next.state === 'ready' ? (
          <>Sending finalizes this draft as <strong className="send-finalize-number">{next.number}</strong>.</>
        ) : (
          <>Finding the number this draft will take…</>
        )}{' '}
        A finalized invoice cannot be edited; to correct it later, you issue a credit note.
      </p>
    </div>
  );
}
