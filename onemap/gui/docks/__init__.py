"""Dock widgets: details, attribute table, legend, filters, layers -- each bound to a ViewState."""
