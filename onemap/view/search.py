"""Find estates by name, code, address or pinyin (``gy`` and ``guiyuan`` find 桂园小区).

Pinyin is computed once per distinct name (phrase-aware, so 重庆 reads chong qing),
lazily: a query with Chinese characters or digits never needs it.  For 220,000
estates (~20,000 distinct names) it takes about a second; the viewer warms it up in
the background after the first paint.
"""

from __future__ import annotations

import gc
import sys
import threading
import unicodedata
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from onemap.view.estate_table import EstateTable
from onemap.view.table_patch import TablePatch

_SEP = "\x1f"


def normalize_query(text: str) -> str:
    """Full-width folded, lower-case, without blanks: what is matched."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def pinyin_keys(name: str) -> tuple[str, str]:
    """``(initials, full)`` pinyin of a name: ``("gyxq", "guiyuanxiaoqu")`` for 桂园小区.

    Letters and digits that are not Chinese characters are kept whole in both
    (``"3号楼"`` gives ``("3hl", "3haolou")``).
    """
    syllables = _syllables(name)
    return "".join(s if not _is_pinyin(s) else s[0] for s in syllables), "".join(syllables)


def _syllables(name: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return [normalize_query(s) for s in lazy_pinyin(name, style=Style.NORMAL, errors="default") if s.strip()]


def _keys(name: str) -> tuple[str, str]:
    """Initials, and every syllable-initial suffix of the full pinyin (each after a separator).

    A full-pinyin query must start at a syllable: ``yuan`` finds 桂园, but ``gy`` does not find
    工商银行 through the "g y" inside "shang yin"; initials match anywhere.
    """
    syllables = _syllables(name)
    initials = "".join(s if not _is_pinyin(s) else s[0] for s in syllables)
    suffixes = "".join(_SEP + "".join(syllables[i:]) for i in range(len(syllables)))
    return initials, suffixes


def release_pinyin() -> None:
    """Let go of pypinyin once every name's keys are known: its dictionaries are 57 MB, the keys
    of 20,000 names 5 MB.  A name added later loads it again (its first query, not the edit).

    Forgotten, not emptied (compare :func:`onemap.brief.build.drop_pinyin`): the viewer's
    other threads may be inside it right now; the memory goes with its last reference.
    """
    for name in [m for m in sys.modules if m == "pypinyin" or m.startswith("pypinyin.")]:
        sys.modules.pop(name, None)
    # its modules and functions refer to each other: only a collection frees them.  Never from a
    # worker thread: there a collection may finalise Qt objects of the viewer's (onemap.gui.gc_ui),
    # whose UI-thread collector frees them within a second or two instead
    if threading.current_thread() is threading.main_thread():
        gc.collect()


def _is_pinyin(syllable: str) -> bool:
    return syllable.isascii() and syllable.isalpha()


class SearchIndex:
    """Substring search over every estate of an :class:`EstateTable`.

    Parameters
    ----------
    table : EstateTable
        The estates to search.
    """

    def __init__(self, table: EstateTable) -> None:
        self._table = table
        self._plain_text: list[str] | None = None
        self._pinyin: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()
        self._text_lock = threading.Lock()
        self._build_lock = threading.Lock()
        #: counts the patches followed: folded text built from an older table is dropped (see _fold_all)
        self._generation = 0
        self._ready = False
        #: names an edit brought, their pinyin not worked out yet (see :meth:`follow`)
        self._pending: set[str] = set()

    @property
    def _plain(self) -> list[str]:
        """Name, code and address of every row, folded for matching (built on first use, see :meth:`prepare_text`)."""
        text = self._plain_text
        return text if text is not None else self._fold_all()

    @property
    def text_ready(self) -> bool:
        """True once the folded text of every row is built."""
        return self._plain_text is not None

    def prepare_text(self) -> None:
        """Build the folded text now (any thread): 30 MB and ~0.2 s at 220,000 estates, so the viewer
        builds it in a job when the search box first gets the focus, not at opening."""
        self._fold_all()

    def _fold_all(self) -> list[str]:
        with self._build_lock:  # one build at a time: a query during the job's build waits for it, not builds again
            while (text := self._plain_text) is None:
                generation, t = self._generation, self._table
                folded = [
                    normalize_query(f"{n or ''}{_SEP}{c or ''}{_SEP}{a or ''}")
                    for n, c, a in zip(t.name.tolist(), t.code.tolist(), t.address.tolist(), strict=True)
                ]
                with self._text_lock:
                    if generation == self._generation:  # no patch followed meanwhile: this text is the table's
                        self._plain_text = folded
            return text

    @property
    def pinyin_ready(self) -> bool:
        """True once every distinct name's pinyin is known."""
        return self._ready

    def prepare(
        self, progress: Callable[[float, str], None] | None = None, cancel: Callable[[], bool] | None = None
    ) -> bool:
        """Compute the pinyin of every distinct name; returns False when cancelled (the folded text
        is not built here: see :meth:`prepare_text`)."""
        names = [n for n in dict.fromkeys(self._table.name.tolist()) if n and n not in self._pinyin]
        for i, name in enumerate(names):
            if cancel is not None and cancel():
                return False
            self._pinyin[name] = _keys(name)
            if progress is not None and i % 2000 == 0:
                progress(i / max(len(names), 1), "正在建立拼音索引")
        with self._lock:
            self._ready = True
        release_pinyin()
        return True

    def follow(self, patch: TablePatch) -> None:
        """Keep up with a patched table (:func:`onemap.view.table_patch.patch_table`): only its changed rows."""
        with self._text_lock:
            self._generation += 1
            text = self._plain_text
        if text is not None:
            if patch.old_to_new is not None:
                kept = np.flatnonzero(patch.old_to_new >= 0)
                old, new = np.empty(len(text), dtype=object), np.empty(len(self._table), dtype=object)
                old[:] = text
                new[patch.old_to_new[kept]] = old[kept]
                text = self._plain_text = new.tolist()
            t = self._table
            for row in np.concatenate([patch.updated, patch.inserted]).tolist():
                text[row] = normalize_query(f"{t.name[row] or ''}{_SEP}{t.code[row] or ''}{_SEP}{t.address[row] or ''}")
        if self._ready:  # names new to the index get their pinyin at the next pinyin query (not in the refresh)
            for row in np.concatenate([patch.updated, patch.inserted]).tolist():
                name = self._table.name[row]
                if name and name not in self._pinyin:
                    self._pending.add(name)

    def matches(self, query: str) -> NDArray[np.bool_]:
        """A row mask of estates whose name, code, address or pinyin contains ``query``.

        An empty query matches every estate.
        """
        q = normalize_query(query)
        if not q:
            return np.ones(len(self._table), dtype=bool)
        plain = self._plain
        hits = np.fromiter((q in text for text in plain), dtype=bool, count=len(plain))
        if q.isascii() and any(c.isalpha() for c in q):
            hits |= self._pinyin_hits(q)
        return hits

    def _pinyin_hits(self, q: str) -> NDArray[np.bool_]:
        if not self._ready:
            self.prepare()
        if self._pending:
            pending, self._pending = self._pending, set()
            self._pinyin.update((name, _keys(name)) for name in pending if name not in self._pinyin)
            release_pinyin()
        at_syllable = _SEP + q
        found = {
            name for name, (initials, suffixes) in self._pinyin.items() if q in initials or at_syllable in suffixes
        }
        return np.fromiter((n in found for n in self._table.name.tolist()), dtype=bool, count=len(self._table))
