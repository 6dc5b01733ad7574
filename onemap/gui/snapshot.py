"""``onemap snapshot INV.gpkg -o OUT.png [--size WxH] [--estate CODE] [--3d]``: the map as a PNG, no window.

The same canvas, layers, basemap, symbology, labels, scale bar and north arrow as the
viewer, rendered offscreen (:mod:`onemap.gui.snapshot_render`), plus a title and a legend
drawn onto the picture so it can be pasted into a report as is.

This module imports no Qt at load time, so the command line can build its parser (and
run every other command) on a machine without the ``gui`` extra.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from onemap.cli_server import inventory_spec
from onemap.geo.refsets import add_layer_argument
from onemap.store.errors import InventoryError

DEFAULT_SIZE = (1600, 1000)
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×*]\s*(\d{2,5})\s*$")
MIN_SIDE, MAX_SIDE = 320, 8000


def parse_size(text: str) -> tuple[int, int]:
    """``1600x1000`` as ``(1600, 1000)``; argparse turns a ValueError into a usage error (exit 2)."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"尺寸应写成 宽x高，例如 1600x1000，而不是“{text}” / write the size as WxH, e.g. 1600x1000, not '{text}'"
        )
    width, height = int(match[1]), int(match[2])
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise argparse.ArgumentTypeError(
            f"宽和高都应在 {MIN_SIDE} 到 {MAX_SIDE} 像素之间 / width and height must be {MIN_SIDE}–{MAX_SIDE} pixels"
        )
    return width, height


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The snapshot subcommand's arguments."""
    from onemap.view.symbology import SYMBOLOGY_KINDS

    parser.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg|URL")  # issue 16: URLs too
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.png")
    parser.add_argument("--force", action="store_true", help="覆盖已有的图片 / overwrite OUT.png if it exists")
    parser.add_argument(
        "--size", type=parse_size, default=DEFAULT_SIZE, metavar="WxH", help="图片尺寸（像素），默认 1600x1000"
    )
    parser.add_argument("--estate", metavar="CODE", help="选中并放大到这个小区")
    parser.add_argument(
        "--symbology",
        choices=tuple(SYMBOLOGY_KINDS),
        default="status",
        help="着色：status 按状态（默认）、year 按年度、category 按类别",
    )
    parser.add_argument(
        "--basemap",
        metavar="SOURCE",
        help="底图：.mbtiles/.pmtiles/.tif 文件、瓦片地址模板、tianditu:vec|img 或已设置的瓦片源名称"
        "（默认由清单生成）；在线底图只用本机缓存，除非设置中已开启在线或加 --online",
    )
    parser.add_argument("--online", action="store_true", help="允许本次联网获取缓存中没有的底图瓦片")
    parser.add_argument("--no-basemap", action="store_true", help="不画底图")
    add_layer_argument(parser)
    parser.add_argument(
        "--layer-crs", default="", metavar="EPSG:n", help="参考图层未声明坐标系时使用（如 DXF 的 EPSG:4545）"
    )
    parser.add_argument("--3d", dest="three_d", action="store_true", help="三维视图（需要带 OpenGL 的图形显示）")
    parser.add_argument("--dem", type=Path, metavar="DEM.tif", help="三维地形：高程 GeoTIFF（任意坐标系） / 3D terrain")


def run(args: argparse.Namespace) -> int:
    """Render the snapshot; 0 done, 1 refused (one sentence on stderr), 2 usage error."""
    output: Path = args.output
    if output.suffix.lower() != ".png":
        print(
            _say(
                args,
                f"输出文件应为 .png 图片，而不是“{output.name}”。",
                f"The output should be a .png picture, not '{output.name}'.",
            ),
            file=sys.stderr,
        )
        return 2
    from onemap.outputs import OutputFile

    basemap = getattr(args, "basemap", None)
    web = basemap is not None and ("://" in basemap or basemap.lower().startswith("tianditu:"))
    inputs = [
        args.inventory,
        Path(basemap) if basemap and not web else None,
        *getattr(args, "layers", []),
        getattr(args, "dem", None),
    ]
    try:
        with OutputFile(output, inputs, force=getattr(args, "force", False)) as temp:
            code = _run_3d(args, temp) if getattr(args, "three_d", False) else _run_2d(args, temp)
            if code:
                raise _Refused(code)
    except _Refused as refused:
        return refused.code
    except InventoryError as error:  # the output refused: same file as the input, exists, no folder
        print(error.message(getattr(args, "lang", "zh")), file=sys.stderr)
        return 1
    return 0


