"""All layers of one open inventory, in drawing order, created and closed together."""

from __future__ import annotations

from onemap.gui.canvas.basemap import BasemapLayer
from onemap.gui.canvas.boundaries import AdminLayer
from onemap.gui.canvas.estates import EstateLayer
from onemap.gui.canvas.labels import LabelLayer
from onemap.gui.canvas.layer import MapLayer
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.polygons import BuildingLayer, OutlineLayer
from onemap.gui.canvas.reflayers import ReferenceLayers
from onemap.gui.canvas.selection import SelectionLayer
from onemap.view.session import MapSession


class MapLayers:
    """Basemap, admin boundaries, outlines, buildings, estates, labels, selection (bottom to top)."""

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        self.basemap = BasemapLayer(canvas, session)
        self.admin = AdminLayer(canvas, session)
        self.outlines = OutlineLayer(canvas, session)
        self.buildings = BuildingLayer(canvas, session)
        self.estates = EstateLayer(canvas, session)
        self.labels = LabelLayer(canvas, session, self.estates)
        self.selection = SelectionLayer(canvas, session)
        self.reference = ReferenceLayers(
            canvas, session, self.estates, self.labels
        )  # roads, rivers, townships, place names

    def all(self) -> list[MapLayer]:
        """Every layer, bottom first."""
        return [self.basemap, self.admin, self.outlines, self.buildings, self.estates, self.labels, self.selection]

    def settle(self, timeout_ms: int = 10_000) -> None:
        """Finish deferred work now: read outlines and buildings, wait for basemap tiles."""
        for layer in (self.outlines, self.buildings):
            if layer.pending:
                layer.load()
        self.admin.settle()
        self.reference.settle()  # reference layer files read in the background
        self.basemap.wait_until_loaded(timeout_ms)

    def close(self) -> None:
        """Take every layer off the map and unsubscribe it."""
        self.reference.close()
        for layer in reversed(self.all()):
            layer.close()
