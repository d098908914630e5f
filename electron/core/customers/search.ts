import { phoneMatchTerms, phoneQueryDigits, phoneSearchTokens } from '../../../shared/domain/phone';

/** The text the search index holds for one customer. */
export function searchDocument(c: {
  name: string; email: string; secondaryEmail: string; phone: string; secondaryPhone: string; code: string; taxId: string;
  status: string; archived: boolean;
}) {
  const phones = [c.phone, c.secondaryPhone].filter((p) => p !== '').flatMap(phoneSearchTokens);
  return {
    name: c.name,
    email: [c.email, c.secondaryEmail].filter((e) => e !== '').join(' '),
    phone: phones.join(' '),
    code: c.code,
    tax_id: c.taxId,
    // Only the states a search filters by (withStateFilter): 'live' and 'active' were never asked
    // for, and as two terms every customer holds (five entries each with the prefixes) they were
    // about a tenth of the index. Entries written before keep them; no search reads them.
    state: [c.archived ? 'archived' : '', c.status === 'active' ? '' : c.status].filter((w) => w !== '').join(' '),
  };
}

/** The columns of a stored customer the search entry is made from. */
export interface IndexedCustomerRow {
  name: string; email: string; secondary_email: string; phone: string; secondary_phone: string;
  code: string; tax_id: string; status: string; deleted_at: string | null;
}

/** The search entry of a customer as stored (sync and migrations read rows, not fields). */
export function searchDocumentOfRow(row: IndexedCustomerRow) {
  return searchDocument({
    name: row.name, email: row.email, secondaryEmail: row.secondary_email, phone: row.phone, secondaryPhone: row.secondary_phone,
    code: row.code, taxId: row.tax_id, status: row.status, archived: row.deleted_at !== null,
  });
}

const MAX_TERMS = 8;

/**
 * Turns what someone types into an FTS5 prefix query, or null when there is nothing to search.
 * Every term must match (AND). A query that is all digits and phone punctuation is read as one
 * phone fragment, so "0722 123" finds +254722123456.
 */
export function toMatchExpression(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return null;
  const code = /^cust[-\s]?(\d+)$/i.exec(text);
  if (code) {
    // "CUST-42" is CUST-0042; "CUST-004" is still being typed, so it stays a prefix.
    const number = code[1]!;
    const exact = !number.startsWith('0') && number.length < 4;
    return exact ? `code : ("cust" "${number.padStart(4, '0')}")` : `code : ("cust" "${number}"*)`;
  }
  const digits = text.replace(/\D/g, '');
  if (/^[+\d\s\-().]+$/.test(text) && digits.length >= 3) {
    const { prefix, runs } = phoneMatchTerms(phoneQueryDigits(text));
    return runs === null ? `{phone code tax_id} : "${prefix}"*` : `({phone code tax_id} : "${prefix}"*) OR (phone : "${runs}")`;
  }
  const terms = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  // Terms are letters and digits only, so quoting them cannot break out of the expression. A term
  // of digits longer than a phone run also matches the phrase of its runs inside a phone number.
  const phoneRuns = terms.map((t) => (/^[0-9]+$/.test(t) ? phoneMatchTerms(t).runs : null));
  if (phoneRuns.every((r) => r === null)) return `{name email phone code tax_id} : (${terms.map((t) => `"${t}"*`).join(' ')})`;
  return terms
    .map((t, i) => (phoneRuns[i] ? `(({name email phone code tax_id} : "${t}"*) OR (phone : "${phoneRuns[i]}"))` : `({name email phone code tax_id} : "${t}"*)`))
    .join(' AND ');
}

/**
 * Narrows a search to live (or all) customers and to one status, inside the index itself. It is
 * written as NOT of the rare states where it can be, because FTS5 joins a short list of documents
 * far faster than one that holds every customer.
 */
export function withStateFilter(match: string, includeArchived: boolean, status: string | undefined): string {
  let expression = `(${match})`;
  if (status && status !== 'active') expression += ` AND state : ${status}`;
  if (status === 'active') expression += ' NOT state : inactive NOT state : suspended';
  if (!includeArchived) expression += ' NOT state : archived';
  return expression;
}
