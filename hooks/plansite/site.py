"""The whole build in order: load and validate, derive, then render pages and files.

Nothing is rendered until everything has loaded without a problem, so a broken input never
produces a half-published site.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from plansite import urls
from plansite.exports import plan_csv, plan_json
from plansite.ics import build_calendar
from plansite.markup import glossary_definitions
from plansite.model import PlanData
from plansite.output import Asset, Page
from plansite.plan_loader import load_plan_data
from plansite.plan_pages import plan_pages
from plansite.site_pages import glossary_page, home_page


@dataclass(frozen=True)
class BuildSettings:
    project_dir: Path
    site_url: str
    build_time: datetime
    """Aware UTC time the build stands at: decides scheduled posts and the featured month."""
    include_drafts: bool = False


@dataclass(frozen=True)
class SiteContent:
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    abbreviations: str
    """Markdown abbreviation definitions to append to hand-written pages too."""


def build_time_from_env(environ: Mapping[str, str] = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), otherwise now."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc)


def generate_site(settings: BuildSettings) -> SiteContent:
    """Load the project's data and produce every generated page and file."""
    data = load_plan_data(settings.project_dir)
    abbreviations = glossary_definitions(data.glossary)
    pages = _pages(data, settings)
    pages = [Page(page.src, page.markdown + abbreviations) for page in pages]
    assets = _assets(data, settings)
    _refuse_duplicates([page.src for page in pages] + [asset.path for asset in assets])
    return SiteContent(tuple(pages), tuple(assets), abbreviations)


def _pages(data: PlanData, settings: BuildSettings) -> list[Page]:
    today = settings.build_time.date()
    pages = [home_page(data, today), glossary_page(data)]
    for plan in data.plans:
        pages += plan_pages(data, plan)
    return pages


def _assets(data: PlanData, settings: BuildSettings) -> list[Asset]:
    assets = [Asset(urls.ICS_PATH, build_calendar(data, settings.site_url, settings.build_time))]
    for plan in data.plans:
        assets.append(Asset(urls.plan_json_path(plan.year), plan_json(data, plan, settings.site_url)))
        assets.append(Asset(urls.plan_csv_path(plan.year), plan_csv(plan, settings.site_url)))
    return assets


def _refuse_duplicates(paths: list[str]) -> None:
    """Two outputs at one path would silently overwrite each other: a bug, not an input error."""
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise RuntimeError(f"two generated outputs share the path {path}")
        seen.add(path)
