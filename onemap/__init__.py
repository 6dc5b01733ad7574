"""OneMap (一张图): a county's old-estate renovation inventory on one map."""

__version__ = "0.1.0"
