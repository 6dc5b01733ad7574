"""Which coordinate system a ledger's numbers are in: from a cell or flag, or from the numbers.

A :data:`CoordinateSystem` is ``"wgs84"``, ``"cgcs2000"``, ``"gcj02"`` (Amap, Tencent),
``"bd09"`` (Baidu) or an EPSG code (an ``int``) on the CGCS2000 or WGS84 datum.

What the numbers alone can tell, and what they cannot:

- Degrees versus Gauss-Kruger metres, and the zone of a zone-prefixed easting
  (≈ zone × 1e6 + 5e5, e.g. 3.6e7 for zone 36).
- Not the zone of a plain easting (2e5–8e5): that needs the county (its seat picks the
  zone, and the neighbouring zone wins if it puts the data nearer the seat, for counties
  such as Mian that a zone edge cuts). Plain eastings are taken as 3-degree zones.
- Not WGS84 from GCJ-02 from BD-09: the shifts (≈440 m and ≈1.1 km at Mian) are far below
  what a set of points reveals. Degrees are read as CGCS2000 (= WGS84 at estate scale)
  unless a column or ``--crs`` says 高德/腾讯/百度; the guess carries a note saying so.

Chinese surveyors write X for the northing and Y for the easting; both orders are recognised.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import CRS
from pyproj.exceptions import CRSError

from onemap.geo.crs import GK3_ZONES, gk3_epsg, gk3_zone, transformer
from onemap.io.cells_base import Cell, bad, blank, empty, fold, never_raises, ok
from onemap.io.cells_base import original_text as _original

_log = logging.getLogger(__name__)

GeographicSystem: TypeAlias = Literal["wgs84", "cgcs2000", "gcj02", "bd09"]
CoordinateSystem: TypeAlias = GeographicSystem | int

GK6_ZONES = range(13, 24)
_GK6_PREFIXED_BASE, _GK6_CM_BASE = 4491, 4502

_NAMES: dict[str, GeographicSystem] = {
    **dict.fromkeys(("wgs84", "wgs1984", "wgs", "gps", "googleearth", "谷歌地球", "epsg4326", "4326"), "wgs84"),
    **dict.fromkeys(
        (
            "cgcs2000",
            "cgcs",
            "2000国家大地",
            "国家2000",
            "国家大地2000",
            "2000国家",
            "中国2000",
            "大地2000",
            "2000",
            "china2000",
            "chinageodetic2000",
            "epsg4490",
            "4490",
            "天地图",
            "tianditu",
        ),
        "cgcs2000",
    ),
    **dict.fromkeys(
        ("gcj02", "gcj", "高德", "腾讯", "火星", "国测局", "amap", "autonavi", "tencent", "qq", "soso", "谷歌中国"),
        "gcj02",
    ),
    **dict.fromkeys(("bd09", "bd09ll", "百度", "百度经纬度", "baidu"), "bd09"),
}
_AUTO = frozenset({"auto", "自动", "自动识别", "默认", "default"})
_BD09MC = (
    "百度墨卡托（BD-09MC）不支持，请导出百度经纬度",
    "Baidu Mercator (BD-09MC) is not supported; use BD-09 lon/lat",
)
_LOCAL_DATUM = ("坐标需要本地转换参数，请先转换为 CGCS2000", " needs local parameters; convert it to CGCS2000 first")
_REFUSED = {
    "bd09mc": _BD09MC,
    "百度墨卡托": _BD09MC,
    "西安80": ("西安80" + _LOCAL_DATUM[0], "Xian 1980" + _LOCAL_DATUM[1]),
    "北京54": ("北京54" + _LOCAL_DATUM[0], "Beijing 1954" + _LOCAL_DATUM[1]),
}
_NOISE = re.compile(r"[\s\-_()（）/·.:：]|坐标系统|坐标系|坐标|系$|geodetic|coordinates?|system")
_GK_ZONE = re.compile(r"(?:第|zone)?(?P<zone>\d{2})(?:度?带|号带|zone)?")
_GK_CM = re.compile(r"(?:中央经线|中央子午线|cm|centralmeridian)(?P<cm>\d{2,3})")
_EPSG = re.compile(r"(?:epsg)?(?P<code>\d{4,5})")
_DEGREES_NOTE = (
    "按经纬度（CGCS2000/WGS84）导入；数字无法区分高德、百度坐标，如是请在坐标系列或 --crs 注明",
    "read as CGCS2000/WGS84 degrees; the numbers cannot reveal GCJ-02 or BD-09: name those in a column or --crs",
)


@never_raises
def crs_from_text(text: object) -> Cell[CoordinateSystem]:
    """Recognise a coordinate system named in a ledger cell or the ``--crs`` flag.

    Parameters
    ----------
    text
        ``"WGS84"``, ``"CGCS2000"``, ``"2000国家大地坐标系"``, ``"国家2000"``, ``"高德"``, ``"腾讯"``,
        ``"GCJ-02"``, ``"火星坐标"``, ``"百度"``, ``"BD-09"``, ``"EPSG:4545"``, ``"4545"``,
        ``"CGCS2000 3度带 36带"``, ``"中央经线108"``, ``"6度带18带"``, ``"auto"`` ...

    Returns
    -------
    Cell[CoordinateSystem]
        The system; blank for an empty cell or ``auto`` (recognise it from the numbers);
        a reason for an unknown name, Xian 80 / Beijing 54, Baidu Mercator, or an EPSG code
        that is not on the CGCS2000 or WGS84 datum. A Gauss-Kruger zone named in words
        gives the plain-easting code; :func:`onemap.io.coords.to_cgcs2000` switches to
        the zone-prefixed twin when the eastings carry the zone.
    """
    original = _original(text)
    if blank(text):
        return empty(original)
    key = _NOISE.sub("", fold(str(text)).lower())[:100]
    if key in _AUTO:
        return empty(original)
    if key in _NAMES:
        return ok(_NAMES[key], original)
    for word, (zh, en) in _REFUSED.items():
        if word in key:
            return bad(original, zh, en)
    gk = _gauss_kruger(key)
    if isinstance(gk, tuple):
        return bad(original, *gk)
    if gk is not None:
        return ok(gk, original)
    if found := next((name for word, name in _NAMES.items() if not word.isdigit() and word in key), None):
        return ok(found, original)  # a known name inside a longer text: 高德坐标系（GCJ-02）
    if code := _EPSG.fullmatch(key):
        return _epsg_cell(int(code["code"]), original)
    return bad(
        original,
        "无法识别的坐标系，可填 WGS84、CGCS2000、高德/腾讯（GCJ-02）、百度（BD-09）、EPSG 代码或“3度带36带”",
        "unknown coordinate system; use WGS84, CGCS2000, GCJ-02, BD-09, an EPSG code or a Gauss-Kruger zone",
    )


def _gauss_kruger(key: str) -> int | tuple[str, str] | None:
    """The plain-easting EPSG code of a Gauss-Kruger system named in words, if one is."""
    six = "6度" in key or "六度" in key or "6degree" in key
    named = six or any(word in key for word in ("3度", "三度", "3degree", "高斯", "gauss", "gk", "带", "zone"))
    if not named and _GK_CM.search(key) is None:
        return None
    zone = _named_zone(key, six)
    if zone is not None and six and zone in GK6_ZONES:
        return _GK6_CM_BASE + zone - GK6_ZONES.start
    if zone is not None and not six and zone in GK3_ZONES:
        return gk3_epsg(zone, prefixed=False)
    return ("高斯坐标请写明带号（如 3度带36带）或中央经线", "name the Gauss-Kruger zone (3度带36带) or meridian")


def _named_zone(key: str, six: bool) -> int | None:
    """The zone a text names, by number (36带, zone 36) or by central meridian (中央经线108)."""
    if cm := _GK_CM.search(key):
        meridian = int(cm["cm"])
        return (meridian + 3) // 6 if six else meridian // 3
    zone = _GK_ZONE.search(re.sub(r"[36]度|[三六]度|[36]degree|2000", "", key))
    return int(zone["zone"]) if zone else None


def _epsg_cell(code: int, original: str | None) -> Cell[CoordinateSystem]:
    datum = _datum_of(code)
    if datum == 4490:
        return ok("cgcs2000" if code == 4490 else code, original)
    if datum == 4326:
        return ok("wgs84" if code == 4326 else code, original)
    if datum is None:
        return bad(original, f"EPSG:{code} 不是已知的坐标系", f"EPSG:{code} is not a known coordinate system")
    return bad(
        original,
        f"EPSG:{code} 的基准不是 CGCS2000/WGS84，没有转换参数会偏差上百米",
        f"EPSG:{code} is not on the CGCS2000/WGS84 datum; converting it without local parameters is ~100 m off",
    )


@lru_cache(maxsize=256)
def _datum_of(code: int) -> int | None:
    """EPSG code of the geographic CRS under ``code`` (4490, 4326, ...), None if unknown."""
    try:
        geodetic = CRS.from_epsg(code).geodetic_crs
    except CRSError:
        return None
    return geodetic.to_epsg() if geodetic is not None else None


@lru_cache(maxsize=256)
def is_projected(crs: CoordinateSystem) -> bool:
    """True for an EPSG code of a projected (metre) system; False for degrees or unknown codes."""
    if not isinstance(crs, int):
        return False
    try:
        return bool(CRS.from_epsg(crs).is_projected)
    except CRSError:
        return False


def guess_crs(xs: ArrayLike, ys: ArrayLike, county_lonlat: tuple[float, float] | None = None) -> Cell[CoordinateSystem]:
    """Recognise a dataset's coordinate system from its numbers (see the module docstring).

    Parameters
    ----------
    xs, ys
        The dataset's x and y columns as numbers (NaN for blanks), in either order.
    county_lonlat
        The county seat, needed for plain Gauss-Kruger eastings and used to check zones.

    Returns
    -------
    Cell[CoordinateSystem]
        ``"cgcs2000"`` for degrees (with a note that GCJ-02/BD-09 cannot be recognised),
        a Gauss-Kruger EPSG code for metres; a note when some points fit another kind;
        a reason when the numbers fit nothing or the zone cannot be known.
    """
    try:
        return _guess(*_finite_pairs(xs, ys), county_lonlat)
    except Exception as exc:  # like the cell parsers, a guess never stops an import
        _log.warning("guess_crs failed: %s", type(exc).__name__)
        return bad(None, "坐标数字无法读取", "the coordinate numbers could not be read")


def _guess(
    x: NDArray[np.float64], y: NDArray[np.float64], county_lonlat: tuple[float, float] | None
) -> Cell[CoordinateSystem]:
    if x.size == 0:
        return empty(None)
    kinds = _kinds(x, y)
    values, counts = np.unique(kinds, return_counts=True)
    kind = str(values[np.argmax(counts)])
    odd = int(x.size - counts.max())
    cell = _crs_for_kind(kind, np.where(_is_easting(x), x, y), np.where(_is_easting(x), y, x), county_lonlat)
    if odd and cell.value is not None:
        zh = "；".join(filter(None, [cell.note_zh, f"{odd} 个点的数字与其余不符"]))
        en = "; ".join(filter(None, [cell.note_en, f"{odd} point(s) do not fit the others"]))
        return ok(cell.value, None, (zh, en))
    return cell


def _finite_pairs(xs: ArrayLike, ys: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x = np.asarray(xs, dtype=np.float64).ravel()
    y = np.asarray(ys, dtype=np.float64).ravel()
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def _is_easting(v: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Plain (0–1e6), 6-degree prefixed (13e6–24e6) or 3-degree prefixed (25e6–46e6) eastings."""
    return ((v > 0) & (v < 1e6)) | ((v >= 13e6) & (v < 24e6)) | ((v >= 25e6) & (v < 46e6))


