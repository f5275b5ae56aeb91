"""Walk the zte_modem dashboard in a headless Chromium as a person would: log in, open every view,
count the cards that render in error, and save a screenshot.

The end-to-end test (tests/e2e/test_dashboard_e2e.py) runs it against a real hass and the
simulator; the README's picture is made the same way:

    .venv/bin/python -m scripts.dashboard_screenshot --url http://127.0.0.1:8123 \\
        --user demo --password zte-demo-password --out docs/images/dashboard.png

(against `scripts/develop`, with dashboards/zte_modem.yaml added as the README says).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Page, async_playwright

from scripts.dashboard import DASHBOARD, URL_PATH

VIEWS = ("signal", "cell", "data", "sms")
# What a card is on the page (Playwright's CSS reaches into the frontend's shadow roots).
CARDS = (
    "hui-gauge-card, hui-entities-card, hui-history-graph-card, hui-logbook-card, hui-error-card, "
    "hui-tile-card, hui-glance-card"
)
LOAD_TIMEOUT_MS = 60_000


@dataclass
class ViewReport:
    """What one view showed."""

    cards: int = 0
    errors: list[str] = field(default_factory=list)  # the text of every card in error
    warnings: list[str] = field(default_factory=list)  # "entity not available" and the like


def chromium_path() -> str:
    """Debian's chromium (scripts/setup installs it)."""
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    raise RuntimeError("chromium is not installed; scripts/setup installs it")


async def log_in(page: Page, url: str, user: str, password: str) -> None:
    """The login form of the frontend, filled in like a person does."""
    await page.goto(url)
    await page.wait_for_selector("input[name=username]", timeout=LOAD_TIMEOUT_MS)
    await page.fill("input[name=username]", user)
    await page.fill("input[name=password]", password)
    await page.keyboard.press("Enter")
    await page.wait_for_selector("home-assistant-main", timeout=LOAD_TIMEOUT_MS)


async def read_view(page: Page, url: str, expected_cards: int) -> ViewReport:
    """Open one view and wait until its cards are there (or a minute passed)."""
    await page.goto(url)
    report = ViewReport()
    for _ in range(120):
        report.cards = await page.locator(CARDS).count()
        if report.cards >= expected_cards:
            break
        await page.wait_for_timeout(500)
    # History and logbook cards fetch their data after they appear.
    await page.wait_for_timeout(2500)
    report.errors = [text.strip() for text in await page.locator("hui-error-card").all_inner_texts()]
    report.warnings = [text.strip() for text in await page.locator("hui-warning").all_inner_texts()]
    return report


async def walk_dashboard(
    url: str,
    user: str,
    password: str,
    *,
    cards_per_view: dict[str, int],
    dashboard: str = URL_PATH,
    screenshot: Path | None = None,
) -> dict[str, ViewReport]:
    """Every view of the dashboard; the first one photographed when `screenshot` is given."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = await browser.new_page(viewport={"width": 1400, "height": 1100})
            await log_in(page, url, user, password)
            reports = {}
            for view, cards in cards_per_view.items():
                reports[view] = await read_view(page, f"{url}/{dashboard}/{view}", cards)
                if screenshot is not None and view == next(iter(cards_per_view)):
                    screenshot.parent.mkdir(parents=True, exist_ok=True)
                    await page.screenshot(path=str(screenshot), full_page=True)
            return reports
        finally:
            await browser.close()


def cards_per_view(dashboard_yaml: Path) -> dict[str, int]:
    """How many cards each view of the dashboard file has."""
    import yaml

    config = yaml.safe_load(dashboard_yaml.read_text())
    return {view["path"]: len(view.get("cards", [])) for view in config["views"]}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.dashboard_screenshot")
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/images/dashboard.png"))
    parser.add_argument("--dashboard", default=URL_PATH)
    args = parser.parse_args()
    views = cards_per_view(DASHBOARD)
    reports = asyncio.run(
        walk_dashboard(
            args.url,
            args.user,
            args.password,
            cards_per_view=views,
            dashboard=args.dashboard,
            screenshot=args.out,
        )
    )
    for view, report in reports.items():
        print(f"{view}: {report.cards} cards, {len(report.errors)} in error, {len(report.warnings)} warnings")
        for text in (*report.errors, *report.warnings):
            print(f"  {text}")
    print(f"screenshot: {args.out}")


if __name__ == "__main__":
    main()
