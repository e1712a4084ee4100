"""Site build time, peak memory and size for a synthetic glossary, against a flat nav.

Usage: python benchmarks/site_build.py [--terms 2000] [--no-baseline]

Builds a synthetic glossary of N terms (random Chinese terms and English words, three
context sentences each) the way `glossary build` publishes it — term pages out of the
nav — and, as the baseline in the same run, the same pages with every term listed in one
flat nav, the layout a naive generator would write. Prints seconds, the peak RSS of the
MkDocs process and the size of each site, and the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from glossary.merge import BuildReport, Glossary
from glossary.models import Context, DocumentInfo, GlossaryEntry, Rendering
from glossary.site import (
    SEARCH_DICTIONARY,
    SitePaths,
    refine_search_index,
    write_pages,
    write_search_dictionary,
)

ROOT = Path(__file__).resolve().parent.parent
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处府研越"
)
WORDS = """
model agent token scaling law training inference data compute alignment retrieval vector
graph neural network transformer attention prompt context window benchmark dataset corpus
""".split()


def synthetic(count: int, seed: int = 7) -> Glossary:
    rng = random.Random(seed)
    documents = [
        DocumentInfo(
            f"corpus/{i:03d}.txt", f"文章 {i}", f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}", "utf-8"
        )
        for i in range(60)
    ]
    entries = []
    seen: set[str] = set()
    while len(entries) < count:
        zh = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 5)))
        en = " ".join(rng.sample(WORDS, rng.randint(1, 3))) + f" {len(entries)}"
        if zh in seen:
            continue
        seen.add(zh)
        contexts = tuple(
            Context(
                rng.choice(documents).source,
                rng.randint(1, 80),
                f"据报道,{zh}是{zh}的一种方法。",
                4,
                4 + len(zh),
            )
            for _ in range(3)
        )
        documents_used = tuple(sorted({c.source for c in contexts}))
        entries.append(
            GlossaryEntry(
                id=f"term-{len(entries):05d}",
                zh=zh,
                zh_hant=zh,
                en=en,
                pinyin="",
                type="concept",
                category=f"类别{len(entries) % 12}",
                definition_zh=f"{zh}的定义。",
                definition_en=f"Definition of {en}.",
                note=None,
                curated=len(entries) % 3 == 0,
                abbr=(),
                aliases=(),
                renderings=(
                    Rendering(zh, "zh", "preferred", 3),
                    Rendering(en, "en", "preferred", 1),
                ),
                related=(),
                references=(),
                score=rng.random(),
                count=3,
                doc_count=len(documents_used),
                documents=documents_used,
                first_seen="2024-01-05",
                last_seen="2024-06-01",
                variants=(zh,),
                contexts=contexts,
                signals=("synthetic",),
            )
        )
    return Glossary(tuple(entries), tuple(documents), BuildReport((), (), ()))


def build(glossary: Glossary, work: Path, flat_nav: bool) -> dict[str, float]:
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "guide", work / "docs" / "guide")
    paths = SitePaths(docs=work / "docs", config=work / "mkdocs.yml", site=work / "site")
    start = time.perf_counter()
    write_pages(glossary, paths.docs)
    write_search_dictionary(glossary, work / SEARCH_DICTIONARY)
    if flat_nav:
        config = (work / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("not_in_nav: |\n  /glossary/terms/*\n", "")
        lines = "".join(f"  - glossary/terms/{e.id}.md\n" for e in glossary.entries)
        (work / "mkdocs.yml").write_text(config + lines, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", "mkdocs.yml"],
        cwd=work,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stderr=subprocess.DEVNULL,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    refine_search_index(glossary, paths.site / "search" / "search_index.json")
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths.site.rglob("*") if p.is_file())
    return {"seconds": seconds, "peak_mib": max(peak, before) / 1024, "size_mib": size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--no-baseline", action="store_true", help="skip the flat-nav build")
    args = parser.parse_args()
    glossary = synthetic(args.terms)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "ours").mkdir()
        results["glossary build (term pages out of the nav)"] = build(
            glossary, Path(tmp) / "ours", False
        )
        if not args.no_baseline:
            (Path(tmp) / "flat").mkdir()
            results["baseline: every term in one flat nav"] = build(
                glossary, Path(tmp) / "flat", True
            )
    print(f"synthetic glossary: {args.terms} terms")
    for name, r in results.items():
        print(
            f"{name:45s} {r['seconds']:7.1f} s  peak {r['peak_mib']:6.0f} MiB  "
            f"site {r['size_mib']:6.1f} MiB"
        )
    if len(results) == 2:
        ours, flat = results.values()
        print(
            f"time ratio baseline/ours: {flat['seconds'] / ours['seconds']:.1f}x, "
            f"memory ratio: {flat['peak_mib'] / ours['peak_mib']:.1f}x"
        )


if __name__ == "__main__":
    main()
