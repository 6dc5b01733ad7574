"""QR codes that open an estate's location on a phone: a ``geo:`` URI and an Amap link.

``geo:`` (RFC 5870) carries WGS84, which CGCS2000 equals at estate scale.  Chinese
phones mostly open Amap, whose maps are in GCJ-02, so its link carries the position
shifted to GCJ-02 and says so (``coordinate=gaode``).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import numpy as np
from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas

from onemap.geo.chinacoords import wgs84_to_gcj02


def _cache_generator_polynomials() -> None:
    """Memoise ReportLab's Reed-Solomon generator polynomial (a pure function of the block's
    error-correction length, rebuilt for every block of every code: a third of QR time)."""
    util = qrencoder.QRUtil
    if not hasattr(util.getErrorCorrectPolynomial, "cache_info"):
        util.getErrorCorrectPolynomial = staticmethod(lru_cache(maxsize=64)(util.getErrorCorrectPolynomial))


_PRODUCTS: dict[tuple[int, ...], dict[int, int]] = {}


def _remainder(self: qrencoder.QRPolynomial, e: qrencoder.QRPolynomial) -> qrencoder.QRPolynomial:
    """``self`` mod ``e`` by one pass of long division over GF(256): the same remainder as
    ReportLab's recursive ``QRPolynomial.mod``, which copies the whole polynomial per step
    (half of a QR code's time).  The dividend is one Python integer, a byte per coefficient, so
    each step subtracts (XORs) a multiple of the divisor at once; the multiples are kept per
    divisor (a QR code has two or three)."""
    num, gen = list(self.num), e.num
    n, k = len(num), len(gen)
    if n < k:
        return self
    log, exp = qrencoder.LOG_TABLE, qrencoder.EXP_TABLE
    logs = [log[g] for g in gen]
    products = _PRODUCTS.setdefault(tuple(gen), {})
    rem = int.from_bytes(bytes(num), "big")
    for i in range(n - k + 1):
        coef = (rem >> (8 * (n - 1 - i))) & 0xFF
        if coef:
            ratio = (log[coef] - logs[0]) % 255
            product = products.get(ratio)
            if product is None:
                product = products[ratio] = int.from_bytes(
                    bytes(exp[(logs[j] + ratio) % 255] for j in range(1, k)), "big"
                )
            rem ^= product << (8 * (n - k - i))
    tail = (rem & ((1 << (8 * (k - 1))) - 1)).to_bytes(k - 1, "big")
    return qrencoder.QRPolynomial(list(tail), 0)


_POSITIONS: dict[int, list[tuple[int, int]]] = {}
_PLACES: dict[int, tuple[np.ndarray, np.ndarray, list[int], list[int]]] = {}


def _data_positions(self: qrencoder.QRCode) -> list[tuple[int, int]]:
    """Where data bits go: a function of the version alone, so worked out once per version."""
    if self.version not in _POSITIONS:
        _POSITIONS[self.version] = list(self._dataPosIterator())
    return _POSITIONS[self.version]


def _places(self: qrencoder.QRCode) -> tuple[np.ndarray, np.ndarray, list[int], list[int]]:
    """:func:`_data_positions` as row and column arrays (and lists), once per version."""
    if self.version not in _PLACES:
        cols, rows = np.array(_data_positions(self), dtype=np.int64).reshape(-1, 2).T
        _PLACES[self.version] = rows, cols, rows.tolist(), cols.tolist()
    return _PLACES[self.version]


def _put(self: qrencoder.QRBitBuffer, num: int, length: int) -> None:
    """ReportLab's ``QRBitBuffer.put`` (``length`` bits of ``num``, most significant first) a byte
    at a time instead of a method call per bit: the same buffer."""
    start, buffer = self.length, self.buffer
    end = start + length
    buffer.extend([0] * ((end + 7) // 8 - len(buffer)))
    if length:
        first, last = start >> 3, (end - 1) >> 3
        # the bits, lined up with the bytes first..last they fall in (most significant first)
        bits = (num & ((1 << length) - 1)) << (8 * (last + 1) - end)
        for at in range(last, first - 1, -1):
            buffer[at] |= bits & 0xFF
            bits >>= 8
    self.length = end


def _map_data(self: qrencoder.QRCode, data: list[int], mask_pattern: int) -> None:
    """ReportLab's ``mapData`` with the bits and the mask worked out as arrays: the same modules."""
    rows, cols, row_list, _col_list = _places(self)
    bits = np.unpackbits(np.asarray(data, dtype=np.uint8)).astype(bool)[: len(row_list)]
    dark = np.zeros(len(row_list), dtype=bool)
    dark[: len(bits)] = bits
    dark ^= np.asarray(qrencoder.QRUtil.getMask(mask_pattern)(rows, cols), dtype=bool)
    grid = np.array(self.modules, dtype=bool)  # the function patterns set, the data places still None
    grid[rows, cols] = dark
    self.modules, self.grid = grid.tolist(), grid  # the grid as an array too, for qr_path


def _write_bytes(self: qrencoder.QR8bitByte, buffer: qrencoder.QRBitBuffer, version: int) -> None:
    """ReportLab's ``QR8bitByte.write`` putting the data's bytes as one number (its ``put`` of
    8 bits per byte was a call per character): the same bits."""
    if not isinstance(self.data, bytes | bytearray):
        REPORTLAB_OWN["write"](self, buffer, version)
        return
    self.write_header(buffer, version)
    buffer.put(int.from_bytes(self.data, "big"), 8 * len(self.data))


#: ReportLab's own implementations, kept so tests can compare the faster ones with them
REPORTLAB_OWN = {
    "mod": qrencoder.QRPolynomial.mod,
    "dataPosIterator": qrencoder.QRCode.dataPosIterator,
    "mapData": qrencoder.QRCode.mapData,
    "put": qrencoder.QRBitBuffer.put,
    "write": qrencoder.QR8bitByte.write,
}
_cache_generator_polynomials()
qrencoder.QRPolynomial.mod = _remainder
qrencoder.QRCode.dataPosIterator = _data_positions
qrencoder.QRCode.mapData = _map_data
qrencoder.QRBitBuffer.put = _put
qrencoder.QR8bitByte.write = _write_bytes


def geo_uri(lon: float, lat: float) -> str:
    """``geo:lat,lon`` for a CGCS2000/WGS84 position (six decimals, ~0.1 m)."""
    return f"geo:{lat:.6f},{lon:.6f}"


def amap_uri(lon: float, lat: float, name: str) -> str:
    """An Amap marker link at the GCJ-02 position of a CGCS2000 ``(lon, lat)``."""
    glon, glat = wgs84_to_gcj02(lon, lat)
    return (
        f"https://uri.amap.com/marker?position={glon:.6f},{glat:.6f}&name={quote(name, safe='')}"
        "&coordinate=gaode&callnative=1"
    )


def qr_modules(value: str) -> list[list[bool]]:
    """The dark/light modules of a QR code (level M) for ``value``, row 0 at the top.

    The mask pattern is fixed rather than scored: all eight are valid and scoring them
    costs 8x (most of a sheet's drawing time).
    """
    return _module_array(value).tolist()  # type: ignore[no-any-return]


def _module_array(value: str) -> np.ndarray:
    code = QrCodeWidget(value, barLevel="M").qr
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return code.grid  # type: ignore[no-any-return]  # set by _map_data


#: draw QR codes as a one-bit image mask (False: as a path of rectangles, :func:`qr_path`)
AS_MASK = True


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float, border: int = 2) -> None:
    """Draw a QR code of ``value`` in black, ``size`` points across (quiet zone included)."""
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    modules = _module_array(value)
    # a one-bit mask is ~0.7 KB of operators where the path of rectangles was ~17 KB for the
    # Amap link's 49x49 code: formatting, recording, sending and compressing it was a sixth of a sheet
    canvas.addLiteral((qr_mask if AS_MASK else qr_path)(modules, x, y, size, border))
    canvas.restoreState()


