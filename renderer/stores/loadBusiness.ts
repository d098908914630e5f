// Keeps the business defaults store in step with Settings: loaded at start-up, again on every change.
import { invoke, onEvent } from '../api';
import { businessDefaultsOf, useBusinessDefaults } from './business';

async function refresh(): Promise<void> {
  try {
    useBusinessDefaults.setState(businessDefaultsOf(await invoke('settings.get', {})));
  } catch {
    // Books that cannot be read have no settings; the defaults above stand until they can.
  }
}

/** Loads the defaults now and follows Settings from then on. */
export async function loadBusinessDefaults(): Promise<void> {
  onEvent('settings.changed', () => void refresh());
  await refresh();
}
