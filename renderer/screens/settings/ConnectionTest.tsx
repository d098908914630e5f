// "Send a test email / SMS": sends one short message with the SAVED settings and says what
// happened in a live region: the provider's message id, or where it failed and the server's words.
import { useState, type KeyboardEvent } from 'react';
import type { ConnectionTestResult } from '../../../shared/domain/sending';
import { Field, describe } from '../../components/Field';
import { errorMessage } from '../../lib/format';
import { sectionErrors } from './fieldErrors';
import { stageInWords, type TestChannel } from './testStages';

interface ConnectionTestProps {
  id: string;
  channel: TestChannel;
  title: string;
  intro: string;
  fieldLabel: string;
  fieldHint: string;
  inputType: 'email' | 'tel';
  /** What the box holds until the person types: the from address, say. */
  defaultTo: string;
  buttonLabel: string;
  /** Why the test cannot run now (unsaved changes), or null. */
  blocked: string | null;
  /** The saved settings the test would use; a result about other settings is not shown. */
  savedKey: string;
  run: (to: string) => Promise<ConnectionTestResult>;
  /** Ctrl+S here saves the section around the test. */
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
}

type Outcome = ({ kind: 'result'; result: ConnectionTestResult } | { kind: 'error'; message: string }) & { savedKey: string };

const WHAT: Record<TestChannel, string> = { email: 'email', sms: 'SMS' };

export function ConnectionTest(props: ConnectionTestProps) {
  const { id, channel, blocked } = props;
  const [typed, setTyped] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [last, setOutcome] = useState<Outcome | null>(null);
  // Once other settings are saved, the last result no longer says anything about them.
  const outcome = last?.savedKey === props.savedKey ? last : null;
  const [fieldError, setFieldError] = useState<string | undefined>();
  const to = typed ?? props.defaultTo;
  const fieldId = `${id}-to`;

  const start = async () => {
    if (testing || blocked) return;
    if (to.trim() === '') {
      setFieldError(channel === 'email' ? 'Enter the address to send the test to' : 'Enter the number to send the test to');
      return;
    }
    const { savedKey } = props;
    setTesting(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'result', result: await props.run(to.trim()), savedKey });
    } catch (e) {
      const own = sectionErrors(e, '').to;
      if (own) setFieldError(own);
      else setOutcome({ kind: 'error', message: errorMessage(e), savedKey });
    } finally {
      setTesting(false);
    }
  };

  return (
    <form
      className="connection-test"
      aria-labelledby={`${id}-title`}
      noValidate
      onKeyDown={props.onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h3 id={`${id}-title`}>{props.title}</h3>
      <p className="muted connection-test-intro">{props.intro}</p>
      <div className="connection-test-row">
        <Field id={fieldId} label={props.fieldLabel} hint={props.fieldHint} error={fieldError}>
          <input
            {...describe(fieldId, fieldError, 'hint')}
            type={props.inputType}
            autoComplete="off"
            spellCheck={false}
            value={to}
            onChange={(e) => {
              setTyped(e.target.value);
              setFieldError(undefined);
            }}
          />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={testing || blocked !== null} aria-describedby={blocked ? `${id}-blocked` : undefined}>
          {testing && <span className="spinner spinner-on-primary" aria-hidden="true" />}
          {testing ? 'Sending…' : props.buttonLabel}
        </button>
      </div>
      {blocked && <p id={`${id}-blocked`} className="connection-test-blocked">{blocked}</p>}
      <div className="connection-test-result" role="status" aria-live="polite" aria-atomic="true">
        {testing && <p className="muted">Sending a test {WHAT[channel]} with the saved settings…</p>}
        {outcome && <OutcomeNotice outcome={outcome} channel={channel} />}
      </div>
    </form>
  );
}

function OutcomeNotice({ outcome, channel }: { outcome: Outcome; channel: TestChannel }) {
  if (outcome.kind === 'error') {
    return (
      <div className="notice notice-error">
        <p className="notice-title">The test could not run</p>
        <p>{outcome.message}</p>
      </div>
    );
  }
  const r = outcome.result;
  if (r.ok) {
    return (
      <div className="notice notice-success">
        <p className="notice-title">Test {WHAT[channel]} sent</p>
        <p>{r.message}</p>
        {r.providerMessageId && (
          <p>
            {channel === 'email' ? 'Message ID' : "Provider's message ID"}: <code className="test-id">{r.providerMessageId}</code>
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="notice notice-error">
      <p className="notice-title">Test failed{r.stage ? ` at: ${stageInWords(r.stage, channel)}` : ''}</p>
      <p>{r.message}</p>
      {r.detail && (
        <p>
          The server said: <code className="test-detail">{r.detail}</code>
        </p>
      )}
    </div>
  );
}
