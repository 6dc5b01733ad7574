"""The inventory file: GeoPackage encoding, schema migrations, reads, audited writes."""

from onemap.store.errors import InventoryError
from onemap.store.inventory import Inventory
from onemap.store.where import Filter, parse_where

__all__ = ["Filter", "Inventory", "InventoryError", "parse_where"]
