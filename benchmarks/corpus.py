"""Build a benchmark corpus of real Chinese technical prose from Debian's documentation.

Usage: python benchmarks/corpus.py [--cache DIR]

Downloads (never installs) Debian's Chinese documentation packages with `apt-get download`
— manpages-zh, the Debian reference, FAQ, handbook and installation guide, LibreOffice and
GIMP help, … (PACKAGES) — unpacks them with `dpkg-deb -x`, strips the markup (groff, HTML,
XHP), keeps each paragraph with enough Chinese once (about 9 MB of it), and writes the text
as ~200 KB files. Then it writes cuts of 1, 10 and 50 MB (the 10 MB and 50 MB cuts repeat the
unique text as often as needed, under other file names). Everything lives in the cache folder
(default ~/.cache/glossary-bench), outside the repository; a second run reuses what is there,
unless PACKAGES has changed since.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Each package, with the folders that hold its Chinese text when it ships other languages too
# (their Japanese has enough Han characters to pass for Chinese).
PACKAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("manpages-zh", ()),
    ("debian-reference-zh-cn", ()),
    ("libreoffice-help-zh-cn", ()),
    ("debian-edu-doc-zh-cn", ()),
    ("gimp-help-zh-cn", ()),
    ("kicad-doc-zh", ()),
    ("debian-reference-zh-tw", ()),
    ("libreoffice-help-zh-tw", ()),
    ("debian-faq-zh-cn", ()),
    ("maint-guide-zh-cn", ()),
    ("maint-guide-zh-tw", ()),
    ("debian-edu-doc-legacy-zh-cn", ()),
    ("installation-guide-amd64", ("/zh_CN/",)),
    ("debian-handbook", ("/zh-CN/", "/zh-TW/")),
)
CUTS_MB = (1, 10, 50)
FILE_BYTES = 200_000
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TAG = re.compile(r"<[^>]+>")
_GROFF_ESCAPE = re.compile(r"\\f[BIRP]|\\\(..|\\[-e&|^]|\\s[+-]?\d")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "glossary-bench"))
    args = parser.parse_args()
    cache = Path(args.cache)
    unique = cache / "unique"
    manifest = "".join(f"{name} {' '.join(only)}\n" for name, only in PACKAGES)
    if not (unique / "PACKAGES").exists() or (unique / "PACKAGES").read_text() != manifest:
        # Built from another package list: build it again, and the cuts with it.
        for folder in (unique, *(cache / f"cut-{megabytes}mb" for megabytes in CUTS_MB)):
            shutil.rmtree(folder, ignore_errors=True)
        build_unique(cache, unique)
        (unique / "PACKAGES").write_text(manifest)
    size = sum(p.stat().st_size for p in unique.glob("*.txt"))
    print(f"unique prose: {size / 1e6:.1f} MB in {len(list(unique.glob('*.txt')))} files")
    for megabytes in CUTS_MB:
        cut = cache / f"cut-{megabytes}mb"
        if not cut.exists():
            write_cut(unique, cut, megabytes * 1_000_000)
        print(f"{cut}: {sum(p.stat().st_size for p in cut.glob('*.txt')) / 1e6:.1f} MB")


def build_unique(cache: Path, unique: Path) -> None:
    debs = cache / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    for package, _ in PACKAGES:
        if not any(debs.glob(f"{package}_*.deb")):
            subprocess.run(["apt-get", "download", package], cwd=debs, check=True)
    seen: set[str] = set()
    buffer: list[str] = []
    written = 0
    staging = Path(tempfile.mkdtemp(dir=cache))
    try:
        for package, only in PACKAGES:
            deb = max(debs.glob(f"{package}_*.deb"))
            root = staging / deb.stem
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
            for paragraph in paragraphs(root, only):
                digest = hashlib.sha1(paragraph.encode()).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                buffer.append(paragraph)
                if sum(len(p.encode()) for p in buffer) >= FILE_BYTES:
                    written = _flush(staging / "unique", buffer, written)
            shutil.rmtree(root)
        written = _flush(staging / "unique", buffer, written)
        (staging / "unique").rename(unique)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _flush(folder: Path, buffer: list[str], written: int) -> int:
    if not buffer:
        return written
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"doc-{written:05d}.txt").write_text("\n\n".join(buffer) + "\n", encoding="utf-8")
    buffer.clear()
    return written + 1


def paragraphs(root: Path, only: tuple[str, ...] = ()) -> Iterator[str]:
    """Paragraphs of prose with at least twenty Chinese characters, markup removed; with
    ``only``, from files whose path holds one of those parts."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or (only and not any(part in str(path) for part in only)):
            continue
        text = _read(path)
        if text is None:
            continue
        for block in re.split(r"\n\s*\n", text):
            paragraph = " ".join(block.split())
            if len(_HAN.findall(paragraph)) >= 20:
                yield paragraph


def _read(path: Path) -> str | None:
    name = path.name
    try:
        if name.endswith(".gz") and "/man" in str(path):
            raw = gzip.decompress(path.read_bytes()).decode("utf-8", errors="ignore")
            return _strip_groff(raw)
        if name.endswith((".html", ".htm", ".xhp")):
            raw = path.read_text(encoding="utf-8", errors="ignore")
            raw = re.sub(r"</(p|paragraph|li|h\d|div|title|td)>", "\n\n", raw)
            return html.unescape(_TAG.sub("", raw))
    except (OSError, EOFError):
        return None
    return None


def _strip_groff(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith((".", "'")):
            lines.append("")  # a request line: at most a paragraph break
            continue
        lines.append(_GROFF_ESCAPE.sub("", line))
    return "\n".join(lines)


def write_cut(unique: Path, cut: Path, size: int) -> None:
    files = sorted(unique.glob("*.txt"))
    cut.mkdir(parents=True)
    total = 0
    round_ = 0
    while total < size:
        for path in files:
            if total >= size:
                break
            target = cut / f"r{round_}-{path.name}"
            shutil.copyfile(path, target)
            total += target.stat().st_size
        round_ += 1


if __name__ == "__main__":
    main()
