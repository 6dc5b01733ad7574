"""The server's triggers: row versions, and the audit trail written by the database itself.

Every data table's rows carry ``row_version`` (raised by one on each update), ``changed_by`` and
``changed_at``; the audit trigger writes one ``audit_log`` row per changed field (a whole row as
JSON for an insert or delete), with ``who`` the authenticated database login (``current_user``),
never a name the client claims.  The same trigger tells listening viewers which row changed
(``NOTIFY onemap_changes, 'table key'``).  Keys read as the file's: the code for an estate,
``CODE/fid`` for its rows, ``fid`` for the rest.
"""

from __future__ import annotations

from psycopg import sql

from onemap.store.server.schema import Table

CHANNEL = "onemap_changes"

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION onemap_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_version := OLD.row_version + 1;
  NEW.changed_by := current_user;
  NEW.changed_at := now();
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION onemap_shown(row_ jsonb, field text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN row_ -> field IS NULL OR jsonb_typeof(row_ -> field) = 'null' THEN NULL
    WHEN jsonb_typeof(row_ -> field) = 'object' THEN ST_AsText(ST_GeomFromGeoJSON(row_ -> field))
    ELSE row_ ->> field END
$$;

CREATE OR REPLACE FUNCTION onemap_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  any_row jsonb := coalesce(new_row, old_row);
  skipped text[] := ARRAY['fid', 'row_version', 'changed_by', 'changed_at', 'updated_at'];
  stamp text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  row_key text;
  field text;
  whole jsonb;
BEGIN
  IF TG_TABLE_NAME = 'estates' THEN
    row_key := any_row ->> 'code';
  ELSIF TG_TABLE_NAME = 'alerts' THEN  -- the file's keys: alerts and stand-alone facilities by table
    row_key := 'alerts/' || (any_row ->> 'fid');
  ELSIF any_row ->> 'estate_code' IS NOT NULL THEN
    row_key := (any_row ->> 'estate_code') || '/' || (any_row ->> 'fid');
  ELSIF any_row ? 'estate_code' THEN
    row_key := TG_TABLE_NAME || '/' || (any_row ->> 'fid');
  ELSE
    row_key := any_row ->> 'fid';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    FOR field IN SELECT jsonb_object_keys(new_row) LOOP
      CONTINUE WHEN field = ANY (skipped) OR old_row -> field IS NOT DISTINCT FROM new_row -> field;
      INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value, row_version)
      VALUES (stamp, current_user, 'update', TG_TABLE_NAME, row_key, field,
              onemap_shown(old_row, field), onemap_shown(new_row, field), (new_row ->> 'row_version')::bigint);
    END LOOP;
  ELSE
    SELECT jsonb_object_agg(key, onemap_shown(any_row, key)) INTO whole
      FROM jsonb_object_keys(any_row) AS key
     WHERE NOT key = ANY (skipped) AND jsonb_typeof(any_row -> key) <> 'null';
    INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value)
    VALUES (stamp, current_user, lower(TG_OP), TG_TABLE_NAME, row_key, NULL,
            CASE WHEN TG_OP = 'DELETE' THEN whole::text END, CASE WHEN TG_OP = 'INSERT' THEN whole::text END);
  END IF;
  PERFORM pg_notify('onemap_changes', TG_TABLE_NAME || ' ' || coalesce(row_key, ''));
  RETURN NULL;
END $$;
"""


def table_triggers(table: Table) -> list[sql.Composed]:
    """The row-version and audit triggers of one data table (none for bookkeeping tables)."""
    if not table.data:
        return []
    name = sql.Identifier(table.name)
    return [
        sql.SQL(
            "CREATE TRIGGER onemap_row_version BEFORE UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION onemap_row_version()"
        ).format(name),
        sql.SQL(
            "CREATE TRIGGER onemap_audit AFTER INSERT OR DELETE OR UPDATE ON {} "
            "FOR EACH ROW EXECUTE FUNCTION onemap_audit()"
        ).format(name),
    ]
