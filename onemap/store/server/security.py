"""Who may do what, enforced by the database: four roles and row-level security.

``onemap_viewer`` reads everything and writes nothing; ``onemap_township_editor`` and
``onemap_county_editor`` write only the rows of the township or county ``onemap_grants`` gives
their login (an estate's county is the first six digits of its code; its rows follow it, an alert's
steps follow the alert; a facility of no estate is keyed by the county outline its point lies in and
its township);
``onemap_admin`` writes everything.  The audit trail can be read by all and only appended to,
and only under one's own name.  ``onemap server grant`` makes an existing login one of these.
"""

from __future__ import annotations

import re
from typing import Any

from psycopg import sql

from onemap.store.server.errors import ServerError
from onemap.store.server.schema import Table

ROLES = {
    "viewer": "onemap_viewer",
    "township-editor": "onemap_township_editor",
    "county-editor": "onemap_county_editor",
    "admin": "onemap_admin",
}
_EDITORS = ("onemap_township_editor", "onemap_county_editor", "onemap_admin")

FUNCTIONS = """
CREATE TABLE IF NOT EXISTS onemap_grants (
  login text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('viewer', 'township-editor', 'county-editor', 'admin')),
  county text,
  township text
);

-- parameters spelled row_*: in an SQL function a column of the same name would win over them
CREATE OR REPLACE FUNCTION onemap_may_write(row_code text, row_township text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM onemap_grants g
     WHERE g.login = current_user
       AND (g.role = 'admin'
            OR (g.role = 'county-editor' AND left(row_code, 6) = g.county)
            OR (g.role = 'township-editor' AND left(row_code, 6) = g.county AND row_township = g.township)))
$$;

-- a row of no estate keyed by where it is (a stand-alone facility): the county outline its point lies
-- in (admin_areas, which only the administrator writes), and for a township editor its township too
CREATE OR REPLACE FUNCTION onemap_may_write_at(row_point geometry, row_township text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM onemap_grants g
     WHERE g.login = current_user
       AND (g.role = 'admin'
            OR (g.role IN ('county-editor', 'township-editor')
                AND (g.role = 'county-editor' OR row_township = g.township)
                AND EXISTS (SELECT 1 FROM admin_areas a
                             WHERE a.level = 'county' AND left(a.code, 6) = g.county
                               AND ST_Intersects(a.geom, row_point)))))
$$;
"""


def _roles() -> list[str]:
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
        f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        for role in ROLES.values()
    ]
    # every editor may read what a viewer reads
    statements += [f"GRANT onemap_viewer TO {role}" for role in _EDITORS]
    return statements


def may_write(name: str, columns: set[str]) -> str:
    """SQL deciding whether the login may write a row of table ``name`` (its columns ``columns``)."""
    if name == "estates":
        return "onemap_may_write(code, township)"
    if name == "facilities":  # an estate's facility follows the estate; a stand-alone one, its place
        return (
            "CASE WHEN estate_code IS NOT NULL "
            "THEN onemap_may_write(estate_code, (SELECT e.township FROM estates e WHERE e.code = estate_code)) "
            "ELSE onemap_may_write_at(geom, township) END"
        )
    if "estate_code" in columns:
        return "onemap_may_write(estate_code, (SELECT e.township FROM estates e WHERE e.code = estate_code))"
    if "alert_id" in columns:  # an alert's steps, pictures and sends follow the alert's estate
        return (
            "onemap_may_write((SELECT a.estate_code FROM alerts a WHERE a.fid = alert_id), "
            "(SELECT e.township FROM alerts a JOIN estates e ON e.code = a.estate_code WHERE a.fid = alert_id))"
        )
    return "onemap_may_write(NULL, NULL)"  # county outlines …: the administrator's


def write_policy(name: str, columns: set[str]) -> str:
    """The editors' row-level policy of one table (made again by an upgrade: see :func:`refresh_policies`)."""
    check = may_write(name, columns)
    return (
        f'CREATE POLICY onemap_write ON "{name}" FOR ALL TO {", ".join(_EDITORS)} USING ({check}) WITH CHECK ({check})'
    )


