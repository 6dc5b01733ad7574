"""A camera password pasted into a ledger reaches no file, export, report or log."""

from __future__ import annotations

from pathlib import Path

from onemap.cli import main
from onemap.logs import log_dir
from tests.core.ledgers import PASSWORD, excel_ledger


def _holds_password(path: Path) -> bool:
    data = path.read_bytes()
    return any(form in data for form in (PASSWORD.encode("utf-8"), PASSWORD.encode("utf-16-le"), b"pa%40ss", b"Zx9!pa"))


def test_the_ledger_password_is_nowhere_after_import_and_every_export(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    into = tmp_path / "清单.gpkg"
    assert main(["import", str(ledger), "--into", str(into), "--county", "610725", "--json"]) == 0
    printed = capsys.readouterr()
    assert PASSWORD not in printed.out + printed.err
    assert "账号密码已移除" in printed.out
    outputs = [into]
    for suffix in (".gpkg", ".geojson", ".csv", ".xlsx", ".kml"):
        out = tmp_path / f"导出{suffix}"
        assert main(["export", str(into), str(out)]) == 0
        outputs.append(out)
    assert main(["show", str(into), "6107250001", "--json"]) == 0
    assert main(["list", str(into), "--json"]) == 0
    printed = capsys.readouterr()
    assert PASSWORD not in printed.out + printed.err
    assert "192.168.10.64" in printed.out  # the link itself survives, without its login
    logs = list(log_dir().glob("*.log"))
    assert logs and "imported" in logs[0].read_text("utf-8")  # the import was logged, without its password
    for path in outputs + logs:
        assert not _holds_password(path), f"password found in {path.name}"


def test_the_store_itself_strips_a_login_from_a_camera_link(fresh) -> None:  # type: ignore[no-untyped-def]
    from onemap.model import Camera, Estate

    with fresh.transaction():
        fresh.add_estate(
            Estate(
                code="6107250001",
                name="桂园小区",
                cameras=[
                    Camera("6107250001", "大门", link=f"rtsp://admin:{PASSWORD}@10.0.0.1/Streaming/Channels/101"),
                    Camera("6107250001", "坏链接", link=f"rtsp://admin:{PASSWORD} x@10.0.0.1/ch1"),
                ],
            )
        )
    links = [c.link for c in fresh.estate("6107250001").cameras]
    fresh.close()
    assert links == ["rtsp://10.0.0.1/Streaming/Channels/101", None]
    assert not _holds_password(fresh.path)
