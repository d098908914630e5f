// pdfkit ships no types; react-pdf drives it, and Billbook only reaches its prototypes (textCaches.ts, contentWrites.ts).
declare module 'pdfkit' {
  const PDFDocument: { prototype: object; new (options?: object): object };
  export default PDFDocument;
}
