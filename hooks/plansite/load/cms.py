"""The browser editor's settings, ``data/cms.yaml``, and its pinned bundle from npm.

The settings say where the published site's editor saves (a git host, its repository and
branch); without them, or with ``host: none``, the published site has no ``/admin/``. The
preview (``plansite serve`` / ``plansite edit``) always has the editor, saving through the
local backend.

The editor itself is Decap CMS, installed by ``npm ci`` from ``package-lock.json`` into
``node_modules/``: its files are published with the site, never fetched from another host.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from plansite.load import fields
from plansite.load.attachments import SAFE_SUFFIXES
from plansite.load.fields import check_keys, type_name
from plansite.load.textfile import read_text_file
from plansite.load.yamlsource import LineDict, load_yaml
from plansite.problems import Problem, ProblemLog, ProblemsFound

CMS_FILE = "data/cms.yaml"
BUNDLE_DIR = "node_modules/decap-cms/dist"
BUNDLE_MAIN = "decap-cms.js"
NO_HOST = "none"
HOSTS = ("github", "gitlab", "gitea", "forgejo", NO_HOST)
SETTING_KEYS = (
    "host",
    "repo",
    "branch",
    "base_url",
    "auth_endpoint",
    "api_root",
    "app_id",
    "editorial_workflow",
)
UPLOAD_SUFFIXES = SAFE_SUFFIXES
"""What editors may upload beside a post: exactly what the site publishes from a post's folder."""
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""Larger files make pages slow on phones; the editor and the local backend refuse them."""
MAX_POST_BYTES = 1024 * 1024
MAX_SUMMARY_CHARS = 400
BACKEND_URL_VARIABLE = "PLANSITE_CMS_BACKEND"
"""Set by ``plansite edit`` for the preview it starts: where its local backend listens."""
DEFAULT_BACKEND_URL = "http://127.0.0.1:8081/api/v1"
_URL_KEYS = ("base_url", "auth_endpoint", "api_root")
_NEEDS_APP_ID = ("gitlab", "gitea", "forgejo")
_NEEDS_BASE_URL = ("github", "gitea", "forgejo")


@dataclass(frozen=True)
class CmsSettings:
    """Where the published editor saves; ``host`` is ``none`` when it is not published."""

    host: str = NO_HOST
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    """GitHub: the OAuth helper's address; Gitea/Forgejo: the instance's address."""
    auth_endpoint: str = ""
    api_root: str = ""
    app_id: str = ""
    """GitLab, Gitea, Forgejo: the OAuth application's id, for login with PKCE."""
    editorial_workflow: bool = False
    """Draft → review → ready → published, so a second person can approve a post."""

    @property
    def published(self) -> bool:
        return self.host != NO_HOST


@dataclass(frozen=True)
class BundleFile:
    name: str
    content: bytes


def load_cms_settings(project_dir: Path) -> CmsSettings:
    """``data/cms.yaml`` read and checked; defaults (no published editor) when it is absent."""
    path = project_dir / CMS_FILE
    if not path.exists():
        return CmsSettings()
    log = ProblemLog(CMS_FILE)
    text = read_text_file(path, log)
    data = load_yaml(text, log) if text is not None else None
    if data is None:
        log.raise_if_any()
        return CmsSettings()
    if not isinstance(data, LineDict):
        log.add(1, "файл", f"ожидаются поля «имя: значение», а указано: {type_name(data)}.")
        log.raise_if_any()
    assert isinstance(data, LineDict)
    settings = _read_settings(data, log)
    log.raise_if_any()
    return settings


def _read_settings(data: LineDict, log: ProblemLog) -> CmsSettings:
    check_keys(data, "", SETTING_KEYS, ("host",), log)
    texts = {key: fields.read_optional_text(data, key, "", log) or "" for key in SETTING_KEYS[:7]}
    host = texts["host"].lower() or NO_HOST
    if "host" in data and host not in HOSTS:
        log.add(
            data.line_of("host"),
            "host",
            f"неизвестный сервер «{texts['host']}»: напишите один из: {', '.join(HOSTS)}.",
        )
        return CmsSettings()
    for key in _URL_KEYS:
        if texts[key] and urlsplit(texts[key]).scheme != "https":
            log.add(
                data.line_of(key),
                key,
                f"«{texts[key]}» — не адрес: пишите полностью, с «https://».",
            )
    workflow = data.get("editorial_workflow", False)
    if not isinstance(workflow, bool):
        log.add(
            data.line_of("editorial_workflow"),
            "editorial_workflow",
            "ожидается да/нет: пишите «editorial_workflow: true» или «false».",
        )
        workflow = False
    if host != NO_HOST:
        _require_for_host(data, host, texts, log)
    return CmsSettings(
        host=host,
        repo=texts["repo"],
        branch=texts["branch"] or "main",
        base_url=texts["base_url"].rstrip("/"),
        auth_endpoint=texts["auth_endpoint"],
        api_root=texts["api_root"].rstrip("/"),
        app_id=texts["app_id"],
        editorial_workflow=workflow,
    )


def _require_for_host(data: LineDict, host: str, texts: dict[str, str], log: ProblemLog) -> None:
    required = ["repo"]
    required += ["app_id"] if host in _NEEDS_APP_ID else []
    required += ["base_url"] if host in _NEEDS_BASE_URL else []
    required += ["api_root"] if host in ("gitea", "forgejo") else []
    for key in required:
        if not texts[key]:
            log.add(
                data.line_of("host"),
                key,
                f"для host: {host} нужно поле «{key}: …» (что в нём писать — в начале файла).",
            )
    if texts["repo"] and texts["repo"].count("/") != 1:
        log.add(
            data.line_of("repo"),
            "repo",
            f"«{texts['repo']}» — не репозиторий: пишите «владелец/имя», например «vsms/plansite».",
        )


def load_bundle(project_dir: Path, *, required: bool) -> tuple[BundleFile, ...]:
    """Decap CMS's script and the chunks it loads from beside itself (no source maps).

    Missing (``npm ci`` not run): an empty tuple for the preview, which then says how to
    install it; a problem for a published build whose settings ask for the editor.
    """
    folder = project_dir / BUNDLE_DIR
    if not (folder / BUNDLE_MAIN).is_file():
        if required:
            problem = Problem(
                CMS_FILE,
                1,
                "host",
                "редактор для сайта не установлен (нет node_modules/decap-cms): выполните "
                "«npm ci» в папке проекта или напишите «host: none».",
            )
            raise ProblemsFound([problem])
        return ()
    return tuple(
        BundleFile(path.name, path.read_bytes())
        for path in sorted(folder.iterdir())
        if _published_part(path.name)
    )


def _published_part(name: str) -> bool:
    return (name.startswith(BUNDLE_MAIN) and not name.endswith(".map")) or (
        name.endswith((".decap-cms.js", ".wasm"))
    )


def local_backend_url(environ: Mapping[str, str] = os.environ) -> str:
    """The local backend's address for the preview's editor."""
    return environ.get(BACKEND_URL_VARIABLE, "").strip() or DEFAULT_BACKEND_URL
