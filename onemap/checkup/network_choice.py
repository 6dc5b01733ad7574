"""Which walking network the check-up's facility indicators walk: the one coverage walks.

``onemap coverage`` without ``--network`` walks the sidecar ``NAME.layers.gpkg`` streets (示意街道)
when there are any, else straight lines; the 生活圈 dock walks the network remembered for the
file.  The check-up (roll-ups, problem list, score, plan, packet) must name the same distances,
so it asks :func:`network_for`: a network the viewer (or a command's ``--network``/``--straight``)
chose for this file with :func:`choose`, else the sidecar's streets.  Sidecar networks are kept
per file and modification time, so a viewer re-scoring on every edit reads the streets once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: inventory file (resolved) -> the network chosen for it (None: straight lines by choice)
_CHOSEN: dict[Path, Any] = {}
#: (sidecar file, mtime_ns, size) -> its network (or None), the last few read
_SIDECARS: dict[tuple[Path, int, int], Any] = {}
_KEEP = 4


def _key(path: object) -> Path | None:
    return Path(path).resolve() if isinstance(path, str | Path) else None


def choose(inventory_path: object, network: Any) -> None:
    """Make ``network`` (a WalkNetwork, or None for straight lines) the one for this file in this process."""
    if (key := _key(inventory_path)) is not None:
        _CHOSEN[key] = network


def forget(inventory_path: object) -> None:
    """Back to the default (the sidecar's streets) for this file."""
    if (key := _key(inventory_path)) is not None:
        _CHOSEN.pop(key, None)


def network_for(inventory: object) -> Any:
    """The walking network for an open inventory (or a view with its ``path``), or None for straight lines."""
    key = _key(getattr(inventory, "path", None))
    if key is None or not key.is_file():
        return None  # a server inventory or a file not on disk: no sidecar to walk
    if key in _CHOSEN:
        return _CHOSEN[key]
    return _sidecar(key)


def _sidecar(path: Path) -> Any:
    from onemap.geo.refsets import sidecar_path
    from onemap.io.walk_lines import NetworkError, sidecar_network

    sidecar = sidecar_path(path)
    try:
        stat = sidecar.stat()
    except OSError:
        return None
    stamp = (sidecar, stat.st_mtime_ns, stat.st_size)
    if stamp not in _SIDECARS:
        try:
            network = sidecar_network(path)
        except NetworkError:
            network = None  # an unreadable street layer: straight lines, as coverage does
        if len(_SIDECARS) >= _KEEP:
            _SIDECARS.pop(next(iter(_SIDECARS)))
        _SIDECARS[stamp] = network
    return _SIDECARS[stamp]
