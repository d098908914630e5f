/** An email address that may wrap before its @ (and after its dots), never in the middle of a word. */
export function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  const domain = email.slice(at).split('.');
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {domain.map((part, i) => (
        <span key={i}>
          {i > 0 && '.'}
          {part}
          {i < domain.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}
