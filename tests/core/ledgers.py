"""Messy county ledgers written the way offices write them, with the true positions kept.

Each builder returns the file it wrote and the truth (code or name -> CGCS2000 lon/lat)
the importer's output is checked against.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from pyproj import Transformer

from onemap.geo.chinacoords import wgs84_to_bd09, wgs84_to_gcj02

PASSWORD = "Zx9!pa@ss#Mian"
CAMERA_CELL = (
    f"rtsp://admin:{PASSWORD}@192.168.10.64:554/Streaming/Channels/101；"
    "http://10.61.7.25/rtp/61072500011320000011/hls.m3u8"
)


@dataclass
class Truth:
    """An estate as it really is."""

    name: str
    township: str
    lon: float
    lat: float


TRUTH = [
    Truth("桂园小区", "勉阳街道", 106.671234, 33.152345),
    Truth("供电局家属院", "勉阳街道", 106.680111, 33.149876),
    Truth("汉江花园", "武侯镇", 106.619876, 33.161234),
    Truth("粮食局家属院", "周家山镇", 106.731111, 33.146789),
    Truth("桂园小区", "定军山镇", 106.641010, 33.110202),  # same name, another township: a second estate
]


def dms(value: float) -> str:
    """Degrees-minutes-seconds text, seconds to 0.01″ (0.3 m; 0.1″ alone would be 3 m)."""
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 2)
    return f"{degrees}°{minutes}′{seconds}″"


def excel_ledger(path: Path) -> Path:
    """An .xlsx as a county office keeps it: title rows, merged two-row header, merged township
    cells, blank rows, numbers as text, a totals row, GCJ-02 (Amap) positions, a password in a link,
    and an instructions sheet in front."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["1. 坐标请用高德地图拾取"])
    notes.append(["2. 电话请填手机号"])
    sheet = book.create_sheet("台账")
    sheet.append(["勉县2024年城镇老旧小区改造项目台账"])
    sheet.merge_cells("A1:M1")
    sheet.append(["填报单位：勉县住房和城乡建设局", None, None, None, None, "填报日期：2024年5月"])
    header = [
        "序号",
        "所在镇（街道）",
        "小区名称",
        "建成年代",
        "户数（户）",
        "改造年度",
        "改造状态",
        "责任人",
        None,
        None,
        "经度",
        "纬度",
        "坐标系",
        "监控链接",
        "总投资（万元）",
        "楼长",
    ]
    sub = [None, None, None, None, None, None, None, "姓名", "职务", "联系电话", None, None, None, None, None, None]
    sheet.append(header)
    sheet.append(sub)
    for column in "ABCDEFGKLMNOP":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("H3:J3")
    rows = [
        (
            1,
            "勉阳街道",
            "桂园小区",
            "1998年",
            "1,200",
            "2024年度",
            "在建",
            "张伟",
            "副局长",
            "138 1234 5678",
            TRUTH[0],
            "高德",
            CAMERA_CELL,
            "350.5",
            "王大爷",
        ),
        (
            2,
            None,
            "供电局家属院",
            "20世纪90年代",
            "86",
            "2025（计划）",
            "计划",
            "李娜",
            "主任",
            "0916—3212345",
            TRUTH[1],
            "高德",
            "无",
            "—",
            None,
        ),
        (
            3,
            "武侯镇",
            "汉江花园",
            "1995.6",
            "240",
            "2023",
            "已完工",
            "刘强",
            "镇长",
            "13912345678",
            TRUTH[2],
            "高德",
            None,
            "120",
            None,
        ),
        (
            4,
            "周家山镇",
            "粮食局家属院\n（东区）",
            "2000年12月",
            "64",
            "2024",
            "施工中",
            "陈静",
            "书记",
            "+86 139-0916-0001",
            TRUTH[3],
            "高德",
            None,
            "80.25",
            None,
        ),
    ]
    for (
        number,
        township,
        name,
        built,
        households,
        year,
        status,
        person,
        title,
        phone,
        truth,
        crs,
        cams,
        money,
        extra,
    ) in rows:
        lon, lat = wgs84_to_gcj02(truth.lon, truth.lat)
        sheet.append(
            [
                number,
                township,
                name,
                built,
                households,
                year,
                status,
                person,
                title,
                phone,
                round(lon, 7),
                round(lat, 7),
                crs,
                cams,
                money,
                extra,
            ]
        )
        if number == 2:
            sheet.append([None] * 16)  # a blank row in the middle
    sheet.merge_cells("B5:B7")  # 勉阳街道 merged down over its estates (row 7 is the blank row)
    sheet.append(["合计", None, None, None, "1590", None, None, None, None, None, None, None, None, None, "550.75"])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True)
    book.save(path)
    return path


def gb18030_csv_bd09(path: Path) -> Path:
    """A CSV saved by Excel on Chinese Windows (GB18030) with Baidu (BD-09) positions."""
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["项目名称", "街道", "户数", "改造年份", "经度", "纬度", "坐标类型", "包抓负责人", "联系电话"])
        for truth in TRUTH[:3]:
            lon, lat = wgs84_to_bd09(truth.lon, truth.lat)
            writer.writerow(
                [truth.name, truth.township, "100", "2024", f"{lon:.7f}", f"{lat:.7f}", "百度", "赵敏", "13700001111"]
            )
    return path


def gauss_kruger_csv(path: Path, epsg: int, swap_xy: bool = False) -> Path:
    """A surveyor's CSV in CGCS2000 Gauss-Kruger metres, UTF-8 with BOM."""
    to_gk = Transformer.from_crs(4490, epsg, always_xy=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["小区名称", "所在镇（街道）", "X", "Y", "备注"])
        for truth in TRUTH:
            easting, northing = to_gk.transform(truth.lon, truth.lat)
            x, y = (northing, easting) if swap_xy else (easting, northing)
            writer.writerow([truth.name, truth.township, f"{x:.3f}", f"{y:.3f}", "测绘成果"])
    return path


def dms_csv(path: Path, swapped_row: int | None = None, far_row: int | None = None) -> Path:
    """A CSV with degrees-minutes-seconds; optionally one row with lon/lat swapped, one far away."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["小区名称", "镇街", "经度", "纬度"])
        for index, truth in enumerate(TRUTH):
            lon, lat = dms(truth.lon), dms(truth.lat)
            if index == swapped_row:
                lon, lat = lat, lon
            if index == far_row:
                lon, lat = dms(116.397), dms(39.909)  # Beijing: far outside Mian
            writer.writerow([truth.name, truth.township, lon, lat])
    return path
