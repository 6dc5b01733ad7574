"""The viewer's model without Qt: state, filters, symbology, labels, tables and details."""
