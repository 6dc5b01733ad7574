"""What every page of one briefing shares: the inventory, options, font, county facts, basemap."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from onemap.brief.alertlist import AlertWindow
from onemap.brief.basemap import TileSource, open_basemap, usable
from onemap.brief.fonts import find_cjk_font
from onemap.brief.options import BriefOptions
from onemap.brief.refdraw import reference_layers
from onemap.brief.sheetdata import AdminArea, admin_areas
from onemap.brief.typeset import Typesetter
from onemap.geo.reflayers import RefLayer
from onemap.said import Said, error_text
from onemap.store.counties import estate_counties
from onemap.store.inventory import Inventory
from onemap.summary import area_name
from onemap.watch.event import SHANGHAI


@dataclass
class BriefContext:
    """Shared state of one build; ``warnings`` collects what the user should be told."""

    inventory: Inventory
    options: BriefOptions
    ts: Typesetter
    county_name: str | None = None
    county_code: str | None = None
    data_date: str | None = None
    admin: list[AdminArea] = field(default_factory=list)
    basemap: TileSource | None = None
    warnings: list[str] = field(default_factory=list)
    #: the county's reference layers (streets, rivers, townships) the maps draw under the estates
    reference: list[RefLayer] = field(default_factory=list)
    #: the alerts' period (30 days up to the report date)
    alert_window: AlertWindow = field(default_factory=lambda: AlertWindow.ending(datetime.now(SHANGHAI).date()))
    #: the check-up data of the packet's estates, read by its first pass and kept for the next (checkup_section.py)
    checkup: Any = None
    #: what other parts compute once per briefing: the scores (score_block.py), the 片区 (district_sheet.py)
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, inventory: Inventory, options: BriefOptions) -> BriefContext:
        """Find the font, read the county facts and open the basemap (if one is set)."""
        font = find_cjk_font(options.font_path, options.font_dirs)
        day = options.report_date or datetime.now(SHANGHAI).date()
        options = replace(options, report_date=day)  # fixed once: a worker process reports up to the same day
        several = len(estate_counties(inventory)) > 1  # titled 勉县等 5 个县（区）, with no one county's code
        context = cls(
            inventory,
            options,
            Typesetter(font, options.redact_phones),
            county_name=area_name(inventory) or None,
            county_code=None if several else inventory.meta("county_code") or None,
            data_date=inventory.meta("data_date") or None,
            admin=admin_areas(inventory),
            warnings=list(font.warnings),
            alert_window=AlertWindow.ending(day),
        )
        if options.mbtiles_path:
            context.basemap = context._open_basemap(options.mbtiles_path)  # a path or a URL/tianditu spec
        context.reference, said = reference_layers(getattr(inventory, "path", None), options.layer_files or [])
        context.warnings.extend(said)
        return context

    def _open_basemap(self, path: str | Path) -> TileSource | None:
        try:
            source = open_basemap(path)
        except ImportError:
            self.warnings.append(
                Said(
                    "本版本 OneMap 不能读取 MBTiles 底图，已改为纯矢量地图",
                    "This OneMap cannot read MBTiles basemaps; the maps are drawn as vectors only",
                )
            )
            return None
        except Exception as error:  # a bad basemap must not stop the packet
            zh, en = error_text(error, "zh").rstrip("。"), error_text(error, "en").rstrip(".")
            self.warnings.append(
                Said(f"{zh}。位置图改为纯矢量绘制。", f"{en}. The location maps are drawn as vectors only.")
            )
            return None
        if why := usable(source):
            self.warnings.append(why)
            return None
        return source

    def close(self) -> None:
        """Close the basemap file, if one was opened, and stop a process still working the scores out."""
        from onemap.brief.score_block import stop_scores

        stop_scores(self)
        close = getattr(self.basemap, "close", None)
        if close is not None:
            close()
        self.basemap = None

    @property
    def county(self) -> str:
        """The county's name for titles (``本县`` when the file does not say)."""
        return self.county_name or "本县"
