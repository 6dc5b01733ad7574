"""The 3D camera as plain numbers: an orbit around a centre point, and the matrices it makes.

The maths matches pyqtgraph's ``GLViewWidget`` (euler mode) so the widget and the core agree
on where a point appears: the view is ``T(0, 0, -distance) Rx(elevation - 90)
Rz(-(azimuth + 90)) T(-centre)`` and the projection a frustum whose *horizontal* field of
view is ``fov`` with near and far planes at 0.001 and 1000 times the distance.
Azimuth -90 puts the camera south of the centre looking north, so north is up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
NORTH_UP_AZIMUTH = -90.0


@dataclass(frozen=True)
class OrbitCamera:
    """Where the camera looks from.

    Parameters
    ----------
    center : tuple of float
        The point looked at, in scene metres.
    distance : float
        From the camera to ``center``, metres.
    elevation : float
        Degrees above the ground plane (90 looks straight down).
    azimuth : float
        Degrees, counter-clockwise from east, of the camera seen from the centre.
    fov : float
        Horizontal field of view in degrees.
    """

    center: tuple[float, float, float] = (0.0, 0.0, 0.0)
    distance: float = 1000.0
    elevation: float = 45.0
    azimuth: float = NORTH_UP_AZIMUTH
    fov: float = 60.0

    def position(self) -> FloatArray:
        """The camera's own position in scene metres."""
        el, az = math.radians(self.elevation), math.radians(self.azimuth)
        offset = self.distance * np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])
        return np.asarray(self.center, dtype=np.float64) + offset

    def view_matrix(self) -> FloatArray:
        """4x4 world -> eye matrix (column vectors)."""
        shift = np.eye(4)
        shift[:3, 3] = -np.asarray(self.center, dtype=np.float64)
        back = np.eye(4)
        back[2, 3] = -self.distance
        return back @ _rotation_x(self.elevation - 90.0) @ _rotation_z(-(self.azimuth + 90.0)) @ shift

    def projection_matrix(self, width: float, height: float) -> FloatArray:
        """4x4 eye -> clip matrix for a viewport of ``width`` x ``height`` pixels."""
        near, far = self.distance * 0.001, self.distance * 1000.0
        r = near * math.tan(0.5 * math.radians(self.fov))
        t = r * height / width
        return np.array(
            [
                [near / r, 0.0, 0.0, 0.0],
                [0.0, near / t, 0.0, 0.0],
                [0.0, 0.0, -(far + near) / (far - near), -2.0 * far * near / (far - near)],
                [0.0, 0.0, -1.0, 0.0],
            ]
        )

    def project(self, points: ArrayLike, width: float, height: float) -> tuple[FloatArray, NDArray[np.bool_]]:
        """Pixel positions ``(n, 2)`` (x right, y down) of scene points, and whether each is in front."""
        pts = np.atleast_2d(np.asarray(points, dtype=np.float64))
        homo = np.hstack([pts, np.ones((len(pts), 1))])
        clip = homo @ (self.projection_matrix(width, height) @ self.view_matrix()).T
        w = clip[:, 3]
        in_front = w > 0
        safe_w = np.where(in_front, w, 1.0)
        px = (clip[:, 0] / safe_w + 1.0) * 0.5 * width
        py = (1.0 - clip[:, 1] / safe_w) * 0.5 * height
        return np.column_stack([px, py]), in_front

    def ray(self, x: float, y: float, width: float, height: float) -> tuple[FloatArray, FloatArray]:
        """The ray from the camera through pixel ``(x, y)``: ``(origin, unit direction)`` in scene metres."""
        ndc_x, ndc_y = 2.0 * x / width - 1.0, 1.0 - 2.0 * y / height
        tan_x = math.tan(0.5 * math.radians(self.fov))
        eye_dir = np.array([ndc_x * tan_x, ndc_y * tan_x * height / width, -1.0, 0.0])
        world_dir = np.linalg.inv(self.view_matrix()) @ eye_dir
        direction = world_dir[:3] / np.linalg.norm(world_dir[:3])
        return self.position(), direction

    def north_angle_deg(self, width: float = 1.0, height: float = 1.0) -> float:
        """Clockwise screen angle of north from straight up at the centre (0 when north is up).

        Measured by projecting a short step north from the centre, so it follows the ground's
        foreshortening; straight down the view axis it falls back to the azimuth.
        """
        step = np.asarray(self.center, dtype=np.float64) + [0.0, 0.01 * self.distance, 0.0]
        (p0, p1), _ = self.project(np.array([self.center, step]), width, height)
        dx, dy = p1 - p0
        if math.hypot(dx, dy) < 1e-9 * max(width, height):
            return float((self.azimuth - NORTH_UP_AZIMUTH) % 360.0)
        return float(math.degrees(math.atan2(dx, -dy)) % 360.0)

    def fitted(self, lo: ArrayLike, hi: ArrayLike, width: float, height: float, margin: float = 1.05) -> OrbitCamera:
        """This camera's angles, moved so the box ``lo``-``hi`` just fits the view.

        Starts from the distance at which the box's bounding sphere fits, then refines it on the
        box's projected corners (a tilted view foreshortens the far side), so ``margin`` 1.0 puts
        the box's outermost corner on the edge of the picture.
        """
        lo_, hi_ = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
        center = (lo_ + hi_) / 2.0
        radius = max(float(np.linalg.norm(hi_ - lo_)) / 2.0, 5.0)
        half_h = math.radians(self.fov) / 2.0
        half_v = math.atan(math.tan(half_h) * height / width)
        camera = replace(
            self,
            center=(float(center[0]), float(center[1]), float(center[2])),
            distance=radius / math.sin(min(half_h, half_v)),
        )
        corners = np.array([[x, y, z] for x in (lo_[0], hi_[0]) for y in (lo_[1], hi_[1]) for z in (lo_[2], hi_[2])])
        for _ in range(6):
            camera = camera._recentred(corners, width, height)
            camera = replace(camera, distance=camera.distance * camera._reach(corners, width, height))
        return replace(camera, distance=camera.distance * margin)

    def _recentred(self, points: FloatArray, width: float, height: float) -> OrbitCamera:
        """Slide the centre (in its own horizontal plane) to the middle of the points' picture."""
        xy, in_front = self.project(points, width, height)
        if not in_front.all():
            return self
        mid_x, mid_y = (xy.min(axis=0) + xy.max(axis=0)) / 2.0
        origin, direction = self.ray(float(mid_x), float(mid_y), width, height)
        if abs(direction[2]) < 1e-6:
            return self
        t = (self.center[2] - origin[2]) / direction[2]
        if t <= 0:
            return self
        hit = origin + t * direction
        return replace(self, center=(float(hit[0]), float(hit[1]), self.center[2]))

    def _reach(self, points: FloatArray, width: float, height: float) -> float:
        """How far the farthest point lies out from the centre, as a fraction of the half-view (1 = on the edge)."""
        xy, in_front = self.project(points, width, height)
        if not in_front.all():
            return 2.0
        ndc = np.abs(xy / [width / 2.0, height / 2.0] - 1.0)
        reach: float = min(max(float(ndc.max()), 0.2), 2.0) ** 0.8
        return reach


def _rotation_x(degrees: float) -> FloatArray:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return np.array([[1, 0, 0, 0], [0, c, -s, 0], [0, s, c, 0], [0, 0, 0, 1]], dtype=np.float64)


def _rotation_z(degrees: float) -> FloatArray:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return np.array([[c, -s, 0, 0], [s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=np.float64)
