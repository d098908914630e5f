import type { CloudMigration } from '../migrate';

// The organisation's books as the Cloud holds them (server/PROTOCOL.md): one row per synced record
// with its fields and their stamps, the organisation version it last changed at, the document
// numbers in use, the refusals a device must learn of, and the claims that make reminders go once.
export const migration0002: CloudMigration = {
  version: 2,
  name: 'sync',
  up: `
    CREATE TABLE sync_rows (
      org_id uuid NOT NULL REFERENCES orgs (id),
      tbl text NOT NULL,
      row_id text NOT NULL,
      data jsonb NOT NULL,
      stamps jsonb NOT NULL,
      version bigint NOT NULL,
      changed_by uuid,
      PRIMARY KEY (org_id, tbl, row_id)
    );
    -- A pull reads one organisation's rows after a version, in version order.
    CREATE INDEX sync_rows_by_version ON sync_rows (org_id, version);

    CREATE TABLE sync_numbers (
      org_id uuid NOT NULL REFERENCES orgs (id),
      kind text NOT NULL,
      number text NOT NULL,
      row_id text NOT NULL,
      PRIMARY KEY (org_id, kind, number)
    );

    CREATE TABLE sync_refusals (
      org_id uuid NOT NULL REFERENCES orgs (id),
      device_id uuid NOT NULL REFERENCES devices (id),
      mutation_id bigint NOT NULL,
      code text NOT NULL,
      message text NOT NULL,
      rows jsonb NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (device_id, mutation_id)
    );

    CREATE TABLE sync_claims (
      org_id uuid NOT NULL REFERENCES orgs (id),
      key text NOT NULL,
      device_id uuid NOT NULL REFERENCES devices (id),
      at timestamptz NOT NULL,
      PRIMARY KEY (org_id, key)
    );

    GRANT SELECT, INSERT, UPDATE ON sync_rows, sync_numbers, sync_refusals, sync_claims TO billbook_app;
    ALTER TABLE sync_rows ENABLE ROW LEVEL SECURITY;
    ALTER TABLE sync_numbers ENABLE ROW LEVEL SECURITY;
    ALTER TABLE sync_refusals ENABLE ROW LEVEL SECURITY;
    ALTER TABLE sync_claims ENABLE ROW LEVEL SECURITY;
    CREATE POLICY org_only ON sync_rows TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON sync_numbers TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON sync_refusals TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON sync_claims TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
  `,
};
