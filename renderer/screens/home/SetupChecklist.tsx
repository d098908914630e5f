// The first steps, each ticked when done: the business, how customers pay, a customer, an invoice.
import { SETUP_STEPS, type HomeSummary, type SetupStep } from '../../../shared/domain/home';
import { paths } from '../../lib/router';

const STEPS: Record<SetupStep, { title: string; why: string; action: string; href: string; also?: { label: string; href: string } }> = {
  business: {
    title: 'Your business profile',
    why: 'Your name, KRA PIN and whether you charge VAT: printed at the top of every invoice.',
    action: 'Fill in the business profile',
    href: paths.settings('business'),
  },
  payment: {
    title: 'How customers pay you',
    why: 'Your M-Pesa Paybill or Till, or bank details: printed on every invoice and sent with every reminder.',
    action: 'Add payment instructions',
    href: paths.settings('payment'),
  },
  customer: {
    title: 'Your first customer',
    why: 'Name and phone are enough to start; add more when you have it.',
    action: 'Add a customer',
    href: paths.customerNew(),
    also: { label: 'or import a CSV', href: paths.customerImport() },
  },
  invoice: {
    title: 'Your first invoice',
    why: 'Type it as a sentence, like “10 bags of cement at 780 each and delivery 1,500”, then finalize it.',
    action: 'Make an invoice',
    href: paths.draftNew(),
  },
};

export function SetupChecklist({ setup }: { setup: HomeSummary['setup'] }) {
  const done = SETUP_STEPS.filter((s) => setup[s]).length;
  // The next step to take is the first one not done; it is the one a button stands out for.
  const next = SETUP_STEPS.find((s) => !setup[s]);
  return (
    <section className="home-card setup" aria-labelledby="setup-title">
      <div className="home-card-head">
        <h2 id="setup-title">Getting started</h2>
        <p className="muted setup-progress">{done} of {SETUP_STEPS.length} done</p>
      </div>
      <ol className="setup-steps">
        {SETUP_STEPS.map((step, i) => {
          const s = STEPS[step];
          const isDone = setup[step];
          return (
            <li key={step} className={`setup-step${isDone ? ' setup-step-done' : ''}${step === next ? ' setup-step-next' : ''}`}>
              <span className="setup-mark" aria-hidden="true">{isDone ? '✓' : i + 1}</span>
              <div className="setup-text">
                <h3 className="setup-title">
                  {s.title}
                  <span className="visually-hidden">{isDone ? ' (done)' : ' (to do)'}</span>
                </h3>
                <p className="muted">{s.why}</p>
              </div>
              <div className="setup-actions">
                {isDone ? (
                  <span className="badge badge-pay-good">Done</span>
                ) : (
                  <>
                    <a className={`btn${step === next ? ' btn-primary' : ''}`} href={s.href}>{s.action}</a>
                    {s.also && <a href={s.also.href}>{s.also.label}</a>}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