def _is_northing(v: NDArray[np.float64]) -> NDArray[np.bool_]:
    return (v >= 1e6) & (v < 1e7)


def _kinds(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.str_]:
    degrees = (np.abs(x) <= 180) & (np.abs(y) <= 180)
    en = _is_easting(x) & _is_northing(y)
    ne = _is_easting(y) & _is_northing(x)
    easting = np.where(en, x, np.where(ne, y, 0.0))
    zone = (easting // 1e6).astype(np.int64)
    metres = np.where(easting < 1e6, "gk:plain", np.char.add("gk:", zone.astype(str)))
    return np.where(degrees, "degrees", np.where(en | ne, metres, "unknown"))


def _crs_for_kind(
    kind: str, east: NDArray[np.float64], north: NDArray[np.float64], county: tuple[float, float] | None
) -> Cell[CoordinateSystem]:
    if kind == "degrees":
        return Cell("cgcs2000", None, note_zh=_DEGREES_NOTE[0], note_en=_DEGREES_NOTE[1])
    if kind == "unknown":
        return bad(None, "坐标数字既不像经纬度也不像高斯-克吕格坐标", "the numbers are not degrees nor Gauss-Kruger")
    if kind == "gk:plain":
        return _plain_zone(east, north, county)
    zone = int(kind.removeprefix("gk:"))
    code = gk3_epsg(zone, prefixed=True) if zone in GK3_ZONES else _GK6_PREFIXED_BASE + zone - GK6_ZONES.start
    if county is not None and zone in GK3_ZONES and abs(_safe_zone(county[0]) - zone) > 1:
        return bad(None, f"坐标在第 {zone} 带，与所在县不符", f"the eastings are in zone {zone}, far from the county")
    return ok(code, None)


def _plain_zone(
    east: NDArray[np.float64], north: NDArray[np.float64], county: tuple[float, float] | None
) -> Cell[CoordinateSystem]:
    if county is None:
        return bad(
            None,
            "不带带号的高斯坐标无法判断所在带：请用 --county 指明县，或用 --crs 指明坐标系（如 EPSG:4545）",
            "plain Gauss-Kruger eastings do not say their zone: give --county or --crs (e.g. EPSG:4545)",
        )
    e, n = float(np.median(east)), float(np.median(north))
    home = _safe_zone(county[0])
    candidates = [z for z in (home, home - 1, home + 1) if z in GK3_ZONES]
    best = min(candidates, key=lambda z: _distance_deg(gk3_epsg(z, prefixed=False), e, n, county))
    cm = 3 * best
    note = (f"按 3 度带中央经线 {cm}° 计", f"read as the 3-degree zone CM {cm}E")
    return ok(gk3_epsg(best, prefixed=False), None, note)


def _safe_zone(lon: float) -> int:
    return gk3_zone(min(max(lon, 73.5), 135.0))


def _distance_deg(code: int, e: float, n: float, county: tuple[float, float]) -> float:
    lon, lat = transformer(code, "EPSG:4490").transform(e, n)
    return float(np.hypot(lon - county[0], lat - county[1]))
