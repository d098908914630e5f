// Placeholder until the draft editor lands.
export function DraftEditor({ id, customerId }: { id?: string; customerId?: string }) {
  return (
    <section className="screen">
      <h1>{id ? 'Edit draft' : 'New invoice'}</h1>
      <p>{customerId}</p>
    </section>
  );
}
