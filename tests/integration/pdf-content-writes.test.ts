// pdfkit's stream writes kept as text and turned into bytes once (pdf/contentWrites.ts): a stream
// written with texts and bytes in turn, compressed or not, comes out as pdfkit alone writes it.
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { joinContentWrites, setJoinedContentWrites } from '../../electron/core/pdf/contentWrites';

interface Reference {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}
interface Document {
  ref(data?: object): Reference;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  end(): void;
}

/** A whole file with one stream written texts, bytes, texts, as react-pdf's drawing and an image's data would be. */
async function fileOf(joined: boolean, compress: boolean): Promise<Buffer> {
  setJoinedContentWrites(joined);
  const doc = new PDFDocument({ autoFirstPage: false, compress, info: { CreationDate: new Date('2026-11-21T09:00:00.000Z') } }) as unknown as Document;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  const stream = doc.ref({});
  stream.write('q 1 0 0 1 40 36 cm');
  stream.write('BT /F1 9 Tf <0041004200c3> Tj ET');
  stream.write(new Uint8Array([0, 1, 2, 254, 255]));
  stream.write('Zoë Łódź ₦ — a text with characters past one byte');
  stream.write(new Uint8Array([10, 13]));
  stream.end('Q');
  const texts = doc.ref({});
  texts.write('0.5 w 40 700 m 555 700 l S');
  texts.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('pdfkit writes joined', () => {
  joinContentWrites();
  afterAll(() => setJoinedContentWrites(true));

  it('make the same file as pdfkit alone, with texts and bytes mixed in one stream, compressed or not', async () => {
    for (const compress of [true, false]) {
      const own = await fileOf(false, compress);
      const joined = await fileOf(true, compress);
      expect(joined.equals(own), compress ? 'compressed' : 'uncompressed').toBe(true);
    }
    // Uncompressed, the texts are there in the order written, each on its own line.
    const plain = (await fileOf(true, false)).toString('latin1');
    expect(plain).toContain('q 1 0 0 1 40 36 cm\nBT /F1 9 Tf <0041004200c3> Tj ET\n\u0000\u0001\u0002');
    expect(plain).toMatch(/\n\r(Q\n)/);
  });
});
