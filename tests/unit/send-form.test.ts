import { describe, expect, it } from 'vitest';
import {
  channelsOf, commitEntries, defaultSendAt, fieldErrorsOf, fromLocalInput, readRecipient, recipientsText, scheduleProblem, toLocalInput,
} from '../../renderer/screens/sending/sendForm';

describe('the send dialog’s recipients', () => {
  it('adds typed and pasted entries, once each, and keeps what it cannot read typed with its problem', () => {
    const done = commitEntries('email', ['a@b.co'], 'A@B.co, c@d.co; nope\ne@f.co', 'KE');
    expect(done.values).toEqual(['a@b.co', 'c@d.co', 'e@f.co']);
    expect(done.text).toBe('nope');
    expect(done.problem).toBe('“nope” is not an email address');
  });

  it('reads a local number in the customer’s country and an international one anywhere', () => {
    expect(readRecipient('phone', '0722 123456', 'KE')).toEqual({ ok: true, value: '+254722123456' });
    expect(readRecipient('phone', '+1 415 555 0100', 'KE')).toEqual({ ok: true, value: '+14155550100' });
    expect(readRecipient('phone', '0712 345678', 'UG')).toEqual({ ok: true, value: '+256712345678' });
    const wrong = readRecipient('phone', '0722 999', 'KE');
    expect(wrong.ok).toBe(false);
    expect(commitEntries('phone', ['+254722123456'], '0722-123-456', 'KE')).toEqual({ values: ['+254722123456'], text: '', problem: null });
  });

  it('names recipients the way a notice reads', () => {
    expect(recipientsText(['a@b.co'])).toBe('a@b.co');
    expect(recipientsText(['a@b.co', '+254722123456'])).toBe('a@b.co and +254722123456');
    expect(recipientsText(['a', 'b', 'c'])).toBe('a, b and c');
    expect(recipientsText(['a', 'b', 'c', 'd'])).toBe('a, b and 2 more');
  });

  it('turns the channel choice into the contract’s channels', () => {
    expect(channelsOf('both')).toEqual(['email', 'sms']);
    expect(channelsOf('sms')).toEqual(['sms']);
  });
});

describe('the send dialog’s schedule', () => {
  const now = new Date(2026, 10, 21, 9, 7, 30).getTime();

  it('starts at the first quarter hour at least an hour ahead, in local time', () => {
    expect(defaultSendAt(now)).toBe('2026-11-21T10:15');
    expect(toLocalInput(fromLocalInput('2026-11-21T10:15')!)).toBe('2026-11-21T10:15');
  });

  it('refuses a time that is not in the future, or not a time', () => {
    expect(scheduleProblem('2026-11-21T09:00', now)).toBe('Choose a time in the future');
    expect(scheduleProblem('', now)).toBe('Choose the day and time to send it');
    expect(scheduleProblem('2026-11-21T09:30', now)).toBeNull();
  });
});

describe('the backend’s field errors', () => {
  it('go under the dialog’s fields by their first segment; the rest is said above', () => {
    expect(fieldErrorsOf({ 'emails.1': 'That is not an email address', phones: 'Add at least one phone number', finalizeVersion: 'Confirm finalizing' })).toEqual({
      byField: { emails: 'That is not an email address', phones: 'Add at least one phone number' },
      other: ['Confirm finalizing'],
    });
    expect(fieldErrorsOf(undefined)).toEqual({ byField: {}, other: [] });
  });
});
