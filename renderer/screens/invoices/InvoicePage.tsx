// Placeholder until the invoice page lands.
export function InvoicePage({ id }: { id: string }) {
  return (
    <section className="screen">
      <h1>Invoice</h1>
      <p>{id}</p>
    </section>
  );
}
