// One card per outside provider: can jobs run, and if not why; the circuit breaker; the rate limit.
import { PROVIDER_LABELS, type ProviderStatus } from '../../../shared/domain/jobs';
import { clockText } from '../../lib/relativeTime';
import { paths } from '../../lib/router';

function BreakerText({ p, now }: { p: ProviderStatus; now: number }) {
  switch (p.breaker) {
    case 'closed':
      return <>Closed: calls go through{p.consecutiveFailures > 0 && ` (${p.consecutiveFailures} failed in a row)`}</>;
    case 'open':
      return (
        <>
          <strong>Open</strong> after {p.consecutiveFailures} failures in a row: no calls
          {p.openUntil ? ` until ${clockText(p.openUntil, now)}` : ' for now'}, then one test call
        </>
      );
    case 'half_open':
      return <>Half-open: one test call decides whether calls go through again</>;
  }
}

const SETTINGS_SECTION: Record<string, string> = { gemini: 'ai', smtp: 'email', sms: 'sms' };

export function ProviderCards({ providers, now }: { providers: ProviderStatus[]; now: number }) {
  return (
    <div className="provider-cards">
      {providers.map((p) => {
        const name = PROVIDER_LABELS[p.provider];
        const settingsFix = p.notReadyReason !== null && /settings/i.test(p.notReadyReason);
        return (
          <section key={p.provider} className={`provider-card${p.ready ? '' : ' provider-card-blocked'}`} aria-labelledby={`provider-${p.provider}`}>
            <div className="provider-head">
              <h2 id={`provider-${p.provider}`}>{name}</h2>
              <span className={`badge ${p.ready ? 'badge-pay-good' : 'badge-pay-warning'}`}>{p.ready ? 'Ready' : 'Not ready'}</span>
            </div>
            <p className="provider-reason">
              {p.ready ? `Jobs for ${name} run as soon as they are due.` : p.notReadyReason}
              {settingsFix && <> <a href={paths.settings(SETTINGS_SECTION[p.provider])}>Open Settings</a></>}
            </p>
            <dl className="provider-facts">
              <div><dt>Circuit breaker</dt><dd className={p.breaker === 'open' ? 'provider-open' : undefined}><BreakerText p={p} now={now} /></dd></div>
              <div><dt>Rate limit</dt><dd>{p.requestsPerMinute} requests per minute</dd></div>
            </dl>
          </section>
        );
      })}
    </div>
  );
}
