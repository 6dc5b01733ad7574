"""What the viewer shows, without Qt: filters, search, symbology, the table, details, labels and culling."""
