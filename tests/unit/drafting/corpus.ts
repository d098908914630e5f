// Sentences East African small businesses type to bill a customer, each with the draft it should
// become. Written by hand from what the person means, not from what the parser prints. The cases
// marked `ambiguous` have no single right reading: for them the right result is a warning (and an
// uncertain line), never a confident guess.
// Every case is checked against options.today = 2026-11-18 (a Wednesday), a KES customer with 16% VAT,
// unless it says otherwise.
import type { ParseOptions } from '../../../shared/drafting';
import type { CurrencyCode } from '../../../shared/money';
import type { Discount, TaxRateBp } from '../../../shared/totals';

export interface ExpectedLine {
  description: string;
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  amountMinor: number;
  uncertain: boolean;
}

export interface Expected {
  lines: ExpectedLine[];
  taxRateBp: TaxRateBp;
  pricesIncludeTax: boolean;
  discount: Discount;
  dueDate: string | null;
  currency: CurrencyCode;
  /** A warning (or an uncertain line) is expected: the person must look before finalizing. */
  warning: boolean;
  periodLabel: string | null;
  /** Checked only when given. */
  statedTotalMinor?: number | null;
}

export interface CorpusCase {
  prompt: string;
  options: ParseOptions;
  expected: Expected;
  ambiguous: boolean;
}

export const CORPUS_OPTIONS: ParseOptions = { today: '2026-11-18', currency: 'KES', defaultTaxRateBp: 1600 };

/** One line: description, quantity in thousandths, unit, unit price and amount in minor units. */
function L(description: string, quantityMilli: number, unit: string, unitPriceMinor: number, amountMinor: number, uncertain = false): ExpectedLine {
  return { description, quantityMilli, unit, unitPriceMinor, amountMinor, uncertain };
}

type Extra = Partial<Omit<Expected, 'lines'>> & { options?: Partial<ParseOptions>; ambiguous?: boolean };

function c(prompt: string, lines: ExpectedLine[], extra: Extra = {}): CorpusCase {
  const { options, ambiguous = false, ...fields } = extra;
  const merged = { ...CORPUS_OPTIONS, ...options };
  return {
    prompt,
    options: merged,
    ambiguous,
    expected: {
      taxRateBp: merged.defaultTaxRateBp,
      pricesIncludeTax: false,
      discount: null,
      dueDate: null,
      currency: merged.currency,
      warning: ambiguous,
      periodLabel: null,
      ...fields,
      lines,
    },
  };
}

const pct = (bp: number): Discount => ({ kind: 'percent', bp });
const off = (minor: number): Discount => ({ kind: 'amount', minor });

