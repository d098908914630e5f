// pdfkit ships no types; react-pdf drives it, and Billbook only reaches its prototype (textCaches.ts).
declare module 'pdfkit' {
  const PDFDocument: { prototype: object };
  export default PDFDocument;
}
