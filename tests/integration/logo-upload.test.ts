// A logo is checked by what its bytes are, not by what its data: URL claims: a real PNG or JPEG
// (magic bytes), at most 2000×2000 pixels (read from the PNG IHDR / JPEG SOFn header), so no
// upload can make every PDF slow. Real files, made here byte by byte.
import { describe, expect, it } from 'vitest';
import { getInvoice } from '../../electron/core/invoices/service';
import { invoicePdfModel } from '../../electron/core/pdf/model';
import { invoiceView } from '../../electron/core/pdf/templates/view';
import { readSettings } from '../../electron/core/settings/service';
import { imageSize, logoProblem, MAX_LOGO_PIXELS } from '../../shared/images';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice } from '../helpers/billing';
import { jpeg, png } from '../helpers/images';

const dataUrl = (type: 'png' | 'jpeg', bytes: Buffer) => `data:image/${type};base64,${bytes.toString('base64')}`;

const BUSINESS = { name: 'Kilimani Web Studio', street: '', city: 'Nairobi', postalCode: '', country: 'Kenya', taxId: 'P051234567X', phone: '', email: '', website: '', vatRegistered: true, defaultTaxRateBp: 1600 };

describe('reading an image header', () => {
  it('reads PNG and JPEG sizes from their headers, and knows bytes that are neither', () => {
    expect(imageSize(png(48, 24))).toEqual({ type: 'png', width: 48, height: 24 });
    expect(imageSize(png(8000, 8000))).toEqual({ type: 'png', width: 8000, height: 8000 });
    expect(imageSize(jpeg(640, 480))).toEqual({ type: 'jpeg', width: 640, height: 480 });
    expect(imageSize(jpeg(3000, 1000, 0xc2))).toEqual({ type: 'jpeg', width: 3000, height: 1000 });
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageSize(png(48, 24).subarray(0, 20)), 'cut off before the size').toBeNull();
    expect(imageSize(jpeg(640, 480).subarray(0, 3000)), 'cut off before the frame header').toBeNull();
    expect(imageSize(new Uint8Array(0))).toBeNull();
  });

  it('names what is wrong with a logo, and passes a fine one', () => {
    expect(logoProblem(dataUrl('png', png(600, 200)))).toBeNull();
    expect(logoProblem(dataUrl('jpeg', jpeg(2000, 2000)))).toBeNull();
    expect(logoProblem('')).toBeNull();
    expect(logoProblem(dataUrl('png', Buffer.from('GIF89a this is not a PNG at all')))).toMatch(/not a real PNG or JPEG/);
    expect(logoProblem(dataUrl('png', jpeg(100, 100))), 'a JPEG labelled PNG').toMatch(/not a real PNG/);
    expect(logoProblem(dataUrl('png', png(8000, 8000)))).toBe(
      `The logo is 8000×8000 pixels; at most ${MAX_LOGO_PIXELS}×${MAX_LOGO_PIXELS} is allowed. Save a smaller copy (about 600 pixels wide is plenty) and choose it again.`,
    );
    expect(logoProblem(dataUrl('jpeg', jpeg(2001, 10)))).toMatch(/2001×10 pixels/);
  });
});

describe('saving a logo', () => {
  it('refuses bytes that are not the PNG they claim to be, and a huge one, under the logo field', async () => {
    const { core } = makeCore();
    const fake = await refused(core, 'settings.update', { business: { ...BUSINESS, logoDataUrl: dataUrl('png', Buffer.from('%PDF-1.7 not an image, though it says so')) } });
    expect(fake.fields?.['business.logoDataUrl']).toMatch(/not a real PNG or JPEG image/);
    const huge = await refused(core, 'settings.update', { business: { ...BUSINESS, logoDataUrl: dataUrl('png', png(8000, 8000)) } });
    expect(huge.fields?.['business.logoDataUrl']).toMatch(/8000×8000 pixels; at most 2000×2000/);
    expect((await call(core, 'settings.get', {})).business.logoDataUrl).toBe('');

    const fine = dataUrl('png', png(600, 200));
    expect((await call(core, 'settings.update', { business: { ...BUSINESS, logoDataUrl: fine } })).business.logoDataUrl).toBe(fine);
    const photo = dataUrl('jpeg', jpeg(1200, 400));
    expect((await call(core, 'settings.update', { business: { ...BUSINESS, logoDataUrl: photo } })).business.logoDataUrl).toBe(photo);
  });

  it('leaves out of the PDF a huge logo saved before the check, keeping the rest of the business profile', async () => {
    const { core } = makeCore();
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    const settings = readSettings(core.context);
    const view = (logoDataUrl: string) =>
      invoiceView(invoicePdfModel(getInvoice(core.context, inv.id), { ...settings, business: { ...BUSINESS, logoDataUrl } }, 'professional', new Date('2026-11-21T09:00:00Z')));
    expect(view(dataUrl('png', png(8000, 8000))).business).toMatchObject({ name: 'Kilimani Web Studio', logo: null });
    const fine = dataUrl('png', png(600, 200));
    expect(view(fine).business.logo).toBe(fine);
  });
});
