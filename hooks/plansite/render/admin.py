"""The browser editor's files under ``/admin/``: its page, configuration, scripts and bundle.

Everything the editor loads is one of these files: a Content-Security-Policy on the page
lets scripts, styles, fonts and images come only from the site itself (and, on the published
site, the configured git host's API), so nothing is fetched from a CDN even where the bundle
could ask for one (Decap polls the git hosts' status pages, for instance: the browser refuses).
"""

from __future__ import annotations

import html
from importlib import resources
from urllib.parse import urlsplit

from plansite import urls
from plansite.load.cms import BundleFile, CmsSettings
from plansite.output import Asset

SCRIPT = "plansite-cms.js"
DEFAULT_HOSTS = {
    "github": ("https://api.github.com", "https://github.com"),
    "gitlab": ("https://gitlab.com",),
    "gitea": (),
    "forgejo": (),
}

_PAGE = """<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>Редактирование сайта — {site_name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<noscript>Для редактора нужен JavaScript.</noscript>
{missing}<script src="{script}"></script>
{bundle}</body>
</html>
"""

_MISSING = (
    "<p>Редактор не установлен: выполните в папке проекта команду <code>npm ci</code> "
    "и запустите <code>plansite edit</code> снова.</p>\n"
)


def admin_assets(
    config_yaml: bytes,
    bundle: tuple[BundleFile, ...],
    settings: CmsSettings,
    site_name: str,
    local_backend_url: str | None,
) -> list[Asset]:
    """The page, the configuration, the site's editor script and Decap CMS's own files."""
    page = _PAGE.format(
        policy=html.escape(content_policy(settings, local_backend_url), quote=True),
        site_name=html.escape(site_name),
        missing="" if bundle else _MISSING,
        script=SCRIPT,
        bundle='<script src="decap-cms.js"></script>\n' if bundle else "",
    )
    assets = [
        Asset(urls.ADMIN_PAGE_PATH, page.encode("utf-8")),
        Asset(urls.CMS_CONFIG_PATH, config_yaml),
        Asset(f"{urls.ADMIN_DIR}/{SCRIPT}", static_file(SCRIPT)),
    ]
    assets += [Asset(f"{urls.ADMIN_DIR}/{part.name}", part.content) for part in bundle]
    return assets


def content_policy(settings: CmsSettings, local_backend_url: str | None) -> str:
    """Only this site, the local backend (preview) or the git host (published site)."""
    if local_backend_url is not None:
        remote = [_origin(local_backend_url)]
    else:
        configured = (settings.base_url, settings.api_root, settings.auth_endpoint)
        remote = [_origin(url) for url in (*DEFAULT_HOSTS.get(settings.host, ()), *configured)]
    hosts = " ".join(dict.fromkeys(origin for origin in remote if origin))
    connect = f"'self' blob: data: {hosts}".strip()
    return "; ".join(
        (
            "default-src 'self'",
            # The bundle compiles its configuration schema at run time (ajv): 'unsafe-eval'.
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {hosts}".strip(),
            "font-src 'self' data:",
            f"connect-src {connect}",
            "frame-src 'self' blob: data:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
        )
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def static_file(name: str) -> bytes:
    """A file shipped in ``plansite/render/static/``."""
    return resources.files("plansite.render").joinpath(f"static/{name}").read_bytes()
