"""``onemap snapshot``: the map as a PNG, no window -- and refusals in one sentence."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from onemap.gui import snapshot
from onemap.gui.basemap_builder import basemap_path_for


def command(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="onemap snapshot")
    snapshot.add_arguments(parser)
    return parser.parse_args(list(argv))


def colours(image: QImage, step: int = 17) -> set[str]:
    return {
        image.pixelColor(x, y).name() for x in range(0, image.width(), step) for y in range(0, image.height(), step)
    }


def test_a_snapshot_of_the_whole_county_is_written_at_the_asked_size(
    qapp,
    demo_file: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "全县.png"
    assert snapshot.run(command(str(demo_file), "-o", str(out), "--size", "1200x800", "--no-basemap")) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert len(colours(image)) > 20  # markers, labels, legend, title: not a blank picture
    assert f"已保存 {out}（1200×800）" in capsys.readouterr().out


def test_the_default_snapshot_has_the_inventory_s_own_basemap(qapp, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "底图.png"
    assert snapshot.run(command(str(demo_file), "-o", str(out), "--size", "800x600")) == 0
    assert basemap_path_for(demo_file).exists()
    from onemap.gui.basemap_builder import LAND

    assert LAND in colours(QImage(str(out)), 9)


def test_a_snapshot_of_one_estate_selects_it_and_shows_it_close_up(qapp, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    whole, close = tmp_path / "a.png", tmp_path / "b.png"
    assert snapshot.run(command(str(demo_file), "-o", str(whole), "--size", "800x600", "--no-basemap")) == 0
    assert (
        snapshot.run(
            command(
                str(demo_file),
                "-o",
                str(close),
                "--size",
                "800x600",
                "--no-basemap",
                "--estate",
                "6107250001",
                "--symbology",
                "category",
            )
        )
        == 0
    )
    a, b = QImage(str(whole)), QImage(str(close))
    assert a != b
    centre = [b.pixelColor(x, y).lightness() for x in range(380, 420) for y in range(280, 320)]
    assert min(centre) < 30  # the black selection ring round the estate in the middle


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["没有.gpkg"], 1, "找不到文件：没有.gpkg"),
        (["{demo}", "--estate", "123"], 1, "清单中没有编码为 123 的小区。"),
        (["{demo}", "--basemap", "没有.mbtiles"], 1, "找不到底图文件：没有.mbtiles"),
        (["{demo}", "--3d"], 1, "三维"),  # offscreen Qt has no OpenGL: the 3D snapshot says so
    ],
)
def test_refusals_are_one_sentence_with_the_right_exit_code(
    qapp,
    demo_file: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    words: str,
) -> None:
    args = [a.format(demo=demo_file) for a in argv] + ["-o", str(tmp_path / "x.png")]
    assert snapshot.run(command(*args)) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_an_output_that_is_not_png_or_has_no_folder_is_refused(qapp, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snapshot.run(command(str(demo_file), "-o", str(tmp_path / "x.jpg"))) == 2
    assert snapshot.run(command(str(demo_file), "-o", str(tmp_path / "没有" / "x.png"))) == 1


@pytest.mark.parametrize("size", ["big", "10x10", "1600", "99999x100"])
def test_a_bad_size_is_a_usage_error(size: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        command("a.gpkg", "-o", "a.png", "--size", size)
    assert exit_.value.code == 2


def test_sizes_are_read_in_the_usual_ways() -> None:
    assert snapshot.parse_size("1600x1000") == (1600, 1000)
    assert snapshot.parse_size(" 800 × 600 ") == (800, 600)


def test_the_command_line_can_offer_snapshot_without_qt_installed(demo_file: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import argparse, sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph', 'OpenGL'}:\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from onemap.gui import snapshot\n"
        "parser = argparse.ArgumentParser()\n"
        "snapshot.add_arguments(parser)\n"
        "sys.exit(snapshot.run(parser.parse_args(sys.argv[1:])))\n"
    )
    out = tmp_path / "x.png"
    result = subprocess.run(
        [sys.executable, "-c", script, str(demo_file), "-o", str(out)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "快照需要图形界面组件，请安装：pip install 'onemap[gui]'"
    assert not out.exists()
