import { paths } from '../lib/router';

export function NotFound({ path }: { path: string }) {
  return (
    <section className="screen">
      <h1>Page not found</h1>
      <p>There is no page at “{path}”.</p>
      <p><a href={paths.customers()}>Go to customers</a></p>
    </section>
  );
}
