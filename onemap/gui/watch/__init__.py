"""The live watch in the viewer: cameras, sensors and alerts on the map."""
