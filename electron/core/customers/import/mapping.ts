import { IMPORT_FIELDS, type ImportField } from '../../../../shared/contract';

/** Header names other tools use for each of our fields, compared with case, spaces and punctuation removed. */
const SYNONYMS: Record<ImportField, string[]> = {
  name: ['name', 'customer', 'customername', 'client', 'clientname', 'company', 'companyname', 'businessname', 'fullname', 'displayname', 'jina'],
  email: ['email', 'emailaddress', 'mail', 'primaryemail', 'email1', 'contactemail'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'telephone', 'tel', 'cell', 'msisdn', 'mpesanumber', 'primaryphone', 'phone1', 'simu'],
  secondaryEmail: ['secondaryemail', 'email2', 'otheremail', 'billingemail', 'alternativeemail'],
  secondaryPhone: ['secondaryphone', 'phone2', 'otherphone', 'alternativephone', 'mobile2'],
  street: ['street', 'address', 'streetaddress', 'address1', 'addressline1'],
  city: ['city', 'town'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'pobox', 'postal'],
  country: ['country', 'countrycode', 'nation'],
  businessType: ['businesstype', 'industry', 'category', 'sector', 'type'],
  taxId: ['taxid', 'krapin', 'pin', 'vatnumber', 'vat', 'taxnumber', 'tin'],
  paymentTerms: ['paymentterms', 'terms', 'netterms', 'creditterms'],
  creditLimit: ['creditlimit', 'limit'],
  currency: ['currency', 'defaultcurrency', 'curr'],
  status: ['status', 'state', 'customerstatus'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
  tags: ['tags', 'tag', 'labels', 'groups'],
};

const simplify = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Proposes which CSV header feeds each field; the person can change it in the preview. */
export function proposeMapping(headers: readonly string[]): Record<ImportField, string | null> {
  const taken = new Set<string>();
  const mapping = {} as Record<ImportField, string | null>;
  for (const field of IMPORT_FIELDS) {
    const wanted = SYNONYMS[field];
    const header = headers.find((h) => h !== '' && !taken.has(h) && wanted.includes(simplify(h))) ?? null;
    if (header) taken.add(header);
    mapping[field] = header;
  }
  return mapping;
}

/** Keeps only known fields pointing at headers that exist in this file. */
export function cleanMapping(mapping: Record<string, string | null>, headers: readonly string[]): Record<ImportField, string | null> {
  const clean = {} as Record<ImportField, string | null>;
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field] ?? null;
    clean[field] = header !== null && headers.includes(header) ? header : null;
  }
  return clean;
}
