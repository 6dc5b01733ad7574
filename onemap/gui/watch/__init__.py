"""The live watch in the viewer: cameras, sensors and alerts on the map, the broker settings, the live feed
of alerts and the 演示 mode."""
