"""Reference layer files read off the UI thread, each read once per file, layer, CRS and style.

A 1:500 DXF sheet can take seconds to read: the map opens with the estates and the layers
join it when ready (:class:`~onemap.gui.workers.Job`).  Tests, snapshots and closing wait
for the reads with :meth:`RefLoader.settle`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from onemap.geo.reflayers import RefLayer
from onemap.geo.refsets import load_specs
from onemap.geo.refstyle import RefLayerSpec
from onemap.gui.workers import Job
from onemap.said import Said

Key = tuple[str, str, object]


def cache_key(spec: RefLayerSpec) -> Key:
    """What makes two specs the same read: file and layer, CRS, style."""
    return (spec.key, spec.crs, spec.style)


def read(specs: list[RefLayerSpec]) -> tuple[dict[Key, RefLayer], list[Said]]:
    """Read each spec's file (any thread): the layers read and one sentence per problem."""
    layers: dict[Key, RefLayer] = {}
    problems: list[Said] = []
    for spec in specs:
        loaded, said = load_specs([spec])
        problems.extend(said)
        if loaded:
            layers[cache_key(spec)] = loaded[0]
    return layers, problems


@dataclass
class _Read:
    specs: list[RefLayerSpec]
    job: Job | None = None
    result: tuple[dict[Key, RefLayer], list[Said]] = field(default_factory=lambda: ({}, []))
    taken: bool = False


class RefLoader:
    """The layers read so far and the reads under way; ``on_ready(problems)`` after each background read."""

    def __init__(self, on_ready: Callable[[list[Said]], None]) -> None:
        self.cache: dict[Key, RefLayer] = {}
        self.on_ready = on_ready
        self._reads: list[_Read] = []
        self._closed = False

    @property
    def pending(self) -> set[Key]:
        """Keys being read in the background."""
        return {cache_key(s) for r in self._reads for s in r.specs}

    def read_now(self, specs: list[RefLayerSpec]) -> list[Said]:
        """Read the specs not yet read, on this thread; the sentences of what failed."""
        self.settle()
        layers, problems = read([s for s in specs if cache_key(s) not in self.cache])
        self.cache.update(layers)
        return problems

    def read_later(self, specs: list[RefLayerSpec]) -> None:
        """Start reading the specs neither read nor being read, in a worker thread."""
        pending = self.pending
        fresh = [s for s in specs if cache_key(s) not in self.cache and cache_key(s) not in pending]
        if not fresh:
            return
        work = _Read(fresh)

        def run(_progress: Callable[[float, str], None], _cancel: Callable[[], bool]) -> None:
            work.result = read(fresh)

        work.job = Job(run, "reference layers")
        work.job.done.connect(lambda _result: self._take(work))
        work.job.failed.connect(lambda _message: self._take(work))  # logged by the job; nothing read
        self._reads.append(work)
        work.job.start()

    def settle(self) -> None:
        """Wait for the reads under way and take their layers now."""
        for work in list(self._reads):
            assert work.job is not None
            work.job.wait()
            self._take(work)

    def close(self) -> None:
        """Wait for the reads under way; their results are dropped."""
        self._closed = True
        for work in self._reads:
            assert work.job is not None
            work.job.wait()
        self._reads = []

    def _take(self, work: _Read) -> None:
        if work.taken or self._closed:
            return
        work.taken = True
        assert work.job is not None
        work.job.wait()  # the thread ends just after its signal: let it, before the Job is dropped
        self._reads.remove(work)
        layers, problems = work.result
        self.cache.update(layers)
        self.on_ready(problems)
