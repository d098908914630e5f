// The form's duplicate warning: who already has this email, phone or tax ID, found the way the
// import finds them (the same normalised values the books keep).
import type { ChannelParsed } from '../../../shared/contract';
import { countryCodeOf } from '../../../shared/domain/countries';
import { normalizePhone } from '../../../shared/domain/phone';
import { normalizeTaxId } from '../../../shared/domain/taxId';
import type { CoreContext } from '../context';
import { othersByContact } from './repo';

type Lookalike = { field: 'email' | 'phone' | 'taxId'; customer: { id: string; code: string; name: string } };

export function lookalikes(ctx: CoreContext, input: ChannelParsed<'customers.lookalikes'>): Lookalike[] {
  const except = input.exceptId ?? null;
  const out: Lookalike[] = [];
  const email = input.email.trim().toLowerCase();
  if (email) for (const c of othersByContact(ctx.sql, 'email', email, except)) out.push({ field: 'email', customer: c });
  if (input.phone.trim()) {
    const phone = normalizePhone(input.phone, countryCodeOf(input.country) ?? 'KE');
    if (phone.ok) for (const c of othersByContact(ctx.sql, 'phone', phone.e164, except)) out.push({ field: 'phone', customer: c });
  }
  const taxId = normalizeTaxId(input.taxId);
  if (taxId) for (const c of othersByContact(ctx.sql, 'tax_id', taxId, except)) out.push({ field: 'taxId', customer: c });
  return out;
}
