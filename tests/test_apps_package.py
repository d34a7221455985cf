"""`drafter apps package` and the committed app bundles."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from pathlib import Path

import pytest

from drafter.apps import package_app
from drafter.apps.assets import static_dir
from drafter.cli import main
from drafter.errors import InputError

WEB = Path(__file__).resolve().parents[1] / "drafter" / "apps" / "web"


def test_the_committed_bundles_match_their_sources() -> None:
    """The bundles are built by `npm ci && npm run build` in drafter/apps/web; rebuild after an edit."""
    info = json.loads((static_dir() / "build.json").read_text())
    digest = hashlib.sha256()
    for name in info["inputs"]:
        digest.update(name.encode() + b"\0" + (WEB / name).read_bytes() + b"\0")
    sources = sorted(f"src/{p.name}" for p in (WEB / "src").iterdir())
    assert sorted(n for n in info["inputs"] if n.startswith("src/")) == sources
    assert digest.hexdigest() == info["sha256"], "drafter/apps/static is stale: run `npm run build` there"


def test_bundles_carry_the_sdks_and_load_nothing_from_a_cdn() -> None:
    zendesk = (static_dir() / "zendesk.js").read_text()
    helpscout = (static_dir() / "helpscout.js").read_text()
    assert "iframe.handshake" in zendesk and "app_guid" in zendesk  # the ZAF SDK itself
    assert "GET_APP_CONTEXT" in helpscout and "SET_CLIPBOARD_TEXT" in helpscout
    for page in ("zendesk", "helpscout", "chatwoot"):
        html = (static_dir() / f"{page}.html").read_text()
        assert "http" not in html.split("<body>")[1], "apps load only their own files"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_zendesk_package_is_the_zip_zcli_would_upload(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["apps", "package", "zendesk", "--out", str(tmp_path), "--url", "https://drafter.acme.test/"])
    assert "Upload private app" in capsys.readouterr().out
    [upload] = tmp_path.glob("drafter-zendesk-*.zip")
    with zipfile.ZipFile(upload) as archive:
        names = set(archive.namelist())
        assert {
            "manifest.json",
            "translations/en.json",
            "assets/iframe.html",
            "assets/zendesk.js",
            "assets/panel.css",
            "assets/logo.png",
            "assets/logo-small.png",
        } <= names
        manifest = json.loads(archive.read("manifest.json"))
        assert _png_size(archive.read("assets/logo.png")) == (320, 320)
        assert _png_size(archive.read("assets/logo-small.png")) == (128, 128)
        translations = json.loads(archive.read("translations/en.json"))
    assert manifest["frameworkVersion"] == "2.0"
    assert manifest["location"]["support"]["ticket_sidebar"]["url"] == "assets/iframe.html"
    assert manifest["domainWhitelist"] == ["drafter.acme.test"]
    params = {p["name"]: p for p in manifest["parameters"]}
    assert params["api_token"]["secure"] is True
    assert params["drafter_url"]["default"] == "https://drafter.acme.test"
    assert set(translations["app"]["parameters"]) == set(params)
    # Packaging twice gives the same bytes (fixed timestamps, sorted entries).
    first = upload.read_bytes()
    main(["apps", "package", "zendesk", "--out", str(tmp_path), "--url", "https://drafter.acme.test"])
    assert upload.read_bytes() == first


@pytest.mark.parametrize("app", ["helpscout", "chatwoot"])
def test_served_apps_package_the_url_to_paste(
    app: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_PUBLIC_URL", "https://drafter.acme.test")
    main(["apps", "package", app, "--out", str(tmp_path), "--token", "dka_x_y"])
    url = (tmp_path / app / "APP_URL.txt").read_text().strip()
    assert url == f"https://drafter.acme.test/apps/{app}/?token=dka_x_y"
    assert {p.name for p in (tmp_path / app).iterdir()} >= {"index.html", f"{app}.js", "panel.css"}


def test_packaging_needs_drafters_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["apps", "package", "chatwoot", "--out", str(tmp_path)])
    assert exit_info.value.code == 1
    assert "pass --url or set DRAFTER_PUBLIC_URL" in capsys.readouterr().err
    with pytest.raises(InputError, match="http"):
        package_app("zendesk", tmp_path, url="drafter.acme.test")
