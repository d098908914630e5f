// Customer exports as each tool writes them: the header row that gives the tool away, and which of
// its columns feeds which field. From each tool's published export columns.
import type { ImportField } from '../../../../shared/contract';
import type { SourceProfile } from '../../imports/sources';

export const CUSTOMER_SOURCES: readonly SourceProfile<ImportField>[] = [
  {
    // Zoho Invoice / Books: Contacts → Export. "Display Name" is required there; mobile is its own column.
    source: 'zoho',
    signature: ['Display Name', 'EmailID', 'Currency Code'],
    columns: {
      name: ['Display Name'], company: ['Company Name'], firstName: ['First Name'], lastName: ['Last Name'],
      email: ['EmailID'], phone: ['MobilePhone', 'Mobile Phone'], secondaryPhone: ['Phone'],
      street: ['Billing Address'], street2: ['Billing Street2'], city: ['Billing City'], region: ['Billing State'],
      postalCode: ['Billing Code'], country: ['Billing Country'], currency: ['Currency Code'], creditLimit: ['Credit Limit'],
      paymentTerms: ['Payment Terms'], status: ['Status'], notes: ['Notes'], taxId: ['Tax Registration Number', 'VAT Registration Number'],
    },
  },
  {
    // Wave: Sales → Customers → Export.
    source: 'wave',
    signature: ['customer_name', 'customer_currency'],
    columns: {
      name: ['customer_name'], firstName: ['contact_first_name'], lastName: ['contact_last_name'], email: ['email'],
      phone: ['mobile'], secondaryPhone: ['phone'], street: ['address_line_1'], street2: ['address_line_2'], city: ['city'],
      region: ['province/state'], postalCode: ['postal_code/zip_code'], country: ['country'], currency: ['customer_currency'],
    },
  },
  {
    // FreshBooks: Clients → Export. A client may have no organisation: then the person's name is the name.
    source: 'freshbooks',
    signature: ['Organization', 'First Name', 'Last Name', 'Province/State'],
    columns: {
      name: ['Organization'], firstName: ['First Name'], lastName: ['Last Name'], email: ['Email'],
      phone: ['Mobile Phone', 'Mobile', 'Phone'], secondaryPhone: ['Business Phone', 'Home Phone'],
      street: ['Street', 'Address'], street2: ['Street2', 'Address 2'], city: ['City'], region: ['Province/State'],
      postalCode: ['Postal Code'], country: ['Country'], currency: ['Currency'], notes: ['Notes'],
    },
  },
  {
    // QuickBooks Online: Customers → Export to Excel (saved as CSV). "State" is the address, not a status.
    source: 'quickbooksOnline',
    signature: ['Customer', 'Street Address', 'Open Balance'],
    columns: {
      name: ['Customer'], company: ['Company'], email: ['Email'], phone: ['Mobile', 'Phone', 'Phone Numbers'],
      street: ['Street Address'], city: ['City'], region: ['State'], postalCode: ['Zip'], country: ['Country'],
      paymentTerms: ['Terms'], notes: ['Notes'], openingBalance: ['Open Balance'],
    },
  },
  {
    // QuickBooks Desktop: Customer Center → Excel → Export Customer List. "Bill to 1" holds the addressee.
    source: 'quickbooksDesktop',
    signature: ['Customer', 'Main Phone', 'Bill to 1'],
    columns: {
      name: ['Customer'], company: ['Company'], firstName: ['First Name'], lastName: ['Last Name'], email: ['Main Email'],
      phone: ['Mobile', 'Main Phone'], secondaryPhone: ['Alt. Phone', 'Main Phone'], street: ['Bill to 2'], street2: ['Bill to 3'],
      paymentTerms: ['Terms'], creditLimit: ['Credit Limit'], status: ['Active Status'], businessType: ['Customer Type'], notes: ['Note'],
      openingBalance: ['Balance Total', 'Balance'],
    },
  },
  {
    // Invoice Ninja: Settings → Export → Clients (CSV). It names "Phone" twice: the client's, then the contact's.
    source: 'invoiceNinja',
    signature: ['Name', 'Paid to Date', 'Billing Street', 'Billing Apt/Suite'],
    columns: {
      name: ['Name'], firstName: ['First Name'], lastName: ['Last Name'], email: ['Email'], phone: ['Phone (2)', 'Phone'],
      secondaryPhone: ['Phone'], street: ['Billing Street'], street2: ['Billing Apt/Suite'], city: ['Billing City'],
      region: ['Billing State/Province'], postalCode: ['Billing Postal Code'], country: ['Billing Country'], taxId: ['VAT Number'],
      currency: ['Currency'], notes: ['Private Notes'],
    },
  },
  {
    // Xero: Contacts → Export. The postal address (PO…) is the billing address.
    source: 'xero',
    signature: ['ContactName', 'EmailAddress', 'POAddressLine1'],
    columns: {
      name: ['ContactName'], firstName: ['FirstName'], lastName: ['LastName'], email: ['EmailAddress'],
      phone: ['MobileNumber', 'PhoneNumber'], secondaryPhone: ['PhoneNumber'], street: ['POAddressLine1'], street2: ['POAddressLine2'],
      city: ['POCity'], region: ['PORegion'], postalCode: ['POPostalCode'], country: ['POCountry'], taxId: ['TaxNumber'],
    },
  },
];

