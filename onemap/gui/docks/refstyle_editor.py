"""A reference layer's style: line colour, fill colour, line width and label field, in a small dialog.

The chosen :class:`~onemap.geo.refstyle.RefStyle` goes back into the layer's spec, which the
window keeps in the settings per inventory.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QPushButton,
    QWidget,
)

from onemap.geo.refstyle import RefLayerSpec, RefStyle
from onemap.gui.i18n import tr


def label_fields(spec: RefLayerSpec) -> list[str]:
    """The text fields a layer's labels may come from (none for a DXF or an unreadable file)."""
    import pyogrio

    path = Path(spec.path)
    if path.suffix.lower() == ".dxf" or not path.is_file():
        return []
    try:
        info = pyogrio.read_info(path, layer=spec.layer or None)
    except (OSError, ValueError, RuntimeError):
        return []
    return [str(name) for name, kind in zip(info["fields"], info["dtypes"], strict=True) if str(kind) == "object"]


class RefStyleDialog(QDialog):
    """Edits one layer's style; :meth:`style` is the result."""

    def __init__(self, spec: RefLayerSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("参考图层样式：{name}").format(name=spec.label))
        style = spec.style
        self.colours = {"line": style.line, "fill": style.fill}
        self.buttons: dict[str, QPushButton] = {}
        form = QFormLayout(self)
        for key, text in (("line", tr("线条颜色")), ("fill", tr("填充颜色"))):
            button = QPushButton()
            button.clicked.connect(lambda _checked=False, k=key: self._choose(k))
            self.buttons[key] = button
            form.addRow(text, button)
        self.line_width = QDoubleSpinBox()
        self.line_width.setRange(0.0, 10.0)
        self.line_width.setSingleStep(0.5)
        self.line_width.setSpecialValueText(tr("默认"))
        self.line_width.setValue(style.width)
        form.addRow(tr("线宽（像素）"), self.line_width)
        self.label = QComboBox()
        self.label.addItem(tr("（无）"), "")
        for name in label_fields(spec):
            self.label.addItem(name, name)
        at = self.label.findData(style.label_field)
        self.label.setCurrentIndex(max(at, 0))
        form.addRow(tr("标注字段"), self.label)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self._show_colours()

    def set_colour(self, key: str, colour: str) -> None:
        """Set the line or fill colour (``""``: the default of the layer's kind)."""
        self.colours[key] = colour
        self._show_colours()

    def chosen_style(self) -> RefStyle:
        """The style as edited."""
        return RefStyle(
            line=self.colours["line"],
            fill=self.colours["fill"],
            width=float(self.line_width.value()),
            label_field=str(self.label.currentData() or ""),
        )

    def _choose(self, key: str) -> None:
        start = QColor(self.colours[key]) if self.colours[key] not in ("", "none") else QColor("#808080")
        colour = QColorDialog.getColor(start, self, tr("选择颜色"))
        if colour.isValid():
            self.set_colour(key, colour.name())

    def _show_colours(self) -> None:
        for key, button in self.buttons.items():
            colour = self.colours[key]
            button.setText(colour if colour not in ("", "none") else tr("默认"))
            button.setStyleSheet(f"background: {colour};" if colour not in ("", "none") else "")
