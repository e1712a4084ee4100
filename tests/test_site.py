"""The glossary site, built by MkDocs from the seeds and the curated terms and used in a real
headless Chromium: search, term pages, links, console errors and outside requests."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from cli_runner import run

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Each query a reader types, and the term page that must be the first hit.
SEARCHES = [
    ("数推分离", "data-inference-separation"),
    ("智能体", "ai-agent"),
    ("尺度定律", "scaling-law"),
    ("后训练", "post-training"),
    ("Scaling Law", "scaling-law"),
    ("token", "token"),
]


def build_site_copy(work: Path) -> None:
    """Build the repository's glossary and its site in WORK, the way `glossary build` builds it:
    the seeds and the curated terms, with copies of the MkDocs config and the guide."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "guide", work / "docs" / "guide")
    completed = run(
        "build",
        "--quiet",
        "--corpus",
        ROOT / "seeds",
        "--terms",
        ROOT / "terms",
        "--glossary",
        work / "glossary.sqlite",
        "--config",
        work / "mkdocs.yml",
        cwd=work,
    )
    assert completed.returncode == 0, completed.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh site of the repository's glossary."""
    work = tmp_path_factory.mktemp("site")
    build_site_copy(work)
    return work


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        if os.environ.get("GLOSSARY_SKIP_BROWSER"):
            pytest.skip("no chromium and GLOSSARY_SKIP_BROWSER is set")
        pytest.fail("chromium is not installed: run `bash scripts/test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    """A page that records console errors and every request to another host."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.errors = []
    tab.foreign = []
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on(
        "request",
        lambda r: (
            urlparse(r.url).hostname not in ("127.0.0.1", None)
            and not r.url.startswith("data:")
            and tab.foreign.append(r.url)
        ),
    )
    yield tab
    context.close()


def search(page: object, server: str, query: str) -> list[str]:
    """Type a query into the search box as a reader does; the result links, in order."""
    page.goto(server + "/")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill(query)
    box.press("End")  # Material searches on keyup
    results = page.locator("li.md-search-result__item > a.md-search-result__link")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=10_000)
    return [urlparse(a.get_attribute("href")).path for a in results.all()]


@pytest.mark.parametrize(("query", "entry_id"), SEARCHES)
def test_search_ranks_the_term_page_first(
    page: object, server: str, query: str, entry_id: str
) -> None:
    paths = search(page, server, query)
    assert paths[0] == f"/glossary/terms/{entry_id}/", paths[:5]
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.foreign == []  # type: ignore[attr-defined]


def test_a_term_page_shows_its_facts_and_contexts(page: object, server: str) -> None:
    page.goto(server + "/glossary/terms/scaling-law/")  # type: ignore[attr-defined]
    content = page.locator("article")  # type: ignore[attr-defined]
    assert content.locator("h1").inner_text().startswith("尺度定律 Scaling Law")
    text = content.inner_text()
    assert "chǐ dù dìng lǜ" in text
    assert "推荐 preferred" in text
    marks = content.locator("blockquote mark").all_inner_texts()
    assert marks
    assert set(marks) <= {"Scaling Law", "尺度定律", "scaling law", "Scaling law"}
    quotes = content.locator("blockquote").all_inner_texts()
    assert any("Scaling Law(尺度定律)" in q for q in quotes)
    assert any("2024-12-11" in q for q in quotes)  # the article's date beside the sentence
    related = content.locator("#related ~ ul a").first
    related.click()
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert "/glossary/terms/" in page.url  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.foreign == []  # type: ignore[attr-defined]


def test_deprecated_renderings_are_struck_through(page: object, server: str) -> None:
    page.goto(server + "/glossary/terms/token/")  # type: ignore[attr-defined]
    struck = page.locator("article table del").all_inner_texts()  # type: ignore[attr-defined]
    assert "标记" in struck


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/glossary/pinyin/",
        "/glossary/english/",
        "/glossary/categories/",
        "/glossary/new/",
        "/glossary/articles/",
        "/guide/usage/",
    ],
)
def test_pages_load_without_errors_or_outside_requests(
    page: object, server: str, path: str
) -> None:
    response = page.goto(server + path)  # type: ignore[attr-defined]
    assert response.status == 200
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.foreign == []  # type: ignore[attr-defined]


def test_new_terms_page_has_a_chart(page: object, server: str) -> None:
    page.goto(server + "/glossary/new/")  # type: ignore[attr-defined]
    bars = page.locator("svg.glossary-chart rect")  # type: ignore[attr-defined]
    assert bars.count() >= 2


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")


def test_no_internal_link_is_broken(built: Path) -> None:
    site = built / "site"
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for path, parsed in pages.items():
        base = "/" + path.relative_to(site).as_posix()
        for link in parsed.links:
            target = urlparse(urljoin(base, link))
            if target.scheme in ("http", "https", "mailto", "data") or link.startswith("#"):
                continue
            file = site / unquote(target.path).lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{base} → {link}")
            elif (
                target.fragment
                and file.suffix == ".html"
                and target.fragment not in _anchors(pages, file)
            ):
                broken.append(f"{base} → {link} (no anchor)")
    assert broken == []


def test_every_term_has_a_page_at_its_id(built: Path) -> None:
    import sqlite3

    with sqlite3.connect(built / "glossary.sqlite") as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM entries")]
    assert len(ids) > 200
    missing = [i for i in ids if not (built / "site/glossary/terms" / i / "index.html").exists()]
    assert missing == []


def test_the_same_input_gives_byte_identical_pages(built: Path, tmp_path: Path) -> None:
    build_site_copy(tmp_path)
    first = {p.relative_to(built / "docs"): p.read_bytes() for p in (built / "docs").rglob("*.md")}
    second = {
        p.relative_to(tmp_path / "docs"): p.read_bytes() for p in (tmp_path / "docs").rglob("*.md")
    }
    assert first == second
    generated = [p for p in first if p.parts[0] == "glossary" or p.name == "index.md"]
    assert all(
        first[p].startswith(b"<!-- generated") or b"\n<!-- generated" in first[p][:80]
        for p in generated
    )


def _anchors(pages: dict[Path, _Links], file: Path) -> set[str]:
    if file.suffix != ".html":
        return set()
    return (pages.get(file) or _parse(file)).ids


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_generated_markdown_is_apart_from_the_guide(built: Path) -> None:
    guide = sorted(p.name for p in (built / "docs" / "guide").iterdir())
    assert guide == ["glossary.css", "usage.md"]
    assert re.search(r"generated by `glossary build`", (built / "docs/index.md").read_text())
