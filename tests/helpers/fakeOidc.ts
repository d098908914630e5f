// A small OpenID Connect provider on 127.0.0.1 for the single sign-on tests: discovery, an
// authorization endpoint that signs in whoever the test says (the person "typed their password"),
// a token endpoint that checks the code, client secret and PKCE verifier, and RS256 ID tokens
// signed with jose. It speaks the protocol; it is not a copy of our client.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface OidcPerson {
  email: string;
  name: string;
  emailVerified?: boolean;
}

export interface FakeOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorization request. */
  signInAs(person: OidcPerson): void;
  /** The next token answer carries an ID token with this changed (for forged or wrong tokens). */
  tamperNext(change: { aud?: string; nonce?: string; issuer?: string; signWithOtherKey?: boolean }): void;
  tokenRequests: number;
  close(): Promise<void>;
}

interface Grant {
  person: OidcPerson;
  nonce: string;
  challenge: string;
  redirectUri: string;
}

export async function startFakeOidc(): Promise<FakeOidc> {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'billbook-cloud';
  const clientSecret = crypto.randomBytes(16).toString('hex');
  const grants = new Map<string, Grant>();
  let person: OidcPerson = { email: 'someone@example.com', name: 'Someone' };
  let tamper: Parameters<FakeOidc['tamperNext']>[0] | null = null;
  let issuer = '';
  const fake = { tokenRequests: 0 };

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => resolve(body));
    });
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
          scopes_supported: ['openid', 'email', 'profile'],
        });
      }
      if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const p = url.searchParams;
        if (p.get('client_id') !== clientId || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256') {
          return json(res, 400, { error: 'invalid_request' });
        }
        const code = crypto.randomBytes(12).toString('hex');
        grants.set(code, { person, nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', redirectUri: p.get('redirect_uri') ?? '' });
        const back = new URL(p.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', p.get('state') ?? '');
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        fake.tokenRequests += 1;
        const form = new URLSearchParams(await readBody(req));
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
        if (!grant || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret || challenge !== grant.challenge || form.get('redirect_uri') !== grant.redirectUri) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        const change = tamper ?? {};
        tamper = null;
        const now = Math.floor(Date.now() / 1000);
        const idToken = await new SignJWT({ email: grant.person.email, email_verified: grant.person.emailVerified ?? true, name: grant.person.name, nonce: change.nonce ?? grant.nonce })
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
          .setIssuer(change.issuer ?? issuer)
          .setAudience(change.aud ?? clientId)
          .setSubject(crypto.createHash('sha256').update(grant.person.email).digest('hex').slice(0, 20))
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .sign(change.signWithOtherKey ? other.privateKey : keys.privateKey);
        return json(res, 200, { access_token: crypto.randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      json(res, 404, { error: 'not_found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer, clientId, clientSecret,
    signInAs: (p) => (person = p),
    tamperNext: (c) => (tamper = c),
    get tokenRequests() {
      return fake.tokenRequests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
