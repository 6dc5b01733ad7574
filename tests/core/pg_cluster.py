"""A real PostgreSQL + PostGIS for the server tests: a throwaway cluster on 127.0.0.1, a free port.

``initdb`` into a temporary folder, ``pg_ctl start`` with ``listen_addresses='127.0.0.1'`` and the
unix socket inside that folder, so the Debian system cluster (kept down by ``scripts/setup``) is never
touched.  PostgreSQL refuses to run as root: as root the cluster belongs to the ``postgres`` OS user
(Debian's package makes it).  The superuser logs in without a password from loopback; every other
login needs its password (scram-sha-256), which is what the credential tests rely on.

The session fixture ``pg_cluster`` starts one cluster for the whole run and stops it afterwards;
``pg_database`` gives each test a fresh database made from a PostGIS template (fast: a file copy).
Tests are skipped, with the reason, only when the binaries or the PostGIS extension are missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "onemap_test"
TEMPLATE = "onemap_postgis_template"


def pg_bin() -> Path | None:
    """Debian's server binaries (newest major version) when they and PostGIS are installed.

    ``ONEMAP_TEST_NO_POSTGRES=1`` acts as if they were not (to see the file-only run skip cleanly).
    """
    if os.environ.get("ONEMAP_TEST_NO_POSTGRES"):
        return None
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        share = Path("/usr/share/postgresql") / folder.parent.name / "extension"
        if (folder / "initdb").exists() and (share / "postgis.control").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def need_postgis() -> Path:
    """The binaries' folder, or skip saying why."""
    folder = pg_bin()
    if folder is None:
        pytest.skip(
            "PostgreSQL 15 + PostGIS are not installed "
            "(apt-get install postgresql postgresql-15-postgis-3; scripts/setup does it)"
        )
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """A running cluster: where it lives, its port, and URLs for its databases."""

    folder: Path
    port: int
    bin: Path
    owner: str | None  # the OS user running the server (None: this process's user)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), check=True, capture_output=True, text=True, user=self.owner, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        self.run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        data = self.folder / "data"
        self.run(str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text("utf-8", errors="replace") if path.exists() else ""

    def new_database(self) -> str:
        """A fresh database with PostGIS (copied from the template); its name."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _configure(folder: Path, port: int) -> None:
    data = folder / "data"
    socket_dir = folder / "socket"
    lines = [
        "listen_addresses = '127.0.0.1'",
        f"port = {port}",
        f"unix_socket_directories = '{socket_dir}'",
        "fsync = off",  # a throwaway cluster: speed over durability
        "synchronous_commit = off",
        "full_page_writes = off",
        "shared_buffers = 64MB",
        "max_connections = 40",
        "logging_collector = off",
    ]
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n".join(lines) + "\n")
    hba = [
        f"local all {SUPERUSER} trust",
        f"host all {SUPERUSER} 127.0.0.1/32 trust",
        "host all all 127.0.0.1/32 scram-sha-256",  # everybody else proves who they are
    ]
    (data / "pg_hba.conf").write_text("\n".join(hba) + "\n", "utf-8")


def _owner() -> str | None:
    return "postgres" if getattr(os, "geteuid", lambda: 1)() == 0 else None


def start_cluster() -> Cluster:
    """initdb, configure and start a cluster in a new temporary folder, with a PostGIS template."""
    import psycopg

    bin_folder = need_postgis()
    owner = _owner()
    folder = Path(tempfile.mkdtemp(prefix="onemap-pg-"))
    (folder / "socket").mkdir()
    if owner is not None:
        for path in (folder, folder / "socket"):
            shutil.chown(path, owner)
    cluster = Cluster(folder, free_port(), bin_folder, owner)
    cluster.run(
        str(bin_folder / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER,
        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
    )  # fmt: skip
    _configure(folder, cluster.port)
    cluster.start()
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    with psycopg.connect(cluster.url(TEMPLATE), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    try:
        cluster.stop()
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL + PostGIS cluster for the whole run, stopped and removed afterwards."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        remove_cluster(cluster)


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh database with PostGIS for one test: its superuser URL."""
    name = pg_cluster.new_database()
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)
