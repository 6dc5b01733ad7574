"""The 3D scene in Qt: ``Scene3DView`` (the tab) and ``render_3d_png`` (headless snapshots).

Importing this package does not need OpenGL: the view checks for it when it is made and
shows an explanation instead of the scene when it is missing.
"""

from onemap.gui.scene3d.snapshot import SnapshotError, render_3d_png
from onemap.gui.scene3d.view import Scene3DView

__all__ = ["Scene3DView", "SnapshotError", "render_3d_png"]
