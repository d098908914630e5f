// Where eTIMS stands on this computer: the settings every computer shares, whether this one is the
// computer that transmits for the branch, and whether it holds a communication key for those settings.
import os from 'node:os';
import { etimsBaseUrl, type EtimsSettings } from '../../../shared/domain/etims';
import type { CoreContext } from '../context';
import { readSettings } from '../settings/service';
import { readMeta, writeMeta } from '../reminders/state';
import { cloudLink } from '../sync/state';
import { createOscuClient, type OscuClient } from './client';

export interface DeviceRecord {
  cuId: string;
  mrcNo: string;
  deviceId: string;
  taxpayerName: string;
  branchName: string;
  initialisedAt: string;
  /** The server, PIN, branch and serial the key was given for: a key is never sent anywhere else. */
  boundTo: string;
}

export interface EtimsSetup {
  settings: EtimsSettings;
  pin: string;
  vatRegistered: boolean;
  baseUrl: string;
  thisComputerTransmits: boolean;
  key: string | null;
  device: DeviceRecord | null;
  initialised: boolean;
}

const DEVICE_KEY = 'etims.device';

export function bindingOf(baseUrl: string, pin: string, settings: Pick<EtimsSettings, 'branchId' | 'deviceSerial'>): string {
  let origin = baseUrl;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    // kept as typed
  }
  return [origin.toLowerCase(), pin.toUpperCase(), settings.branchId, settings.deviceSerial].join('|');
}

export function thisDevice(ctx: CoreContext): { id: string; name: string } {
  return { id: ctx.deviceId, name: cloudLink(ctx.sql)?.deviceName || os.hostname() || 'This computer' };
}

export function readDevice(ctx: CoreContext): DeviceRecord | null {
  const raw = readMeta(ctx, DEVICE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DeviceRecord;
  } catch {
    return null;
  }
}

export function saveDevice(ctx: CoreContext, device: DeviceRecord | null): void {
  writeMeta(ctx, DEVICE_KEY, device ? JSON.stringify(device) : null);
}

export function etimsSetup(ctx: CoreContext): EtimsSetup {
  const all = readSettings(ctx);
  const settings = all.etims;
  const pin = all.business.taxId.trim().toUpperCase();
  const baseUrl = etimsBaseUrl(settings, ctx.overrides.etimsBaseUrl);
  const key = ctx.secrets.get('etimsCommunicationKey');
  const device = readDevice(ctx);
  return {
    settings, pin, vatRegistered: all.business.vatRegistered, baseUrl,
    thisComputerTransmits: settings.transmitter.deviceId !== '' && settings.transmitter.deviceId === ctx.deviceId,
    key, device,
    initialised: key !== null && device !== null && device.boundTo === bindingOf(baseUrl, pin, settings),
  };
}

/** Whether eTIMS is in force for these books: a VAT-registered business that switched it on. */
export function etimsActive(setup: Pick<EtimsSetup, 'settings' | 'vatRegistered'>): boolean {
  return setup.settings.enabled && setup.vatRegistered;
}

/** Why this computer cannot transmit now, in words a person can act on; null when it can. */
export function setupProblem(setup: EtimsSetup): string | null {
  if (!setup.vatRegistered) return 'The business is not registered for VAT (Settings → Business profile), so nothing goes to eTIMS.';
  if (!setup.settings.enabled) return 'eTIMS is switched off (Settings → eTIMS).';
  if (!setup.thisComputerTransmits) {
    return setup.settings.transmitter.deviceId
      ? `${setup.settings.transmitter.name || 'Another computer'} transmits to eTIMS for this branch; invoices made here reach it by sync.`
      : 'No computer transmits to eTIMS yet: Initialise in Settings → eTIMS on the computer that should.';
  }
  if (!/^[AP]\d{9}[A-Z]$/.test(setup.pin)) return 'Enter the business’s KRA PIN (Settings → Business profile): eTIMS needs it.';
  if (!setup.initialised) return 'This computer has no eTIMS communication key for these settings: Initialise in Settings → eTIMS.';
  return null;
}

export function clientFor(ctx: CoreContext, setup: EtimsSetup): OscuClient {
  return createOscuClient({
    baseUrl: setup.baseUrl, pin: setup.pin, branchId: setup.settings.branchId, communicationKey: setup.key, timeoutMs: setup.settings.timeoutSeconds * 1000,
  });
}
