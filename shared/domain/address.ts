// One way to write an address, in the app, on the PDF and in messages: street, then the postal code
// before the town as Kenyan post writes it ("00100 Nairobi"), then the country.
import { countryName } from './countries';

export interface AddressParts {
  street: string;
  city: string;
  postalCode: string;
  /** An ISO code (customers) or a name as typed (the business profile). */
  country: string;
}

/** "00100 Nairobi"; either part alone when the other is blank. */
export function cityLine(postalCode: string, city: string): string {
  return [postalCode.trim(), city.trim()].filter(Boolean).join(' ');
}

/** The address as printed lines, blank parts left out; a country code becomes its name. */
export function addressLines(address: AddressParts): string[] {
  const country = /^[A-Z]{2}$/.test(address.country) ? countryName(address.country) : address.country.trim();
  return [address.street.trim(), cityLine(address.postalCode, address.city), country].filter(Boolean);
}