def refresh_policies(conn: Any) -> None:
    """Give every data table on the server this OneMap's write policy (inside the caller's transaction)."""
    rows = conn.execute(
        "SELECT p.tablename, array_agg(c.column_name::text) FROM pg_policies p "
        "JOIN information_schema.columns c ON c.table_schema = p.schemaname AND c.table_name = p.tablename "
        "WHERE p.schemaname = 'public' AND p.policyname = 'onemap_write' GROUP BY p.tablename"
    ).fetchall()
    for name, columns in rows:
        conn.execute(sql.SQL("DROP POLICY onemap_write ON {}").format(sql.Identifier(name)))
        conn.execute(write_policy(name, set(columns)))


def policies(tables: list[Table]) -> list[str]:
    """GRANTs and row-level-security policies for every table."""
    statements = _roles()
    statements += [
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
        "GRANT USAGE ON SCHEMA public TO onemap_viewer",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO onemap_viewer",
        "GRANT ALL ON ALL TABLES IN SCHEMA public TO onemap_admin",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO onemap_township_editor, onemap_county_editor, onemap_admin",
        "REVOKE ALL ON onemap_grants FROM onemap_admin",
        "GRANT SELECT ON onemap_grants TO onemap_viewer",
        "GRANT INSERT ON audit_log TO onemap_township_editor, onemap_county_editor",
        "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM onemap_admin",
        "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY onemap_read ON audit_log FOR SELECT TO onemap_viewer USING (true)",
        "CREATE POLICY onemap_own_name ON audit_log FOR INSERT TO onemap_viewer WITH CHECK (who = current_user)",
    ]
    for table in tables:
        statements += table_policies(table)
    return statements


def table_policies(table: Table) -> list[str]:
    """One data table's grants and row-level security (also for a table an upgrade adds)."""
    if not table.data:
        return []
    name = f'"{table.name}"'
    return [
        f"GRANT SELECT ON {name} TO onemap_viewer",
        f"GRANT ALL ON {name} TO onemap_admin",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO onemap_township_editor, onemap_county_editor, onemap_admin",
        f"GRANT INSERT, UPDATE, DELETE ON {name} TO onemap_township_editor, onemap_county_editor",
        f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY onemap_read ON {name} FOR SELECT TO onemap_viewer USING (true)",
        write_policy(table.name, {c.name for c in table.columns}),
    ]


_COUNTY = re.compile(r"^\d{6}$")


def grant(conn: Any, login: str, role: str, county: str | None = None, township: str | None = None) -> None:
    """Give an existing login one OneMap role (replacing any it had), inside the caller's transaction.

    Raises
    ------
    ServerError
        ``bad_role`` for an unknown role or login, or a county/township the role needs and lacks.
    """
    if role not in ROLES:
        choices = ", ".join(ROLES)
        raise ServerError(
            "bad_role", why=(f"未知角色 {role}（可选 {choices}）", f"unknown role {role} (one of {choices})")
        )
    if role in ("county-editor", "township-editor") and not (county and _COUNTY.match(county)):
        raise ServerError(
            "bad_role", why=(f"角色 {role} 需要 --county 六位区县代码", f"role {role} needs --county CODE (six digits)")
        )
    if role == "township-editor" and not township:
        raise ServerError(
            "bad_role", why=("镇街编辑需要 --township 镇街名称", "a township editor needs --township NAME")
        )
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s AND rolcanlogin", (login,)).fetchone() is None:
        raise ServerError(
            "bad_role",
            why=(
                f"数据库中没有可登录的用户 {login}，请先由数据库管理员创建",
                f"the database has no login {login}; ask its administrator to create it",
            ),
        )
    for other in ROLES.values():
        conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(login)))
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(ROLES[role]), sql.Identifier(login)))
    conn.execute("DELETE FROM onemap_grants WHERE login = %s", (login,))
    conn.execute(
        "INSERT INTO onemap_grants (login, role, county, township) VALUES (%s, %s, %s, %s)",
        (login, role, county if role in ("county-editor", "township-editor") else None, township),
    )
