"""Memory of a process and every process below it (a forked worker or helper counts), from Linux /proc.

The benchmarks run each case in a child process and sample this every ~50 ms: RSS counts the
pages a forked process shares with its parent in both, PSS (proportional set size) splits them,
so the PSS sum is what the case really holds.  Elsewhere than Linux every figure is 0.
"""

from __future__ import annotations

from pathlib import Path


def tree_memory(root: int) -> tuple[int, int, int]:
    """Resident and proportional (PSS) bytes of ``root`` and every process below it, and the
    resident bytes of the largest one."""
    proc = Path("/proc")
    if not proc.is_dir():
        return 0, 0, 0
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        parents[pid] = int(fields.get("PPid", "0").strip())
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, pss, largest, todo = 0, 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        pss += _pss(pid)
        todo += [p for p, parent in parents.items() if parent == pid]
    return total, pss, largest


def _pss(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    line = next((line for line in rollup.splitlines() if line.startswith("Pss:")), "Pss: 0 kB")
    return int(line.split()[1]) * 1024
