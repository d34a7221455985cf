"""`drafter apps package`: what an admin uploads (Zendesk) or pastes (Help Scout, Chatwoot)."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from drafter.apps.assets import app_assets, app_page
from drafter.errors import InputError
from drafter.store import HELPDESK_APPS

# A fixed time for every zip entry, so packaging the same release twice gives the same bytes.
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_ACCENT = (0x24, 0x56, 0xD6)


@dataclass(frozen=True)
class PackagedApp:
    """What `package_app` wrote and what the admin does with it."""

    app: str
    folder: Path
    upload: Path | None
    """The file to upload (Zendesk's zip); None when the admin pastes a URL instead."""
    app_url: str
    """The URL the helpdesk loads (for Zendesk, drafter's URL the app calls)."""


def _drafter_version() -> str:
    try:
        return version("drafter")
    except PackageNotFoundError:  # running from a source tree without installing it
        return "0.1.0"


def _logo_png(size: int) -> bytes:
    """A square logo: three white lines of "text" on drafter's blue (Zendesk wants two sizes)."""
    rows = []
    for y in range(size):
        row = bytearray([0])  # PNG filter type 0 per row
        line = (y * 8) // size in (2, 4, 6) and (y * 16) // size % 2 == 0
        for x in range(size):
            inside = size // 5 <= x < size - size // 5 - (size // 5 if (y * 8) // size == 6 else 0)
            row += bytes((255, 255, 255) if line and inside else _ACCENT)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def zendesk_manifest(url: str, *, author_email: str) -> dict[str, object]:
    """The ZAF v2 manifest: a ticket sidebar app whose app token is a secure setting."""
    return {
        "name": "drafter",
        "author": {"name": "drafter", "email": author_email, "url": url},
        "defaultLocale": "en",
        "private": True,
        "location": {"support": {"ticket_sidebar": {"url": "assets/iframe.html", "flexible": True}}},
        "version": _drafter_version(),
        "frameworkVersion": "2.0",
        # Secure settings are only filled in for requests to these domains.
        "domainWhitelist": [urlsplit(url).hostname],
        "parameters": [
            {"name": "drafter_url", "type": "url", "required": True, "default": url},
            {"name": "api_token", "type": "text", "required": True, "secure": True},
        ],
    }


_ZENDESK_TRANSLATIONS = {
    "app": {
        "name": "drafter",
        "short_description": "Draft a grounded reply to the ticket, with its sources and scorecard.",
        "long_description": "Click Draft reply in the ticket sidebar: drafter drafts a reply from your "
        "help centre and the customer's history, shows its sources, the principles it applied and "
        "its scorecard, and inserts it into the reply editor. What you send is recorded as feedback.",
        "installation_instructions": "Set drafter's URL and an app token from "
        "`drafter keys create --tenant TENANT --scope app --helpdesk zendesk`.",
        "parameters": {
            "drafter_url": {"label": "drafter URL", "helpText": "Where your drafter server answers."},
            "api_token": {
                "label": "App token",
                "helpText": "A draft-only token (drafter keys create --scope app --helpdesk zendesk). "
                "Stored as a secure setting: agents' browsers never see it.",
            },
        },
    }
}


def _write_zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())


def _copy_app_files(app: str, folder: Path, *, page_name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app_page(app), folder / page_name)
    for name, source in app_assets(app).items():
        shutil.copyfile(source, folder / name)


def _package_zendesk(out: Path, url: str, author_email: str) -> PackagedApp:
    folder = out / "zendesk"
    if folder.exists():
        shutil.rmtree(folder)
    _copy_app_files("zendesk", folder / "assets", page_name="iframe.html")
    (folder / "assets" / "logo.png").write_bytes(_logo_png(320))
    (folder / "assets" / "logo-small.png").write_bytes(_logo_png(128))
    (folder / "translations").mkdir()
    manifest = zendesk_manifest(url, author_email=author_email)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / "translations" / "en.json").write_text(
        json.dumps(_ZENDESK_TRANSLATIONS, indent=2) + "\n", encoding="utf-8"
    )
    upload = out / f"drafter-zendesk-{manifest['version']}.zip"
    _write_zip(folder, upload)
    return PackagedApp("zendesk", folder, upload, url)


def _package_served(app: str, out: Path, url: str, token: str | None) -> PackagedApp:
    """Help Scout and Chatwoot load a URL drafter serves; the files are also written for self-hosting."""
    folder = out / app
    if folder.exists():
        shutil.rmtree(folder)
    _copy_app_files(app, folder, page_name="index.html")
    app_url = f"{url}/apps/{app}/?token={token or 'APP_TOKEN'}"
    (folder / "APP_URL.txt").write_text(app_url + "\n", encoding="utf-8")
    return PackagedApp(app, folder, None, app_url)


def package_app(
    app: str, out: Path, *, url: str, token: str | None = None, author_email: str | None = None
) -> PackagedApp:
    """Write one helpdesk's app into `out`.

    Args:
        app: zendesk, helpscout or chatwoot.
        out: folder to write into (created when missing).
        url: drafter's public URL, as agents' browsers and the helpdesk reach it.
        token: an app token to put into the app URL (Help Scout, Chatwoot); a placeholder otherwise.
        author_email: the Zendesk manifest's author email (default: support@ drafter's host).

    Raises:
        InputError: an unknown app or a URL that is not http(s).
    """
    if app not in HELPDESK_APPS:
        raise InputError(f"no sidebar app {app!r}; use one of {', '.join(HELPDESK_APPS)}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"drafter's URL {url!r} must be http(s)://host, e.g. https://drafter.example.com")
    url = url.rstrip("/")
    out.mkdir(parents=True, exist_ok=True)
    if app == "zendesk":
        return _package_zendesk(out, url, author_email or f"support@{parts.hostname}")
    return _package_served(app, out, url, token)