def qr_mask(modules: list[list[bool]] | np.ndarray, x: float, y: float, size: float, border: int = 2) -> str:
    """PDF operators painting the dark modules as an inline one-bit image mask in the fill colour
    (row 0 at the top, not interpolated: printed and rendered as crisp squares)."""
    dark = np.asarray(modules, dtype=bool)
    rows, cols = dark.shape
    cell = size / (cols + 2 * border)
    data = np.packbits(dark, axis=1).tobytes().hex()
    return (
        f"q {cols * cell:.3f} 0 0 {rows * cell:.3f} {x + border * cell:.3f} {y + border * cell:.3f} cm\n"
        f"BI /W {cols} /H {rows} /IM true /BPC 1 /D [1 0] /F /AHx ID\n{data}>\nEI Q"
    )


def qr_path(modules: list[list[bool]] | np.ndarray, x: float, y: float, size: float, border: int = 2) -> str:
    """PDF operators filling each horizontal run of dark modules as one rectangle."""
    cell = size / (len(modules) + 2 * border)
    dark = np.pad(np.asarray(modules, dtype=np.int8), ((0, 0), (1, 1)))
    edges = np.diff(dark, axis=1)
    rows, starts = np.nonzero(edges == 1)  # row-major, so starts and ends pair up row by row
    ends = np.nonzero(edges == -1)[1]
    # each run slightly overlaps the next row down, to leave no hairline between them; every
    # left edge, top and length is formatted once (formatting each rectangle's was half the cost)
    count = len(modules) + 1
    lefts = [f"{x + (c + border) * cell:.3f}" for c in range(count)]
    tops = [f"{y + size - (r + border + 1) * cell:.3f}" for r in range(count)]
    tall = f"{cell + 0.02:.3f} re"
    lengths = [f"{n * cell + 0.02:.3f} {tall}" for n in range(count)]
    ops = [
        f"{lefts[c]} {tops[r]} {lengths[n]}"
        for r, c, n in zip(rows.tolist(), starts.tolist(), (ends - starts).tolist(), strict=True)
    ]
    return "\n".join(ops) + "\nf"