export const CORPUS: CorpusCase[] = [
  // ---- the issue's own examples ----
  c('3 months of web hosting at KES 15,000 per month', [L('Web hosting', 3000, 'months', 1_500_000, 4_500_000)]),
  c('Logo design 25k and 2 business card designs at 3,500 each', [L('Logo design', 1000, '', 2_500_000, 2_500_000), L('Business card designs', 2000, '', 350_000, 700_000)]),
  c('10 hours consulting @ 2,500/hr, plus 16% VAT', [L('Consulting', 10_000, 'hours', 250_000, 2_500_000)]),
  c('Website redesign - KES 120,000, 10% discount, due in 14 days', [L('Website redesign', 1000, '', 12_000_000, 12_000_000)], { discount: pct(1000), dueDate: '2026-12-02' }),
  c('Monthly retainer for October: 50,000', [L('Monthly retainer', 1000, '', 5_000_000, 5_000_000)], { periodLabel: 'October 2026' }),

  // ---- hosting and IT ----
  c('Domain renewal 1,500 and web hosting 12 months at 1,200 per month', [L('Domain renewal', 1000, '', 150_000, 150_000), L('Web hosting', 12_000, 'months', 120_000, 1_440_000)]),
  c('Annual hosting package KES 18,000', [L('Annual hosting package', 1000, '', 1_800_000, 1_800_000)]),
  c('cPanel hosting 6 months x 2,000', [L('cPanel hosting', 6000, 'months', 200_000, 1_200_000)]),
  c('SSL certificate 4,500; domain .co.ke 1,200', [L('SSL certificate', 1000, '', 450_000, 450_000), L('Domain .co.ke', 1000, '', 120_000, 120_000)]),
  c('Email setup for 15 users at 500 per user', [L('Email setup', 15_000, 'users', 50_000, 750_000)]),
  c('Microsoft 365 licences: 10 seats @ $12 each', [L('Microsoft 365 licences', 10_000, 'seats', 1200, 12_000)], { options: { currency: 'USD' } }),
  c('Website maintenance 8,000 per month for 6 months', [L('Website maintenance', 6000, 'months', 800_000, 4_800_000)]),
  c('Server setup and configuration 35,000', [L('Server setup and configuration', 1000, '', 3_500_000, 3_500_000)]),
  c('Backup storage 500GB 2,000 per month x 3', [L('Backup storage 500GB', 3000, 'months', 200_000, 600_000)]),
  c('Laptop repair 3,500 + antivirus 1,800', [L('Laptop repair', 1000, '', 350_000, 350_000), L('Antivirus', 1000, '', 180_000, 180_000)]),
  c('Install CCTV cameras 4 pcs @ 6,500', [L('Install CCTV cameras', 4000, 'pieces', 650_000, 2_600_000)]),
  c('Network cabling 120 m at 150 per metre', [L('Network cabling', 120_000, 'm', 15_000, 1_800_000)]),
  c('Website development 150k, hosting 10k/yr', [L('Website development', 1000, '', 15_000_000, 15_000_000), L('Hosting', 1000, 'years', 1_000_000, 1_000_000)]),
  c('Bulk SMS 10,000 messages at 0.80 each', [L('Bulk SMS messages', 10_000_000, '', 80, 800_000)]),
  c('Printer servicing 2,500 and toner refill 2 @ 1,800', [L('Printer servicing', 1000, '', 250_000, 250_000), L('Toner refill', 2000, '', 180_000, 360_000)]),

  // ---- design and creative ----
  c('Logo design 30,000', [L('Logo design', 1000, '', 3_000_000, 3_000_000)]),
  c('Brand identity package KES 85,000 incl. VAT', [L('Brand identity package', 1000, '', 8_500_000, 8_500_000)], { pricesIncludeTax: true }),
  c('Flyer design 5k and printing 500 flyers at 20 each', [L('Flyer design', 1000, '', 500_000, 500_000), L('Printing flyers', 500_000, '', 2000, 1_000_000)]),
  c('Poster design x3 @ 4,000', [L('Poster design', 3000, '', 400_000, 1_200_000)]),
  c('2 banner designs at 6,500 each and 1 roll-up banner print 12,000', [L('Banner designs', 2000, '', 650_000, 1_300_000), L('Roll-up banner print', 1000, '', 1_200_000, 1_200_000)]),
  c('Social media graphics: 12 posts at 1,500 per post', [L('Social media graphics', 12_000, 'posts', 150_000, 1_800_000)]),
  c('Wedding photography package 60,000', [L('Wedding photography package', 1000, '', 6_000_000, 6_000_000)]),
  c('Video editing 3 hrs @ 3,000/hr', [L('Video editing', 3000, 'hours', 300_000, 900_000)]),
  c('Menu design and printing 8,500', [L('Menu design and printing', 1000, '', 850_000, 850_000)]),
  c('Letterheads 2 reams at 1,200 per ream', [L('Letterheads', 2000, 'reams', 120_000, 240_000)]),
  c('Logo redesign: KSh 18,000', [L('Logo redesign', 1000, '', 1_800_000, 1_800_000)]),
  c('Book cover design 15000 and typesetting 120 pages at 150 per page', [L('Book cover design', 1000, '', 1_500_000, 1_500_000), L('Typesetting', 120_000, 'pages', 15_000, 1_800_000)]),
  c('Mural painting 3 days at 12,000 a day', [L('Mural painting', 3000, 'days', 1_200_000, 3_600_000)]),
  c('Product photos 20 @ 800', [L('Product photos', 20_000, '', 80_000, 1_600_000)]),
  c('Company profile design and layout, 40 pages at 500 per page', [L('Company profile design and layout', 40_000, 'pages', 50_000, 2_000_000)]),

  // ---- consulting and professional services ----
  c('Consultancy services 5 days at KES 25,000 per day', [L('Consultancy services', 5000, 'days', 2_500_000, 12_500_000)]),
  c('Tax advisory 4 hours @ 5,000 per hour', [L('Tax advisory', 4000, 'hours', 500_000, 2_000_000)]),
  c('Legal consultation 2.5 hrs at 8,000/hr', [L('Legal consultation', 2500, 'hours', 800_000, 2_000_000)]),
  c('Audit fees 150,000', [L('Audit fees', 1000, '', 15_000_000, 15_000_000)]),
  c('Strategy workshop facilitation 1 day 45,000', [L('Strategy workshop facilitation', 1000, 'days', 4_500_000, 4_500_000)]),
  c('HR consulting, 12 hours, 3,000 per hour', [L('HR consulting', 12_000, 'hours', 300_000, 3_600_000)]),
  c('Bookkeeping for October 20,000', [L('Bookkeeping', 1000, '', 2_000_000, 2_000_000)], { periodLabel: 'October 2026' }),
  c('Company registration 12,500 and KRA PIN registration 2,000', [L('Company registration', 1000, '', 1_250_000, 1_250_000), L('KRA PIN registration', 1000, '', 200_000, 200_000)]),
  c('Due diligence report 80,000', [L('Due diligence report', 1000, '', 8_000_000, 8_000_000)]),
  c('Training 20 staff at 2,500 per head', [L('Training', 20_000, 'people', 250_000, 5_000_000)]),
  c('Project management 40 hours at 3,500 per hour, plus VAT', [L('Project management', 40_000, 'hours', 350_000, 14_000_000)]),
  c('Financial statements preparation KES 60,000 (VAT inclusive)', [L('Financial statements preparation', 1000, '', 6_000_000, 6_000_000)], { pricesIncludeTax: true }),
  c('Survey data analysis 3 days @ 15k/day', [L('Survey data analysis', 3000, 'days', 1_500_000, 4_500_000)]),
  c('Payroll processing for 25 employees at 300 each', [L('Payroll processing', 25_000, 'people', 30_000, 750_000)]),
  c('Consulting 6hrs@2500', [L('Consulting', 6000, 'hours', 250_000, 1_500_000)]),

  // ---- catering and events ----
  c('Catering for 50 guests at 850 per head', [L('Catering', 50_000, 'guests', 85_000, 4_250_000)]),
  c('Lunch buffet 120 pax @ 1,200', [L('Lunch buffet', 120_000, 'people', 120_000, 14_400_000)]),
  c('Tent hire 2 days at 8,000 per day and 100 chairs at 50 each', [L('Tent hire', 2000, 'days', 800_000, 1_600_000), L('Chairs', 100_000, '', 5000, 500_000)]),
  c('Event MC services 25,000 and DJ 20,000', [L('Event MC services', 1000, '', 2_500_000, 2_500_000), L('DJ', 1000, '', 2_000_000, 2_000_000)]),
  c('Birthday cake 3kg at 2,500 per kg', [L('Birthday cake', 3000, 'kg', 250_000, 750_000)]),
  c('Wedding catering for 200 people, 1,500 per plate', [L('Wedding catering', 200_000, 'people', 150_000, 30_000_000)]),
  c('Sodas 10 crates at 1,080 per crate', [L('Sodas', 10_000, 'crates', 108_000, 1_080_000)]),
  c('Decor 15,000 + sound system hire 12,000 + transport 3,000', [L('Decor', 1000, '', 1_500_000, 1_500_000), L('Sound system hire', 1000, '', 1_200_000, 1_200_000), L('Transport', 1000, '', 300_000, 300_000)]),
  c('Mandazi 200 pieces @ 20', [L('Mandazi', 200_000, 'pieces', 2000, 400_000)]),
  c('Outside catering Nakuru - 80 plates of pilau at 450', [L('Outside catering Nakuru - pilau', 80_000, 'plates', 45_000, 3_600_000)]),
  c('PA system hire for 1 day: 7,500', [L('PA system hire', 1000, 'days', 750_000, 750_000)]),
  c('Cocktail for 40 guests @ 1,100 per person, plus VAT, due in 7 days', [L('Cocktail', 40_000, 'guests', 110_000, 4_400_000)], { dueDate: '2026-11-25' }),

  // ---- transport and logistics ----
  c('Transport Nairobi to Nakuru 160 km at 60 per km', [L('Transport Nairobi to Nakuru', 160_000, 'km', 6000, 960_000)]),
  c('Delivery 45km @ KES 50/km', [L('Delivery', 45_000, 'km', 5000, 225_000)]),
  c('Lorry hire 3 trips at 18,000 per trip', [L('Lorry hire', 3000, 'trips', 1_800_000, 5_400_000)]),
  c('Airport transfer 3,500 and car hire 2 days at 6,000 per day', [L('Airport transfer', 1000, '', 350_000, 350_000), L('Car hire', 2000, 'days', 600_000, 1_200_000)]),
  c('Boda boda deliveries 12 trips x 300', [L('Boda boda deliveries', 12_000, 'trips', 30_000, 360_000)]),
  c('Moving services: 1 lorry, 25,000 plus 4 casuals at 1,000 each', [L('Moving services: 1 lorry', 1000, '', 2_500_000, 2_500_000), L('Casuals', 4000, '', 100_000, 400_000)]),
  c('Fuel 40 litres at 180 per litre', [L('Fuel', 40_000, 'litres', 18_000, 720_000)]),
  c('Courier to Mombasa 1,200', [L('Courier to Mombasa', 1000, '', 120_000, 120_000)]),
  c('Matatu hire for the trip 15,000', [L('Matatu hire for the trip', 1000, '', 1_500_000, 1_500_000)]),
  c('Mileage 230km @ 35', [L('Mileage', 230_000, 'km', 3500, 805_000)]),

  // ---- translation and writing ----
  c('Translation English to Swahili 2,000 words at 3 per word', [L('Translation English to Swahili', 2_000_000, 'words', 300, 600_000)]),
  c('Proofreading 15 pages @ 250/page', [L('Proofreading', 15_000, 'pages', 25_000, 375_000)]),
  c('Transcription 90 minutes at 100 per minute', [L('Transcription', 90_000, 'minutes', 10_000, 900_000)]),
  c('Copywriting 5 articles at 2,000 each', [L('Copywriting', 5000, 'articles', 200_000, 1_000_000)]),
  c('Translate 1500 words French to English @ 5/word', [L('Translate French to English', 1_500_000, 'words', 500, 750_000)]),
  c('Certified translation of 3 documents 4,500 each', [L('Certified translation of documents', 3000, '', 450_000, 1_350_000)]),
  c('Voice-over recording 2 sessions at 7,500 per session', [L('Voice-over recording', 2000, 'sessions', 750_000, 1_500_000)]),
  c('Editing 40 pages at 200 per page', [L('Editing', 40_000, 'pages', 20_000, 800_000)]),

  // ---- tutoring ----
  c('Maths tuition 8 sessions at 1,500 per session', [L('Maths tuition', 8000, 'sessions', 150_000, 1_200_000)]),
  c('Piano lessons x4 @ 2,000', [L('Piano lessons', 4000, '', 200_000, 800_000)]),
  c('Tutoring sessions 8 x 1,500', [L('Tutoring sessions', 8000, '', 150_000, 1_200_000)]),
  c('KCSE revision classes 12 classes @ 1,000', [L('KCSE revision classes', 12_000, 'classes', 100_000, 1_200_000)]),
  c('Coding bootcamp fee 35,000 per student for 3 students', [L('Coding bootcamp fee', 3000, 'students', 3_500_000, 10_500_000)]),
  c('Homework support 4 weeks at 3,000 a week', [L('Homework support', 4000, 'weeks', 300_000, 1_200_000)]),
  c('French lessons 6 hours @ 1,800 per hr', [L('French lessons', 6000, 'hours', 180_000, 1_080_000)]),
  c('Driving lessons 10 lessons at 1,200 per lesson, due in 30 days', [L('Driving lessons', 10_000, 'lessons', 120_000, 1_200_000)], { dueDate: '2026-12-18' }),

  // ---- hardware and retail ----
  c('Cement 20 bags at 750 each', [L('Cement', 20_000, 'bags', 75_000, 1_500_000)]),
  c('10 pcs door hinges @ 150', [L('Door hinges', 10_000, 'pieces', 15_000, 150_000)]),
  c('Iron sheets 25 pcs at 850 each', [L('Iron sheets', 25_000, 'pieces', 85_000, 2_125_000)]),
  c('Paint 4 litres @ 1,200 per litre and brushes 3 @ 250', [L('Paint', 4000, 'litres', 120_000, 480_000), L('Brushes', 3000, '', 25_000, 75_000)]),
  c('Supply of 50 chairs at 1,800 each', [L('Supply of chairs', 50_000, '', 180_000, 9_000_000)]),
  c('Nails 5kg @ 220/kg', [L('Nails', 5000, 'kg', 22_000, 110_000)]),
  c('Printer toner x2 at 6,500', [L('Printer toner', 2000, '', 650_000, 1_300_000)]),
  c('Plumbing materials 12,400 and labour 6,000', [L('Plumbing materials', 1000, '', 1_240_000, 1_240_000), L('Labour', 1000, '', 600_000, 600_000)]),
  c('Steel bars Y12 30 pieces @ 1,150', [L('Steel bars Y12', 30_000, 'pieces', 115_000, 3_450_000)]),
  c('Office desks 6 no. @ 9,500', [L('Office desks', 6000, '', 950_000, 5_700_000)]),
  c('A4 paper 10 reams at 550', [L('A4 paper', 10_000, 'reams', 55_000, 550_000)]),
  c('Solar panel installation 1 unit 85,000', [L('Solar panel installation', 1000, 'units', 8_500_000, 8_500_000)]),

  // ---- produce ----
  c('Tomatoes 50 kg at 80 per kg', [L('Tomatoes', 50_000, 'kg', 8000, 400_000)]),
  c('Sukuma wiki 20kg @ 60/kg', [L('Sukuma wiki', 20_000, 'kg', 6000, 120_000)]),
  c('2 bags of maize at 3,800 per bag', [L('Maize', 2000, 'bags', 380_000, 760_000)]),
  c('Milk 120 litres @ 55', [L('Milk', 120_000, 'litres', 5500, 660_000)]),
  c('Potatoes 3 sacks at 2,600 each, onions 10kg at 120/kg', [L('Potatoes', 3000, 'sacks', 260_000, 780_000), L('Onions', 10_000, 'kg', 12_000, 120_000)]),
  c('Avocados 500 pieces at 15', [L('Avocados', 500_000, 'pieces', 1500, 750_000)]),
  c('Eggs 30 trays @ 420', [L('Eggs', 30_000, 'trays', 42_000, 1_260_000)]),
  c('Beef 12.5 kg at 650', [L('Beef', 12_500, 'kg', 65_000, 812_500)]),
  c('Dairy meal 4 bags @ 2,450', [L('Dairy meal', 4000, 'bags', 245_000, 980_000)]),
  c('Mangoes a dozen at 40 each', [L('Mangoes', 12_000, '', 4000, 48_000)]),

  // ---- retainers and billing periods ----
  c('IT support retainer for November 2026: 30,000', [L('IT support retainer', 1000, '', 3_000_000, 3_000_000)], { periodLabel: 'November 2026' }),
  c('December rent 45,000', [L('Rent', 1000, '', 4_500_000, 4_500_000)], { periodLabel: 'December 2026' }),
  c('Social media management for September 35,000', [L('Social media management', 1000, '', 3_500_000, 3_500_000)], { periodLabel: 'September 2026' }),
  c('Security guard services for the month of January 18,000', [L('Security guard services', 1000, '', 1_800_000, 1_800_000)], { periodLabel: 'January 2027' }),
  c('Retainer - Oct 2026 - 50k', [L('Retainer', 1000, '', 5_000_000, 5_000_000)], { periodLabel: 'October 2026' }),
  c('Monthly bookkeeping retainer 25,000 per month', [L('Monthly bookkeeping retainer', 1000, 'months', 2_500_000, 2_500_000)]),
  c('Website support for Feb 8,000', [L('Website support', 1000, '', 800_000, 800_000)], { periodLabel: 'February 2027' }),
  c('Office rent for May 2026 - 65,000', [L('Office rent', 1000, '', 6_500_000, 6_500_000)], { periodLabel: 'May 2026' }),
  c('Gardening retainer for this month 6,000', [L('Gardening retainer for this month', 1000, '', 600_000, 600_000)]),
  c('Hosting 15,000 for 3 months', [L('Hosting', 3000, 'months', 500_000, 1_500_000)]),
  c('Hosting 10,000 for 3 months', [L('Hosting (3 months)', 1000, '', 1_000_000, 1_000_000)]),

  // ---- VAT ----
  c('Consulting 50,000 plus VAT', [L('Consulting', 1000, '', 5_000_000, 5_000_000)]),
  c('Supply of laptops 2 @ 65,000 VAT inclusive', [L('Supply of laptops', 2000, '', 6_500_000, 13_000_000)], { pricesIncludeTax: true }),
  c('Books 3,000 - VAT exempt', [L('Books', 1000, '', 300_000, 300_000)], { taxRateBp: null }),
  c('Export services 200,000, zero-rated', [L('Export services', 1000, '', 20_000_000, 20_000_000)], { taxRateBp: 0 }),
  c('Maintenance 10,000 + 16% VAT', [L('Maintenance', 1000, '', 1_000_000, 1_000_000)]),
  c('Repairs KES 8,000 excl. VAT', [L('Repairs', 1000, '', 800_000, 800_000)]),
  c('Catering 30,000 inclusive of VAT', [L('Catering', 1000, '', 3_000_000, 3_000_000)], { pricesIncludeTax: true }),
  c('Printing 5,000 no VAT', [L('Printing', 1000, '', 500_000, 500_000)], { taxRateBp: null }),
  c('Hotel accommodation 2 nights at 9,000, VAT 16% inclusive', [L('Hotel accommodation', 2000, 'nights', 900_000, 1_800_000)], { pricesIncludeTax: true }),
  c('Petroleum products 25,000 plus 8% VAT', [L('Petroleum products', 1000, '', 2_500_000, 2_500_000)], { taxRateBp: 800 }),
  c('Hosting 12,000', [L('Hosting', 1000, '', 1_200_000, 1_200_000)], { options: { defaultTaxRateBp: null } }),
  c('VAT return filing 5,000', [L('VAT return filing', 1000, '', 500_000, 500_000)]),

  // ---- discounts ----
  c('Logo design 30,000 less 10%', [L('Logo design', 1000, '', 3_000_000, 3_000_000)], { discount: pct(1000) }),
  c('Website 100k with a 15% discount', [L('Website', 1000, '', 10_000_000, 10_000_000)], { discount: pct(1500) }),
  c('Hosting 24,000, discount of 2,000', [L('Hosting', 1000, '', 2_400_000, 2_400_000)], { discount: off(200_000) }),
  c('Branding package 75,000 - 5,000 off', [L('Branding package', 1000, '', 7_500_000, 7_500_000)], { discount: off(500_000) }),
  c('Catering 45,000 less discount 5,000', [L('Catering', 1000, '', 4_500_000, 4_500_000)], { discount: off(500_000) }),
  c('3 nights accommodation at 7,500 per night, 10% off', [L('Accommodation', 3000, 'nights', 750_000, 2_250_000)], { discount: pct(1000) }),
  c('Consulting 20 hours @ 3,000 minus 2.5%', [L('Consulting', 20_000, 'hours', 300_000, 6_000_000)], { discount: pct(250) }),
  c('Printing 1,000 flyers @ 12 each, discount 1,000', [L('Printing flyers', 1_000_000, '', 1200, 1_200_000)], { discount: off(100_000) }),
  c('Tiling labour 18,000 less 5% discount', [L('Tiling labour', 1000, '', 1_800_000, 1_800_000)], { discount: pct(500) }),

  // ---- due dates ----
  c('Consulting 30,000 due 30 Nov', [L('Consulting', 1000, '', 3_000_000, 3_000_000)], { dueDate: '2026-11-30' }),
  c('Logo 20k, due on 2026-12-05', [L('Logo', 1000, '', 2_000_000, 2_000_000)], { dueDate: '2026-12-05' }),
  c('Hosting 12,000 net 30', [L('Hosting', 1000, '', 1_200_000, 1_200_000)], { dueDate: '2026-12-18' }),
  c('Repairs 6,500 payable within 7 days', [L('Repairs', 1000, '', 650_000, 650_000)], { dueDate: '2026-11-25' }),
  c('Bookkeeping 15,000 due end of month', [L('Bookkeeping', 1000, '', 1_500_000, 1_500_000)], { dueDate: '2026-11-30' }),
  c('Transport 4,000, due tomorrow', [L('Transport', 1000, '', 400_000, 400_000)], { dueDate: '2026-11-19' }),
  c('Design 18,000 due Friday', [L('Design', 1000, '', 1_800_000, 1_800_000)], { dueDate: '2026-11-20' }),
  c('Consultancy 45,000, payment terms 30 days', [L('Consultancy', 1000, '', 4_500_000, 4_500_000)], { dueDate: '2026-12-18' }),
  c('Supplies 9,800 due on receipt', [L('Supplies', 1000, '', 980_000, 980_000)], { dueDate: '2026-11-18' }),
  c('Printing 3,000 due 05/12/2026', [L('Printing', 1000, '', 300_000, 300_000)], { dueDate: '2026-12-05' }),
  c('Website 60k, due in two weeks', [L('Website', 1000, '', 6_000_000, 6_000_000)], { dueDate: '2026-12-02' }),
  c('Hosting 5,000 pay by 15th December', [L('Hosting', 1000, '', 500_000, 500_000)], { dueDate: '2026-12-15' }),
  c('Rent 40,000 due by end of next month', [L('Rent', 1000, '', 4_000_000, 4_000_000)], { dueDate: '2026-12-31' }),
  c('Audit 90,000 due in 1 month', [L('Audit', 1000, '', 9_000_000, 9_000_000)], { dueDate: '2026-12-18' }),
  c('Cleaning 7,500 due in fourteen days', [L('Cleaning', 1000, '', 750_000, 750_000)], { dueDate: '2026-12-02' }),
  c('Fumigation 12,000, net 15', [L('Fumigation', 1000, '', 1_200_000, 1_200_000)], { dueDate: '2026-12-03' }),
  c('Mosquito nets 10 pieces at 650, due 15 Jan', [L('Mosquito nets', 10_000, 'pieces', 65_000, 650_000)], { dueDate: '2027-01-15' }),

  // ---- currencies ----
  c('Consulting USD 500', [L('Consulting', 1000, '', 50_000, 50_000)], { options: { currency: 'USD' } }),
  c('Safari package €1,200', [L('Safari package', 1000, '', 120_000, 120_000)], { options: { currency: 'EUR' } }),
  c('Tour guide UGX 150,000 per day for 3 days', [L('Tour guide', 3000, 'days', 150_000, 450_000)], { options: { currency: 'UGX', defaultTaxRateBp: 1800 } }),
  c('Transport TSh 50,000', [L('Transport', 1000, '', 5_000_000, 5_000_000)], { options: { currency: 'TZS', defaultTaxRateBp: 1800 } }),
  c('Delivery Sh 500', [L('Delivery', 1000, '', 50_000, 50_000)]),
  c('Cake 2,500/=', [L('Cake', 1000, '', 250_000, 250_000)]),
  c('Airtime 1,000 bob', [L('Airtime', 1000, '', 100_000, 100_000)]),
  c('Consulting £300 per hour for 4 hours', [L('Consulting', 4000, 'hours', 30_000, 120_000)], { options: { currency: 'GBP', defaultTaxRateBp: 2000 } }),
  c('Hosting $120 per year', [L('Hosting', 1000, 'years', 12_000, 12_000)], { currency: 'USD', warning: true }),
  c('Uganda trip 2 days at UGX 200,000', [L('Uganda trip', 2000, 'days', 200_000, 400_000)], { currency: 'UGX', warning: true }),
  c('Design 50,000 and printing USD 200', [L('Design', 1000, '', 5_000_000, 5_000_000), L('Printing', 1000, '', 20_000, 20_000)], { currency: 'USD', warning: true }),

  // ---- stated totals ----
  c('10 hours consulting @ 2,250 = 22,500', [L('Consulting', 10_000, 'hours', 225_000, 2_250_000)], { statedTotalMinor: 2_250_000 }),
  c('Logo 25,000 and cards 2 @ 3,500, total 32,000', [L('Logo', 1000, '', 2_500_000, 2_500_000), L('Cards', 2000, '', 350_000, 700_000)], { statedTotalMinor: 3_200_000 }),
  c('Website 50,000 + hosting 10,000 = 60,000', [L('Website', 1000, '', 5_000_000, 5_000_000), L('Hosting', 1000, '', 1_000_000, 1_000_000)], { statedTotalMinor: 6_000_000 }),
  c('Tyres 4 x 4,500 = 18,000', [L('Tyres', 4000, '', 450_000, 1_800_000)], { statedTotalMinor: 1_800_000 }),
  c('Cleaning 4 days @ 2,000 comes to 8,000', [L('Cleaning', 4000, 'days', 200_000, 800_000)], { statedTotalMinor: 800_000 }),
  c('3 months hosting, total 45,000', [L('Hosting', 3000, 'months', 1_500_000, 4_500_000)], { statedTotalMinor: 4_500_000, options: { defaultTaxRateBp: null } }),
  c('Consulting 2 days at 20,000 per day plus VAT, total 46,400', [L('Consulting', 2000, 'days', 2_000_000, 4_000_000)], { statedTotalMinor: 4_640_000 }),

  // ---- how people actually type ----
  c('WEB HOSTING 12 MONTHS @ KSH 1,000', [L('Web hosting', 12_000, 'months', 100_000, 1_200_000)]),
  c('logo   design    25k', [L('Logo design', 1000, '', 2_500_000, 2_500_000)]),
  c('consultancy 3 hurs at 2500 per hour', [L('Consultancy', 3000, 'hours', 250_000, 750_000)]),
  c('twelve chairs at 1,500 each', [L('Chairs', 12_000, '', 150_000, 1_800_000)]),
  c('a dozen T-shirts at 800 each', [L('T-shirts', 12_000, '', 80_000, 960_000)]),
  c('two and a half hours of plumbing at 1,200 per hour', [L('Plumbing', 2500, 'hours', 120_000, 300_000)]),
  c('half a day consulting at 20,000 per day', [L('Consulting', 500, 'days', 2_000_000, 1_000_000)]),
  c('Three months hosting @ Ksh1500 p.m.', [L('Hosting', 3000, 'months', 150_000, 450_000)]),
  c('Logo desgin 25,000', [L('Logo desgin', 1000, '', 2_500_000, 2_500_000)]),
  c('webiste 45k,hosting 8k', [L('Webiste', 1000, '', 4_500_000, 4_500_000), L('Hosting', 1000, '', 800_000, 800_000)]),
  c('Consulting 10hrs x 2500', [L('Consulting', 10_000, 'hours', 250_000, 2_500_000)]),
  c('Five hundred flyers at 10 bob each', [L('Flyers', 500_000, '', 1000, 500_000)]),
  c('Delivery fee: KES.1,500', [L('Delivery fee', 1000, '', 150_000, 150_000)]),
  c('hosting 1.5k per month for twelve months', [L('Hosting', 12_000, 'months', 150_000, 1_800_000)]),
  c('DESIGN OF COMPANY PROFILE 40,000', [L('Design of company profile', 1000, '', 4_000_000, 4_000_000)]),
  c('Repair of 2 laptops @3,000', [L('Repair of laptops', 2000, '', 300_000, 600_000)]),
  c('Invoice Acme Ltd for web design 40,000', [L('Web design', 1000, '', 4_000_000, 4_000_000)]),
  c('Please invoice for 2 days training at 15,000 per day, thanks', [L('Training', 2000, 'days', 1_500_000, 3_000_000)]),
  c('Website 50k. Hosting 6k.', [L('Website', 1000, '', 5_000_000, 5_000_000), L('Hosting', 1000, '', 600_000, 600_000)]),
  c('M-Pesa till 123456. Logo design 20k', [L('Logo design', 1000, '', 2_000_000, 2_000_000)]),
  c('Logo design 20,000. Pay via M-Pesa', [L('Logo design', 1000, '', 2_000_000, 2_000_000)]),
  c('Graphic design 8,000\nPrinting 200 copies @ 30\nDelivery 500', [L('Graphic design', 1000, '', 800_000, 800_000), L('Printing', 200_000, 'copies', 3000, 600_000), L('Delivery', 1000, '', 50_000, 50_000)]),
  c('- Site visit 3,000\n- Report writing 2 days @ 10,000/day', [L('Site visit', 1000, '', 300_000, 300_000), L('Report writing', 2000, 'days', 1_000_000, 2_000_000)]),
  c('Chapati 100 pcs @ 20 & tea 50 cups @ 30', [L('Chapati', 100_000, 'pieces', 2000, 200_000), L('Tea', 50_000, 'cups', 3000, 150_000)]),
  c('Salon: braids 3,500, pedicure 1,200 and manicure 800', [L('Salon: braids', 1000, '', 350_000, 350_000), L('Pedicure', 1000, '', 120_000, 120_000), L('Manicure', 1000, '', 80_000, 80_000)]),
  c('Car wash x 4 @ 400', [L('Car wash', 4000, '', 40_000, 160_000)]),
  c('Fundi labour 3 days @ 1,500/day plus materials 4,200', [L('Fundi labour', 3000, 'days', 150_000, 450_000), L('Materials', 1000, '', 420_000, 420_000)]),
  c('Water bowser 10,000 litres 3,500', [L('Water bowser', 10_000_000, 'litres', 350_000, 3_500_000_000, true)], { ambiguous: true }),

  // ---- ambiguous or broken: a warning, never a confident guess ----
  c('10 hours consulting 25,000', [L('Consulting', 10_000, 'hours', 2_500_000, 25_000_000, true)], { ambiguous: true }),
  c('Chairs 5', [L('Chairs', 1000, '', 500, 500, true)], { ambiguous: true }),
  c('Logo design', [L('Logo design', 1000, '', 0, 0, true)], { ambiguous: true }),
  c('3 months hosting 5,000 per week', [L('Hosting', 3000, 'months', 500_000, 1_500_000, true)], { ambiguous: true }),
  c('Consulting 2,500 per hour', [L('Consulting', 1000, 'hours', 250_000, 250_000, true)], { ambiguous: true }),
  c('Logo 25k business cards 3,500', [L('Logo business cards', 1000, '', 2_500_000, 2_500_000, true)], { ambiguous: true }),
  c('Printing 500 flyers 15,000', [L('Printing flyers', 500_000, '', 1_500_000, 750_000_000, true)], { ambiguous: true }),
  c('Hosting for 2027', [L('Hosting', 1000, '', 202_700, 202_700, true)], { ambiguous: true }),
  c('2 rooms for 3 nights at 4,500 per night', [L('', 6000, 'nights', 450_000, 2_700_000, true)], { ambiguous: true }),
  c('3 chairs and 2 tables at 5,000 each', [L('Chairs', 3000, '', 0, 0, true), L('Tables', 2000, '', 500_000, 1_000_000)], { ambiguous: true }),
  c('Website 80,000 and hosting', [L('Website', 1000, '', 8_000_000, 8_000_000), L('Hosting', 1000, '', 0, 0, true)], { ambiguous: true }),
  c('Catering for 50 people 45,000', [L('Catering', 50_000, 'people', 4_500_000, 225_000_000, true)], { ambiguous: true }),
  c('Consulting 10 2,500', [L('Consulting 10', 1000, '', 250_000, 250_000, true)], { ambiguous: true }),
  c('Logo 25k due 31 Feb', [L('Logo', 1000, '', 2_500_000, 2_500_000)], { ambiguous: true }),
  c('asdf qwerty', [L('Asdf qwerty', 1000, '', 0, 0, true)], { ambiguous: true }),
  c('Design work 50% deposit of 80,000', [L('Design work', 1000, '', 0, 0, true)], { ambiguous: true }),
  c('Photography 3 hrs @ 4,000 = 15,000', [L('Photography', 3000, 'hours', 400_000, 1_200_000)], { ambiguous: true, statedTotalMinor: 1_500_000 }),
  c('Chairs 10 @ 1,500 and tables 2 @ 6,000 total 25,000', [L('Chairs', 10_000, '', 150_000, 1_500_000), L('Tables', 2000, '', 600_000, 1_200_000)], { ambiguous: true, statedTotalMinor: 2_500_000 }),
  c('Logo design 25k, 10% discount, 5% discount', [L('Logo design', 1000, '', 2_500_000, 2_500_000)], { ambiguous: true, discount: pct(1000) }),
  c('Consulting 40,000 with VAT', [L('Consulting', 1000, '', 4_000_000, 4_000_000)], { ambiguous: true }),
  c('Website 80,000 VAT', [L('Website', 1000, '', 8_000_000, 8_000_000)], { ambiguous: true }),
  c('Hosting 15,000 USD', [L('Hosting', 1000, '', 1_500_000, 1_500_000)], { ambiguous: true, currency: 'USD' }),
  c('Tyres 4 4,500', [L('Tyres 4', 1000, '', 450_000, 450_000, true)], { ambiguous: true }),
  c('Transport 1,500.755', [L('Transport', 1000, '', 150_076, 150_076, true)], { ambiguous: true }),
  c('Sound system 5,000 per day', [L('Sound system', 1000, 'days', 500_000, 500_000, true)], { ambiguous: true }),
  c('1 kg', [], { ambiguous: true }),
  c('Cleaning services October and November at 12,000 per month', [L('Cleaning services October and November', 1000, 'months', 1_200_000, 1_200_000, true)], { ambiguous: true }),
  c('Website 120,000 less 10,000 deposit paid', [L('Website', 1000, '', 12_000_000, 12_000_000)], { ambiguous: true }),
  c('99999999999999999999 shillings of gold', [L('Gold', 1000, '', 0, 0, true)], { ambiguous: true }),
  c('Interpretation services half a day 12,000', [L('Interpretation services', 500, 'days', 1_200_000, 600_000, true)], { ambiguous: true }),
  c('Swimming lessons for 2 kids, 10 lessons at 800 per lesson', [L('Swimming lessons for kids', 20_000, 'lessons', 80_000, 1_600_000, true)], { ambiguous: true }),
  c('Logo 15,000 due 10 Nov', [L('Logo', 1000, '', 1_500_000, 1_500_000)], { ambiguous: true, dueDate: '2027-11-10' }),
  c('Catering 20k due 2025-12-01', [L('Catering', 1000, '', 2_000_000, 2_000_000)], { ambiguous: true, dueDate: '2025-12-01' }),
  c('Hosting 12,000 plus VAT', [L('Hosting', 1000, '', 1_200_000, 1_200_000)], { ambiguous: true, taxRateBp: 1600, options: { defaultTaxRateBp: null } }),
  c('3 months hosting, total 45,000', [L('Hosting', 3000, 'months', 1_500_000, 4_500_000, true)], { ambiguous: true, statedTotalMinor: 4_500_000 }),
  c('Training 20 staff 2,500', [L('Training', 20_000, 'people', 250_000, 5_000_000, true)], { ambiguous: true }),
  c('Conference package for 30 delegates at 3,500 per person per day for 2 days', [L('Conference package', 60_000, 'people', 350_000, 21_000_000, true)], { ambiguous: true }),
  c('School fees tutoring 12,000 with 20% sibling discount', [L('School fees tutoring', 1000, '', 1_200_000, 1_200_000, true)], { ambiguous: true }),
  c('Website design and hosting, 3 months', [L('Website design and hosting', 3000, 'months', 0, 0, true)], { ambiguous: true }),

  // ---- issue 17: a count before goods whose name carries a size ----
  c('Supply 4 x 5kg bags of rice at 650', [L('Supply 5kg bags of rice', 4000, '', 65_000, 260_000)]),
  c('6 x 2 litre bottles of cooking oil @ 480', [L('2 litre bottles of cooking oil', 6000, '', 48_000, 288_000)]),
  c('5 by 20 litre jerrycans at 300', [L('20 litre jerrycans', 5000, '', 30_000, 150_000)]),
  c('Three 50kg bags of cement at 780 each', [L('50kg bags of cement', 3000, '', 78_000, 234_000)]),
  c('12 pcs 500g packets of sugar @ 140', [L('500g packets of sugar', 12_000, 'pieces', 14_000, 168_000)]),
  c('10 × 6m steel pipes at 1,250', [L('6m steel pipes', 10_000, '', 125_000, 1_250_000)]),
  c('4 x 24 inch monitors at 18,000', [L('24 inch monitors', 4000, '', 1_800_000, 7_200_000)]),
  c('two 32 GB flash disks @ 900', [L('32 GB flash disks', 2000, '', 90_000, 180_000)]),
  c('Laptop bag 15 inch 3 @ 2,500', [L('Laptop bag 15 inch', 3000, '', 250_000, 750_000)]),

  // ---- issue 17: a count of people or things the item is for ----
  c('Field trip for 45 children at 800 each', [L('Field trip for children', 45_000, '', 80_000, 3_600_000)]),
  c('Packed lunch for 25 participants at 350', [L('Packed lunch', 25_000, 'participants', 35_000, 875_000)]),
  c('Accommodation 4 rooms at 5,500 per room per night for 2 nights', [L('Accommodation', 8000, 'rooms', 550_000, 4_400_000, true)], { ambiguous: true }),

  // ---- issue 17: a stated total settles which number is which ----
  c('Printing 500 flyers 30, total 15,000', [L('Printing flyers', 500_000, '', 3000, 1_500_000)], { statedTotalMinor: 1_500_000 }),
  c('Cement 20 bags 750 total 15,000', [L('Cement', 20_000, 'bags', 75_000, 1_500_000)], { statedTotalMinor: 1_500_000 }),
  c('Consulting 10 hours 2,500 = 25,000', [L('Consulting', 10_000, 'hours', 250_000, 2_500_000)], { statedTotalMinor: 2_500_000 }),
  c('Hosting 3 months 1,500 totalling 4,500', [L('Hosting', 3000, 'months', 150_000, 450_000)], { statedTotalMinor: 450_000 }),
  c('12 shirts 7,200 total 7,200', [L('Shirts', 12_000, '', 60_000, 720_000)], { statedTotalMinor: 720_000 }),
  c('Chairs 40 500 making 20,000', [L('Chairs', 40_000, '', 50_000, 2_000_000, true)], { ambiguous: true }),
  c('Sodas 24 50 = 1,200', [L('Sodas', 24_000, '', 5000, 120_000, true)], { ambiguous: true }),

  // ---- issue 17: VAT wording ----
  c('Hosting 12,000 +VAT', [L('Hosting', 1000, '', 1_200_000, 1_200_000)], { options: { defaultPricesIncludeTax: true } }),
  c('Hosting 12,000 VAT not included', [L('Hosting', 1000, '', 1_200_000, 1_200_000)], { options: { defaultPricesIncludeTax: true } }),
  c('Audit 90,000 subject to VAT', [L('Audit', 1000, '', 9_000_000, 9_000_000)], { taxRateBp: 1600, ambiguous: true, options: { defaultTaxRateBp: null } }),
  c('Consulting 50,000 exclusive VAT', [L('Consulting', 1000, '', 5_000_000, 5_000_000)], { options: { defaultPricesIncludeTax: true } }),
  c('Consulting 50,000 less VAT', [L('Consulting less VAT', 1000, '', 5_000_000, 5_000_000)], { ambiguous: true }),
  c('Laptop 65,000 VAT included', [L('Laptop', 1000, '', 6_500_000, 6_500_000)], { pricesIncludeTax: true }),
];

