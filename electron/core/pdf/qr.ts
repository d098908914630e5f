// QR codes on documents (KRA's verification link, the customer's page to pay online), as modules.
import QRCode from 'qrcode';

/** The QR code's modules as rows of 0s and 1s: drawn as squares by the PDF and the screen alike. */
export function qrRows(text: string): string[] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let r = 0; r < modules.size; r++) {
    let row = '';
    for (let c = 0; c < modules.size; c++) row += modules.get(r, c) ? '1' : '0';
    rows.push(row);
  }
  return rows;
}
