"""The core's Chinese names the GUI shows, listed for ``pyside6-lupdate``.

:mod:`onemap.view` keeps its labels in Chinese and free of Qt (symbology kinds, layer
names).  The GUI shows them through ``tr(label)``; the calls below only let lupdate find
them.  ``tests/gui/test_work_translations.py`` checks this list still matches the core.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

#: onemap.view.symbology.SYMBOLOGY_KINDS values and the category symbology's note
SYMBOLOGY_TEXT = (
    QT_TRANSLATE_NOOP("", "按改造状态"),
    QT_TRANSLATE_NOOP("", "按改造年度"),
    QT_TRANSLATE_NOOP("", "按改造类别"),
    QT_TRANSLATE_NOOP("", "颜色为最高改造档次（基础→完善→提升），菱形表示含安全类"),
    QT_TRANSLATE_NOOP("", "按评分"),
    QT_TRANSLATE_NOOP("", "得分为默认权重下各项之和（满分 100）；灰色三角为不符合改造条件"),
)
#: onemap.view.state.LAYERS values
LAYER_TEXT = (
    QT_TRANSLATE_NOOP("", "底图"),
    QT_TRANSLATE_NOOP("", "行政区划"),
    QT_TRANSLATE_NOOP("", "小区范围"),
    QT_TRANSLATE_NOOP("", "楼栋"),
    QT_TRANSLATE_NOOP("", "小区点位"),
    QT_TRANSLATE_NOOP("", "名称标注"),
    QT_TRANSLATE_NOOP("", "传感器"),
    QT_TRANSLATE_NOOP("", "摄像头"),
    QT_TRANSLATE_NOOP("", "选中"),
    QT_TRANSLATE_NOOP("", "告警"),
)
CORE_TEXT = SYMBOLOGY_TEXT + LAYER_TEXT
