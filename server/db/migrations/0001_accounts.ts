import type { CloudMigration } from '../migrate';

// People, organisations, memberships, invitations, devices, sessions and the audit log. Every row
// that belongs to an organisation carries org_id, and row-level security lets the application role
// (billbook_app, which every request switches to) see only the organisation the request is for.
export const migration0001: CloudMigration = {
  version: 1,
  name: 'accounts, organisations, devices, audit',
  up: `
    CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      name text NOT NULL,
      password_hash text,
      failed_sign_ins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE orgs (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      -- Bumped by every sync change; a device's pull cursor is a value of it.
      version bigint NOT NULL DEFAULT 0,
      sso_issuer text,
      sso_client_id text,
      sso_client_secret text,
      sso_domain text,
      created_at timestamptz NOT NULL,
      deleted_at timestamptz
    );

    CREATE TABLE memberships (
      org_id uuid NOT NULL REFERENCES orgs (id),
      account_id uuid NOT NULL REFERENCES accounts (id),
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'accountant', 'sales', 'viewer')),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, account_id)
    );
    CREATE INDEX memberships_by_account ON memberships (account_id);

    CREATE TABLE invitations (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs (id),
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'accountant', 'sales', 'viewer')),
      token_hash text NOT NULL UNIQUE,
      invited_by uuid NOT NULL REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX invitations_by_org ON invitations (org_id, created_at);

    -- A person's sign-in, not tied to an organisation: lists organisations, accepts invitations,
    -- registers devices. Short-lived; the desktop keeps a device token instead.
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX sessions_by_account ON sessions (account_id);

    -- One-time sign-in links and SSO hand-overs: the hash of a random token, used once.
    CREATE TABLE sign_in_links (
      token_hash text PRIMARY KEY,
      email text NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('email_link', 'sso')),
      account_id uuid REFERENCES accounts (id),
      -- The hash of what the person's browser brings back: the emailed link's token, or the SSO state.
      state text UNIQUE,
      details text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE devices (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs (id),
      account_id uuid NOT NULL REFERENCES accounts (id),
      name text NOT NULL,
      -- Short, unique in the organisation: the {DEVICE} part of this device's number series.
      code text NOT NULL,
      -- The first device of an organisation keeps the plain series (INV-2026-0001).
      series_index integer NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES accounts (id),
      -- Sync: the last mutation of this device applied (or refused), advanced with its effects.
      last_mutation_id bigint NOT NULL DEFAULT 0,
      clock_skew_ms bigint NOT NULL DEFAULT 0,
      app_version text NOT NULL DEFAULT '',
      schema_version integer NOT NULL DEFAULT 0,
      UNIQUE (org_id, code),
      UNIQUE (org_id, series_index)
    );
    CREATE INDEX devices_by_org ON devices (org_id, created_at);

    CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs (id),
      at timestamptz NOT NULL,
      account_id uuid,
      device_id uuid,
      action text NOT NULL,
      target text NOT NULL DEFAULT '',
      details jsonb NOT NULL DEFAULT '{}',
      request_id text NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_events_by_org ON audit_events (org_id, id DESC);

    -- Sign-in attempts per address and per email, for rate limits shared by every instance.
    CREATE TABLE rate_limits (
      bucket text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL
    );

    -- The second wall: whatever a query forgets, the application role sees one organisation only.
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'billbook_app') THEN CREATE ROLE billbook_app NOLOGIN; END IF;
    END $$;
    GRANT billbook_app TO CURRENT_USER;
    GRANT USAGE ON SCHEMA public TO billbook_app;
    GRANT SELECT, INSERT, UPDATE ON orgs, memberships, invitations, devices TO billbook_app;
    GRANT DELETE ON memberships TO billbook_app;
    GRANT SELECT, INSERT ON audit_events TO billbook_app;
    GRANT USAGE ON SEQUENCE audit_events_id_seq TO billbook_app;
    GRANT SELECT (id, email, name, created_at) ON accounts TO billbook_app;
    ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
    ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
    ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
    ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
    ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
    CREATE POLICY org_only ON orgs TO billbook_app USING (id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON memberships TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON invitations TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON devices TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    -- People are visible to an organisation only through its memberships (and whoever invited them).
    ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY members_only ON accounts TO billbook_app USING (
      EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = accounts.id)
      OR EXISTS (SELECT 1 FROM invitations i WHERE i.invited_by = accounts.id)
    );
    CREATE POLICY org_only ON audit_events TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
  `,
};
