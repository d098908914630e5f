// "KRA eTIMS": the device KRA approved for the branch, sandbox or production, Initialise (the key goes
// to the secret store), which computer transmits, the code lists, and what stops transmitting now.
import { useState } from 'react';
import { invoke } from '../../api';
import { ETIMS_ENVIRONMENTS, type EtimsSettings, type EtimsSetupView } from '../../../shared/domain/etims';
import type { SettingsView } from '../../../shared/domain/settings';
import { Field, describe } from '../../components/Field';
import { errorMessage, formatDateTime, plural } from '../../lib/format';
import { paths } from '../../lib/router';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { HEADINGS } from './headings';
import { SectionActions } from './SectionActions';
import { SectionForm } from './SectionForm';
import { TextField } from './TextField';
import { useSettingsSection } from './useSettingsSection';

type EtimsForm = Pick<EtimsSettings, 'deviceSerial' | 'branchId' | 'environment' | 'defaultClassCode'>;

const formOf = (e: EtimsSettings): EtimsForm => ({ deviceSerial: e.deviceSerial, branchId: e.branchId, environment: e.environment, defaultClassCode: e.defaultClassCode });

const ENVIRONMENT_LABELS: Record<(typeof ETIMS_ENVIRONMENTS)[number], string> = { sandbox: 'Sandbox (KRA’s test service)', production: 'Production (real invoices)' };

function Status({ setup }: { setup: EtimsSetupView }) {
  return (
    <dl className="etims-setup-facts" aria-label="eTIMS on this computer">
      <div><dt>KRA PIN</dt><dd>{setup.pin || 'Not set (Business profile)'}</dd></div>
      <div><dt>Transmits for the branch</dt><dd>{setup.settings.transmitter.deviceId ? (setup.thisComputerTransmits ? `This computer (${setup.thisDevice.name})` : setup.settings.transmitter.name || 'Another computer') : 'No computer yet'}</dd></div>
      <div><dt>Control unit</dt><dd>{setup.device ? `${setup.device.cuId} · initialised ${formatDateTime(setup.device.initialisedAt)}` : 'Not initialised on this computer'}</dd></div>
      <div><dt>Code lists</dt><dd>{setup.codes.refreshedAt ? `${plural(setup.codes.codes, 'code')}, ${plural(setup.codes.classes, 'item classification')} · ${formatDateTime(setup.codes.refreshedAt)}` : 'Not fetched yet'}</dd></div>
      <div><dt>In the line to KRA</dt><dd>{setup.counts.awaiting} waiting, {setup.counts.inDoubt} being checked, {setup.counts.failed} refused · <a href={paths.etims()}>eTIMS report</a></dd></div>
    </dl>
  );
}

export function EtimsSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, setErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.etims,
    formOf,
    check: (f) => {
      const own: Record<string, string> = {};
      if (!/^\d{2}$/.test(f.branchId.trim())) own.branchId = 'Two digits, like 00 for the head office';
      if (!/^\d{0,10}$/.test(f.defaultClassCode.trim())) own.defaultClassCode = 'Up to 10 digits, like 99010000';
      return { update: { etims: { deviceSerial: f.deviceSerial.trim(), branchId: f.branchId.trim(), environment: f.environment, defaultClassCode: f.defaultClassCode.trim() } }, errors: own };
    },
    errorPrefix: 'etims.',
    savedMessage: 'eTIMS settings saved',
  });
  const changed = useEventCount('settings.changed');
  const jobs = useEventCount('invoices.changed');
  const setup = useRemote<EtimsSetupView>(() => invoke('etims.setup', {}), `${changed}|${jobs}`);
  const [working, setWorking] = useState<'' | 'initialise' | 'codes' | 'takeOver'>('');

  const set = <K extends keyof EtimsForm>(field: K, value: EtimsForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[field];
      return next;
    });
  };

  const act = async (what: 'initialise' | 'codes' | 'takeOver') => {
    if (what === 'initialise' && dirty && !(await save())) return;
    setWorking(what);
    try {
      const next = await invoke(what === 'initialise' ? 'etims.initialise' : what === 'codes' ? 'etims.refreshCodes' : 'etims.takeOver', {});
      setup.set(next);
      toast.success(what === 'initialise' ? `Initialised with KRA: control unit ${next.device?.cuId ?? ''}` : what === 'codes' ? 'KRA code lists refreshed' : 'This computer now transmits to eTIMS for the branch');
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setWorking('');
    }
  };

  const ready = setup.state === 'ready' ? setup.value : null;
  return (
    <section className="settings-section" aria-labelledby={HEADINGS.etims.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.etims.id} tabIndex={-1}>{HEADINGS.etims.title}</h2>
        <p className="muted">
          A VAT-registered business sends each invoice and credit note to KRA’s eTIMS (OSCU). One computer transmits for the branch, so KRA’s numbers run in order; the others’ invoices reach it by sync.
        </p>
      </div>
      {ready?.problem && (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">Not transmitting</p>
          <p>{ready.problem}</p>
        </div>
      )}
      <SectionForm onSave={save}>
        <div className="settings-grid">
          <TextField id="etims-serial" label="Device serial" value={form.deviceSerial} onValue={(v) => set('deviceSerial', v)} error={errors.deviceSerial} hint="As approved on KRA’s eTIMS portal for this branch’s OSCU." autoComplete="off" />
          <TextField id="etims-branch" label="Branch id" value={form.branchId} onValue={(v) => set('branchId', v)} error={errors.branchId} hint="00 is the head office." inputMode="numeric" maxLength={2} />
          <Field id="etims-environment" label="KRA service" error={errors.environment}>
            <select {...describe('etims-environment', errors.environment)} value={form.environment} onChange={(e) => set('environment', e.target.value as EtimsForm['environment'])}>
              {ETIMS_ENVIRONMENTS.map((env) => <option key={env} value={env}>{ENVIRONMENT_LABELS[env]}</option>)}
            </select>
          </Field>
          <TextField id="etims-class" label="Default item classification" value={form.defaultClassCode} onValue={(v) => set('defaultClassCode', v)} error={errors.defaultClassCode} hint="For lines whose item has none (Items → eTIMS). KRA’s code, like 99010000." inputMode="numeric" />
        </div>
        <SectionActions busy={busy} dirty={dirty} errors={errors} saveLabel="Save eTIMS settings" />
      </SectionForm>
      <div className="etims-setup-actions">
        <button type="button" className="btn btn-primary" disabled={working !== ''} onClick={() => void act('initialise')}>{working === 'initialise' ? 'Initialising…' : 'Initialise with KRA'}</button>
        <button type="button" className="btn" disabled={working !== '' || !ready?.initialised} onClick={() => void act('codes')}>{working === 'codes' ? 'Refreshing…' : 'Refresh code lists'}</button>
        {ready && !ready.thisComputerTransmits && ready.settings.transmitter.deviceId && (
          <button type="button" className="btn" disabled={working !== ''} onClick={() => void act('takeOver')}>This computer transmits</button>
        )}
      </div>
      {ready && <Status setup={ready} />}
    </section>
  );
}