/**
 * Written after the parser was tuned on CORPUS and scored once before any change, so that its
 * accuracy says something about sentences the parser was not fitted to. Only safety fixes (a silent
 * wrong amount) may be made because of it; its expectations are what a person means, kept strict.
 */
export const HOLDOUT: CorpusCase[] = [
  c('Supply and installation of 3 water tanks 5000L @ 28,500', [L('Supply and installation of water tanks 5000L', 3000, '', 2_850_000, 8_550_000)]),
  c('Kitchen cabinets - labour 35k, materials 62,500', [L('Kitchen cabinets - labour', 1000, '', 3_500_000, 3_500_000), L('Materials', 1000, '', 6_250_000, 6_250_000)]),
  c('Photocopying 350 pages at 3 bob', [L('Photocopying', 350_000, 'pages', 300, 105_000)]),
  c('Charge 2,000 for delivery to Thika', [L('Delivery to Thika', 1000, '', 200_000, 200_000)]),
  c('Data entry 3 weeks @ 12,000/week', [L('Data entry', 3000, 'weeks', 1_200_000, 3_600_000)]),
  c('Goat 1 @ 9,000, chicken 4 @ 900', [L('Goat', 1000, '', 900_000, 900_000), L('Chicken', 4000, '', 90_000, 360_000)]),
  c('App development phase 2: 250,000 due in 30 days', [L('App development phase 2', 1000, '', 25_000_000, 25_000_000)], { dueDate: '2026-12-18' }),
  c('Rent for Nov and Dec at 30,000 per month', [L('Rent', 2000, 'months', 3_000_000, 6_000_000)]),
  c('Painting 3 bedrooms at 15k each plus 10 litres paint @ 800', [L('Painting bedrooms', 3000, '', 1_500_000, 4_500_000), L('Paint', 10_000, 'litres', 80_000, 800_000)]),
  c('Consultation fee KSH 3,000', [L('Consultation fee', 1000, '', 300_000, 300_000)]),
  c('Cake 2kg 3,200', [L('Cake', 2000, 'kg', 320_000, 640_000, true)], { ambiguous: true }),
  c('Laundry 12kg @ 150 per kg, ironing 20 shirts @ 30', [L('Laundry', 12_000, 'kg', 15_000, 180_000), L('Ironing shirts', 20_000, '', 3000, 60_000)]),
  c('USD 1,500 for website', [L('Website', 1000, '', 150_000, 150_000)], { options: { currency: 'USD' } }),
  c('School bus hire 2 trips x KES 8,500', [L('School bus hire', 2000, 'trips', 850_000, 1_700_000)]),
  c('Borehole survey 1 @ 45000 + drilling 80 metres @ 6,500', [L('Borehole survey', 1000, '', 4_500_000, 4_500_000), L('Drilling', 80_000, 'm', 650_000, 52_000_000)]),
  c('Wedding cake 25,000, deposit 10,000 received', [L('Wedding cake', 1000, '', 2_500_000, 2_500_000)], { ambiguous: true }),
  c('Quarterly maintenance 3 x 7,500 = 22,500 (VAT incl)', [L('Quarterly maintenance', 3000, '', 750_000, 2_250_000)], { pricesIncludeTax: true, statedTotalMinor: 2_250_000 }),
  c('Sign writing 4 signs at Sh. 2,500', [L('Sign writing', 4000, '', 250_000, 1_000_000)]),
  c('Hair braiding 2,500 and hair products 1,350', [L('Hair braiding', 1000, '', 250_000, 250_000), L('Hair products', 1000, '', 135_000, 135_000)]),
  c('Car service: labour 4,000; oil 5 litres @ 950; oil filter 1,200', [L('Car service: labour', 1000, '', 400_000, 400_000), L('Oil', 5000, 'litres', 95_000, 475_000), L('Oil filter', 1000, '', 120_000, 120_000)]),
  c('Security services 45,000 monthly x 12 months', [L('Security services', 12_000, 'months', 4_500_000, 54_000_000)]),
  c('ten hours of IT support at 2000 an hour', [L('IT support', 10_000, 'hours', 200_000, 2_000_000)]),
  c('Event photography 1 day 20k + editing 5k', [L('Event photography', 1000, 'days', 2_000_000, 2_000_000), L('Editing', 1000, '', 500_000, 500_000)]),
  c('Printing of 1000 brochures at 45 each less 5%', [L('Printing of brochures', 1_000_000, '', 4500, 4_500_000)], { discount: pct(500) }),
  c('Repairs 12,000 payable by 30th November', [L('Repairs', 1000, '', 1_200_000, 1_200_000)], { dueDate: '2026-11-30' }),
  c('Graphic design retainer - November - 40k', [L('Graphic design retainer', 1000, '', 4_000_000, 4_000_000)], { periodLabel: 'November 2026' }),
  c('Airbnb stay 4 nights @ 6,500 + cleaning fee 1,500', [L('Airbnb stay', 4000, 'nights', 650_000, 2_600_000), L('Cleaning fee', 1000, '', 150_000, 150_000)]),
  c('Consulting for ABC Ltd 3 days 60,000', [L('Consulting for ABC Ltd', 3000, 'days', 6_000_000, 18_000_000, true)], { ambiguous: true }),
  c('Water delivery 5 jerrycans x 50', [L('Water delivery', 5000, 'jerrycans', 5000, 25_000)]),
  c('Fencing 100 metres at KES 450 per metre, gate 25,000', [L('Fencing', 100_000, 'm', 45_000, 4_500_000), L('Gate', 1000, '', 2_500_000, 2_500_000)]),
  c('hosting  -  1 year - ksh 9,000', [L('Hosting', 1000, 'years', 900_000, 900_000)]),
  c('Website content writing 8 pages x 1500 = 12000', [L('Website content writing', 8000, 'pages', 150_000, 1_200_000)], { statedTotalMinor: 1_200_000 }),
  c('Bridal makeup 15,000 & 3 bridesmaids @ 4,000', [L('Bridal makeup', 1000, '', 1_500_000, 1_500_000), L('Bridesmaids', 3000, '', 400_000, 1_200_000)]),
  c('Accounting services Q3 2026 60,000', [L('Accounting services Q3 2026', 1000, '', 6_000_000, 6_000_000)]),
  c('Pest control 3 visits at 4,000 per visit, net 14', [L('Pest control', 3000, 'visits', 400_000, 1_200_000)], { dueDate: '2026-12-02' }),
  c('Tyre change 4 tyres @ 6500 each KES', [L('Tyre change', 4000, '', 650_000, 2_600_000)]),
  c('1 goat 8,500', [L('Goat', 1000, '', 850_000, 850_000)]),
  c('Plumbing repair - kshs 3500/=', [L('Plumbing repair', 1000, '', 350_000, 350_000)]),
  c('Conference room hire half day 8,000', [L('Conference room hire half day', 1000, '', 800_000, 800_000)]),
  c('Delivery charges 3 @ 250, 1 @ 400', [L('Delivery charges', 3000, '', 25_000, 75_000), L('Delivery charges', 1000, '', 40_000, 40_000)]),
];