class _Refused(Exception):
    """The renderer refused (and said why): the temporary picture goes, nothing is written."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _run_2d(args: argparse.Namespace, output: Path) -> int:
    try:
        from onemap.gui.snapshot_render import SnapshotError, render
    except ImportError:
        print(
            _say(
                args,
                "快照需要图形界面组件，请安装：pip install 'onemap[gui]'",
                "A snapshot needs the GUI components: pip install 'onemap[gui]'",
            ),
            file=sys.stderr,
        )
        return 1
    warnings: list[str] = []
    try:
        image = render(
            args.inventory,
            size=args.size,
            estate=args.estate,
            symbology=args.symbology,
            basemap=None if args.no_basemap else (args.basemap or "generated"),
            online=getattr(args, "online", False),
            warnings=warnings,
            layers=args.layers,
            layer_crs=args.layer_crs,
            said=(said := list[str]()),
        )
    except (InventoryError, SnapshotError) as error:
        from onemap.said import error_text

        print(error_text(error, getattr(args, "lang", "zh")), file=sys.stderr)
        return 1
    from onemap.said import in_lang

    for warning in warnings:  # the basemap did not answer: the picture has the vectors, and says why
        print(in_lang(warning, getattr(args, "lang", "zh")), file=sys.stderr)
    for sentence in said:  # a layer that could not be read: said, and the map drawn without it
        print(in_lang(sentence, getattr(args, "lang", "zh")), file=sys.stderr)
    if not image.save(str(output), "PNG"):
        print(
            _say(
                args,
                f"无法写入 {args.output}（没有权限或磁盘已满）。",
                f"Could not write {args.output} (no permission or disk full).",
            ),
            file=sys.stderr,
        )
        return 1
    print(
        _say(
            args,
            f"已保存 {args.output}（{image.width()}×{image.height()}）",
            f"Saved {args.output} ({image.width()}×{image.height()})",
        )
    )
    return 0


def _run_3d(args: argparse.Namespace, output: Path) -> int:
    """``--3d``: the 3D scene's snapshot (it needs an X display with OpenGL, so no offscreen platform here)."""
    try:
        from onemap.gui.scene3d.snapshot import SnapshotError as Scene3DError
        from onemap.gui.scene3d.snapshot import render_3d_png
    except ImportError:
        print(
            _say(
                args,
                "三维快照需要图形界面组件，请安装：pip install 'onemap[gui]'",
                "A 3D snapshot needs the GUI components: pip install 'onemap[gui]'",
            ),
            file=sys.stderr,
        )
        return 1
    try:
        render_3d_png(
            args.inventory,
            output,
            size=args.size,
            estate_code=args.estate,
            dem=getattr(args, "dem", None),
            basemap=None if args.no_basemap else (args.basemap or "generated"),
            layers=args.layers,
            layer_crs=args.layer_crs,
            said=(said := list[str]()),
        )
    except (InventoryError, Scene3DError) as error:
        from onemap.said import error_text

        print(error_text(error, getattr(args, "lang", "zh")), file=sys.stderr)
        return 1
    from onemap.said import in_lang

    for problem in said:  # a layer that could not be read: the picture is made without it, and says so
        print(in_lang(problem, getattr(args, "lang", "zh")), file=sys.stderr)
    print(
        _say(
            args,
            f"已保存 {args.output}（{args.size[0]}×{args.size[1]}，三维）",
            f"Saved {args.output} ({args.size[0]}×{args.size[1]}, 3D)",
        )
    )
    return 0


def _say(args: argparse.Namespace, zh: str, en: str) -> str:
    return zh if getattr(args, "lang", "zh") == "zh" else en
