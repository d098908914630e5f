// Whether a host name is this computer: localhost, 127.0.0.0/8 or ::1. Read from the text alone,
// never by resolving it, so a name that only resolves here (or that DNS could be made to) is "elsewhere".

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Octets(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (an IPv4 tail counts as two), or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/.test(text) || text.split('::').length > 2) return null;
  let tail: number[] = [];
  let body = text;
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    const v4 = ipv4Octets(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    const prefix = text.slice(0, lastColon + 1);
    body = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const [head, rest] = body.split('::') as [string, string | undefined];
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const given = [...left, ...right, ...tail];
  if (given.some(Number.isNaN)) return null;
  if (rest === undefined) return given.length === 8 ? given : null;
  if (given.length > 7) return null;
  return [...left, ...Array<number>(8 - given.length).fill(0), ...right, ...tail];
}

export function isLocalHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost') return true;
  const v4 = ipv4Octets(name);
  if (v4) return v4[0] === 127;
  const v6 = ipv6Groups(name);
  if (!v6) return false;
  if (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1) return true;
  // An IPv4 loopback written as IPv6 (::ffff:127.0.0.1).
  return v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff && v6[6]! >> 8 === 127;
}
