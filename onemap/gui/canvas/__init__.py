"""The 2D map canvas (pyqtgraph, Web Mercator display) and its layers, one item per layer."""
