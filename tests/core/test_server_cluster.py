"""The throwaway PostGIS cluster the server tests run against: it answers on loopback only, with PostGIS."""

from __future__ import annotations

import psycopg

from tests.core.pg_cluster import Cluster


def test_the_test_cluster_listens_on_loopback_with_postgis(pg_cluster: Cluster, pg_database: str) -> None:
    with psycopg.connect(pg_database) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()
        version = conn.execute("SELECT postgis_lib_version()").fetchone()
        point = conn.execute("SELECT ST_AsText(ST_SetSRID(ST_MakePoint(106.67, 33.15), 4326))").fetchone()
    assert listen == ("127.0.0.1",)
    assert version is not None and version[0].startswith("3.")
    assert point == ("POINT(106.67 33.15)",)


def test_other_logins_need_a_password_on_the_test_cluster(pg_cluster: Cluster, pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE ROLE clerk_nopass LOGIN PASSWORD 'right-one'")
    refused = None
    try:
        psycopg.connect(pg_cluster.url(pg_database.rsplit("/", 1)[1], "clerk_nopass"), password="wrong").close()
    except psycopg.OperationalError as error:
        refused = str(error)
    assert refused is not None and "password authentication failed" in refused
