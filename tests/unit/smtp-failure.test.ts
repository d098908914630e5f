// What a mail server that cannot be reached means: a name that does not exist is a typo to fix now,
// not a wait for a connection that will never come; no answer at all is worth waiting for.
import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../electron/core/send/email/failure';

describe('a mail server that cannot be reached', () => {
  it('calls a host name that does not exist a mistake to fix, and stops', () => {
    const typo = classifySmtpError(Object.assign(new Error('getaddrinfo ENOTFOUND smtp.gmial.com'), { code: 'EDNS' }), 'smtp.gmial.com', 587);
    expect(typo).toMatchObject({ stage: 'dns', failureClass: 'permanent' });
    expect(typo.message).toBe('There is no mail server called "smtp.gmial.com": check its spelling in Settings → Email, then use Send again on the message.');
  });

  it('waits when the name could not be looked up at all (no network)', () => {
    const offline = classifySmtpError(Object.assign(new Error('getaddrinfo EAI_AGAIN smtp.gmail.com'), { code: 'EDNS' }), 'smtp.gmail.com', 587);
    expect(offline).toMatchObject({ stage: 'dns', failureClass: 'offline' });
    expect(offline.message).toMatch(/will be sent when the connection is back/);
  });
});