/** Header names people and other tools use for each field, compared with case, spaces and punctuation removed; best first. */
export const CUSTOMER_SYNONYMS: Record<ImportField, readonly string[]> = {
  name: ['name', 'customername', 'customer', 'clientname', 'client', 'displayname', 'fullname', 'contactname', 'businessname', 'companyname', 'company', 'organization', 'organisation', 'jina'],
  company: ['company', 'companyname', 'organization', 'organisation', 'business'],
  firstName: ['firstname', 'givenname', 'contactfirstname'],
  lastName: ['lastname', 'surname', 'familyname', 'contactlastname'],
  email: ['email', 'emailaddress', 'emailid', 'mail', 'primaryemail', 'email1', 'contactemail'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'mobilephone', 'telephone', 'tel', 'cell', 'msisdn', 'mpesanumber', 'primaryphone', 'phone1', 'simu'],
  secondaryEmail: ['secondaryemail', 'email2', 'otheremail', 'billingemail', 'alternativeemail'],
  secondaryPhone: ['secondaryphone', 'phone2', 'otherphone', 'alternativephone', 'mobile2', 'altphone', 'workphone', 'businessphone'],
  street: ['street', 'address', 'streetaddress', 'address1', 'addressline1', 'billingaddress', 'billingstreet'],
  street2: ['street2', 'address2', 'addressline2', 'billingstreet2', 'aptsuite', 'suite'],
  city: ['city', 'town', 'billingcity'],
  region: ['county', 'state', 'province', 'region', 'provincestate', 'stateprovince', 'billingstate'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'pobox', 'postal', 'postalcodezipcode', 'billingcode'],
  country: ['country', 'countrycode', 'nation', 'billingcountry'],
  businessType: ['businesstype', 'industry', 'category', 'sector', 'type', 'customertype'],
  taxId: ['taxid', 'krapin', 'pin', 'vatnumber', 'vat', 'taxnumber', 'tin', 'taxregistrationnumber'],
  paymentTerms: ['paymentterms', 'terms', 'netterms', 'creditterms'],
  creditLimit: ['creditlimit', 'limit'],
  currency: ['currency', 'currencycode', 'defaultcurrency', 'curr'],
  status: ['status', 'customerstatus', 'activestatus'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
  tags: ['tags', 'tag', 'labels', 'groups'],
  openingBalance: ['openingbalance', 'openbalance', 'balance', 'balancedue', 'balancetotal', 'outstanding', 'amountowed', 'owed', 'salio'],
  openingBalanceDate: ['openingbalancedate', 'openbalancedate', 'balancedate', 'asof', 'asofdate', 'balanceasof'],
};
