// Email, SMS or both: a channel that cannot send yet is disabled, with the reason and the way to Settings.
import { useId } from 'react';
import type { SendChannel } from '../../../shared/domain/sending';
import { SEND_CHANNEL_LABELS } from '../../../shared/domain/sending';
import { paths } from '../../lib/router';
import { CHANNEL_CHOICES, channelsOf, type ChannelChoice } from './sendForm';

interface ChannelPickerProps {
  value: ChannelChoice | null;
  onChange: (choice: ChannelChoice) => void;
  blockers: Partial<Record<SendChannel, string>>;
  error?: string | undefined;
}

export function ChannelPicker({ value, onChange, blockers, error }: ChannelPickerProps) {
  const name = useId();
  const errorId = `${name}-error`;
  const blocked = (Object.entries(blockers) as [SendChannel, string][]).filter(([, reason]) => reason);
  return (
    <fieldset className="send-channels" aria-describedby={error ? errorId : undefined}>
      <legend>Send by</legend>
      <div className="segmented">
        {CHANNEL_CHOICES.map((c) => {
          const disabled = channelsOf(c.value).some((ch) => blockers[ch]);
          return (
            <label key={c.value} className={`segment${value === c.value ? ' segment-chosen' : ''}${disabled ? ' segment-disabled' : ''}`}>
              <input
                type="radio"
                name={name}
                value={c.value}
                checked={value === c.value}
                disabled={disabled}
                onChange={() => onChange(c.value)}
              />
              {c.label}
            </label>
          );
        })}
      </div>
      {blocked.map(([channel, reason]) => (
        <p key={channel} className="send-blocker">
          <span className="send-blocker-channel">{SEND_CHANNEL_LABELS[channel]} can’t be chosen.</span> {reason}{' '}
          <a href={paths.settings(channel === 'email' ? 'email' : 'sms')}>Open {channel === 'email' ? 'email' : 'SMS'} settings</a>
        </p>
      ))}
      {error && <p id={errorId} className="field-error">{error}</p>}
    </fieldset>
  );
}
