"""The 3D scene as data: one building mesh, outlines, the camera, picking and labels (no Qt, no OpenGL).

>>> scene = load_scene("勉县.gpkg")            # doctest: +SKIP
>>> colours = scene.mesh.colours(lambda code: "#4ac16d")  # doctest: +SKIP
"""

from onemap.scene.camera import OrbitCamera
from onemap.scene.colours import (
    ColourFn,
    colour_fn_from_classes,
    colour_fn_from_mapping,
    colour_table,
    rgba8,
    status_colour_fn,
)
from onemap.scene.frame import SceneFrame
from onemap.scene.labels import PlacedLabel, place_labels
from onemap.scene.mesh import BuildingMesh, build_building_mesh
from onemap.scene.outlines import OutlineLines, build_outlines
from onemap.scene.picking import pick_estate, pick_face
from onemap.scene.scene import CountyScene, SceneCancelled, build_scene, load_scene
from onemap.scene.source import STOREY_HEIGHT_M, BuildingRows, building_heights, read_buildings

__all__ = [
    "STOREY_HEIGHT_M",
    "BuildingMesh",
    "BuildingRows",
    "ColourFn",
    "CountyScene",
    "OrbitCamera",
    "OutlineLines",
    "PlacedLabel",
    "SceneCancelled",
    "SceneFrame",
    "build_building_mesh",
    "build_outlines",
    "build_scene",
    "building_heights",
    "colour_fn_from_classes",
    "colour_fn_from_mapping",
    "colour_table",
    "load_scene",
    "pick_estate",
    "pick_face",
    "place_labels",
    "read_buildings",
    "rgba8",
    "status_colour_fn",
]
