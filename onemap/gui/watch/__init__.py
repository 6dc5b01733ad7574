"""The viewer's live half: the broker settings, the live feed of alerts and the 演示 mode."""