/**
 * Issue 17's holdout: written after the parser was changed for the four families (sized goods, counts
 * of people, stated totals, VAT wording), scored once and reported as-is. Not tuned on: fix only a
 * silent wrong amount because of it, and say so.
 */
export const HOLDOUT_17: CorpusCase[] = [
  // sized goods
  c('8 x 1kg packets of flour @ 210', [L('1kg packets of flour', 8000, '', 21_000, 168_000)]),
  c('Supply of 2 by 10 litre paint buckets at 4,800', [L('Supply of 10 litre paint buckets', 2000, '', 480_000, 960_000)]),
  c('seven 250ml bottles of juice at 60 each', [L('250ml bottles of juice', 7000, '', 6000, 42_000)]),
  c('3 × 43 inch TVs @ 38,000', [L('43 inch TVs', 3000, '', 3_800_000, 11_400_000)]),
  c('Memory cards 16GB, 10 pcs @ 650', [L('Memory cards 16GB', 10_000, 'pieces', 65_000, 650_000)]),
  c('5 x 3m PVC pipes at 420', [L('3m PVC pipes', 5000, '', 42_000, 210_000)]),
  // counts of people and things
  c('Breakfast for 18 guests at 650 per head', [L('Breakfast', 18_000, 'guests', 65_000, 1_170_000)]),
  c('First aid training for ten participants @ 3,000', [L('First aid training', 10_000, 'participants', 300_000, 3_000_000)]),
  c('Hostel fee for 4 students at 9,000 each', [L('Hostel fee', 4000, 'students', 900_000, 3_600_000)]),
  c('Team lunch 35 pax x 700', [L('Team lunch', 35_000, 'people', 70_000, 2_450_000)]),
  c('Cottage 2 nights at 7,000 per night', [L('Cottage', 2000, 'nights', 700_000, 1_400_000)]),
  c('Haircut for 3 kids @ 250', [L('Haircut for kids', 3000, '', 25_000, 75_000)]),
  // stated totals
  c('Brochures 2,000 at 18 = 36,000', [L('Brochures', 2_000_000, '', 1800, 3_600_000)], { statedTotalMinor: 3_600_000 }),
  c('Tiles 30 boxes 1,250, total 37,500', [L('Tiles', 30_000, 'boxes', 125_000, 3_750_000)], { statedTotalMinor: 3_750_000 }),
  c('Security guards 2 x 18,000 making 36,000', [L('Security guards', 2000, '', 1_800_000, 3_600_000)], { statedTotalMinor: 3_600_000 }),
  c('Stickers 400 pieces 25 coming to 10,000', [L('Stickers', 400_000, 'pieces', 2500, 1_000_000)], { statedTotalMinor: 1_000_000 }),
  c('Gas refill 6 cylinders 3,100 totalling 18,600', [L('Gas refill', 6000, '', 310_000, 1_860_000)], { statedTotalMinor: 1_860_000 }),
  // VAT wording
  c('Consultancy 75,000 exclusive of VAT', [L('Consultancy', 1000, '', 7_500_000, 7_500_000)], { options: { defaultPricesIncludeTax: true } }),
  c('Office chairs 5 @ 8,200 VAT extra', [L('Office chairs', 5000, '', 820_000, 4_100_000)], { options: { defaultPricesIncludeTax: true } }),
  c('Generator service 14,000 inclusive of 16% VAT', [L('Generator service', 1000, '', 1_400_000, 1_400_000)], { pricesIncludeTax: true }),
  c('Printing 9,000 plus VAT', [L('Printing', 1000, '', 900_000, 900_000)], { taxRateBp: 1600, ambiguous: true, options: { defaultTaxRateBp: null } }),
  c('Tent hire 20,000 VAT incl.', [L('Tent hire', 1000, '', 2_000_000, 2_000_000)], { pricesIncludeTax: true }),
  c('Logo 30,000 excl. VAT and banner 6,000 incl. VAT', [L('Logo', 1000, '', 3_000_000, 3_000_000), L('Banner', 1000, '', 600_000, 600_000)], { ambiguous: true }),
  // ordinary
  c('Gardening 3 days at 1,500 a day', [L('Gardening', 3000, 'days', 150_000, 450_000)]),
  c('Website audit 22,000, due in 10 days', [L('Website audit', 1000, '', 2_200_000, 2_200_000)], { dueDate: '2026-11-28' }),
  c('Sofa cleaning 4,500 and carpet cleaning 2 @ 1,800', [L('Sofa cleaning', 1000, '', 450_000, 450_000), L('Carpet cleaning', 2000, '', 180_000, 360_000)]),
];
