"""``onemap snapshot --basemap URL|tianditu:vec``: from the cache, online only when allowed, one sentence when not."""

from __future__ import annotations

import argparse

from PySide6.QtGui import QImage

from onemap.gui import snapshot
from tests.tileserver_kit import tile_colour


def command(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="onemap snapshot")
    snapshot.add_arguments(parser)
    return parser.parse_args(list(argv))


def tile_pixels(image: QImage) -> dict[tuple[int, int], int]:
    """The sampled pixels painted in a colour the XYZ server paints tiles in (blue 90, others 40..239)."""
    found = {}
    for x in range(0, image.width(), 23):
        for y in range(0, image.height(), 23):
            c = image.pixelColor(x, y)
            if c.blue() == 90 and 40 <= c.red() < 240 and 40 <= c.green() < 240:
                found[(x, y)] = c.rgb()
    return found


def test_a_url_template_basemap_is_fetched_with_online_then_reused_offline(qapp, demo_file, tmp_path, tile_server):  # type: ignore[no-untyped-def]
    first, second = tmp_path / "online.png", tmp_path / "offline.png"
    args = ("--size", "640x480", "--basemap", tile_server.xyz)
    assert snapshot.run(command(str(demo_file), "-o", str(first), *args, "--online")) == 0
    assert tile_server.count > 0 and tile_colour("xyz", 0, 0, 0)[2] == 90
    assert len(tile_pixels(QImage(str(first)))) > 50
    tile_server.stop()
    assert snapshot.run(command(str(demo_file), "-o", str(second), *args)) == 0
    # the same basemap, from the cache alone (labels may differ by an antialiased pixel between runs)
    assert tile_pixels(QImage(str(first))) == tile_pixels(QImage(str(second)))


def test_without_the_setting_or_the_flag_a_snapshot_opens_no_connection(qapp, demo_file, tmp_path, tile_server):  # type: ignore[no-untyped-def]
    out = tmp_path / "cold.png"
    assert snapshot.run(command(str(demo_file), "-o", str(out), "--size", "640x480", "--basemap", tile_server.xyz)) == 0
    assert tile_server.count == 0 and not tile_pixels(QImage(str(out)))


def test_tianditu_without_a_key_still_draws_the_map_and_says_why(qapp, demo_file, tmp_path, tile_server, capsys):  # type: ignore[no-untyped-def]
    out = tmp_path / "nokey.png"
    argv = (str(demo_file), "-o", str(out), "--size", "640x480", "--basemap", "tianditu:vec", "--online")
    assert snapshot.run(command(*argv)) == 0 and out.exists()
    assert "使用天地图需要您自己的密钥" in capsys.readouterr().err and tile_server.count == 0


def test_a_bad_url_template_is_refused_in_one_sentence(qapp, demo_file, tmp_path, capsys, tile_server):  # type: ignore[no-untyped-def]
    out = tmp_path / "bad.png"
    argv = (str(demo_file), "-o", str(out), "--basemap", "https://tiles.example.cn/{z}/{x}.png")
    assert snapshot.run(command(*argv)) == 1 and not out.exists()
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "不是可用的瓦片地址" in err and tile_server.count == 0
