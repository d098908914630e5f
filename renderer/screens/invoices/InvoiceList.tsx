// Placeholder until the invoice list lands.
export function InvoiceList() {
  return (
    <section className="screen">
      <h1>Invoices</h1>
    </section>
  );
}
