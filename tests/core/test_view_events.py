"""The observer that views use to follow the core state."""

from __future__ import annotations

from onemap.view.events import Signal


def test_a_connected_callback_hears_every_emit_with_its_arguments() -> None:
    heard: list[tuple[int, str]] = []
    signal = Signal()
    signal.connect(lambda a, b: heard.append((a, b)))
    signal.emit(1, "一")
    signal.emit(2, "二")
    assert heard == [(1, "一"), (2, "二")]


def test_connecting_twice_calls_once_and_disconnecting_stops_the_calls() -> None:
    heard: list[int] = []
    signal = Signal()
    signal.connect(heard.append)
    signal.connect(heard.append)
    signal.emit(1)
    signal.disconnect(heard.append)
    signal.disconnect(heard.append)  # a second disconnect is harmless
    signal.emit(2)
    assert heard == [1]
    assert len(signal) == 0


def test_a_blocked_signal_stays_silent_until_the_block_ends() -> None:
    heard: list[int] = []
    signal = Signal()
    signal.connect(heard.append)
    with signal.blocked():
        signal.emit(1)
    signal.emit(2)
    assert heard == [2]


def test_a_callback_may_disconnect_itself_while_being_called() -> None:
    heard: list[str] = []
    signal = Signal()

    def once() -> None:
        heard.append("once")
        signal.disconnect(once)

    signal.connect(once)
    signal.connect(lambda: heard.append("always"))
    signal.emit()
    signal.emit()
    assert heard == ["once", "always", "always"]
