"""Live watch: the collector's event sources, alerts and their dispatch to the people responsible."""
