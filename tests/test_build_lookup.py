"""``glossary build`` then ``glossary lookup`` / ``glossary candidates``, run as a user runs them.

A small corpus and a small terms file are written to a temporary directory and built once
per module (``glossary build`` is run with that directory as its working directory, so every
path in the output is short and predictable). A second build over two of the real seeds runs
beside it. Both pass ``--no-site``: publishing the MkDocs site is not what these tests are
about. Every look-up is a fresh ``glossary lookup … --json`` process.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cli_runner import finish, imported_modules, run, run_python, start

ROOT = Path(__file__).resolve().parent.parent
SEED_002 = "seeds/002_4640ad9771b79dea.txt"
SEED_003 = "seeds/003_9d6acc91146818e6.txt"

CORPUS_A = """\
大模型的尺度定律
2024-12-11
近期,尺度定律(Scaling Law)撞墙的争论甚嚣尘上,很多人认为尺度定律已经失效。
大模型按 Token(词元)计费,每个词元都要算力。
也有人把 token 译作令牌,这种译法并不准确。
智能体是大模型落地的新形态,智能体可以自主规划任务。
很多公司都在开发智能体,智能体的应用越来越多。
后训练(post-training)越来越重要,Post Training 的方法很多。
大语言模型(LLM)是智能体的大脑。
"""

CORPUS_B = """\
推理架构的新趋势
2025-03-02
数推分离是推理系统的新架构,数推分离可以降低成本。
智能体需要很强的推理能力,每个智能体都在消耗大量词元。
尺度定律仍然有效,词元的数量还在增长。
"""

# Line numbers matter: the build report names them (2 scaling-law, 12 token, 21 agent,
# 27 large-language-model, 32 reparameterization).
TERMS = """\
# Curated terms for the look-up tests.
- id: scaling-law
  zh: 尺度定律
  en: Scaling Law
  renderings: {缩放定律: admitted, 规模定律: deprecated}
  category: 训练与扩展
  definition:
    zh: 模型性能随参数量、数据量和算力增长而按幂律提升的经验规律。
    en: The empirical finding that model performance improves as a power law of scale.
  related: [token, agent]

- id: token
  zh: 词元
  en: Token
  renderings: {令牌: deprecated}
  definition:
    zh: 模型读写文本的最小单位。
    en: The smallest unit of text a model reads and writes.
  related: [scaling-law]

- id: agent
  zh: 智能体
  en: Agent
  aliases: [AI Agent]
  related: [large-language-model]

- id: large-language-model
  zh: 大语言模型
  en: Large Language Model
  abbr: [LLM]

- id: reparameterization
  zh: 重参数化
  en: Reparameterization
  pinyin: chóng cān shù huà
"""

TITLE_A, DATE_A = "大模型的尺度定律", "2024-12-11"
TITLE_B, DATE_B = "推理架构的新趋势", "2025-03-02"


# --------------------------------------------------------------------------- helpers


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout


@dataclass(frozen=True)
class Built:
    root: Path  # the working directory of the small build
    db: Path
    build: subprocess.CompletedProcess[str]
    seeds_db: Path
    seeds_build: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("build")
    (root / "corpus").mkdir()
    (root / "corpus" / "a.txt").write_text(CORPUS_A, encoding="utf-8")
    (root / "corpus" / "b.txt").write_text(CORPUS_B, encoding="utf-8")
    (root / "terms").mkdir()
    terms = root / "terms" / "core.yaml"
    terms.write_text(TERMS, encoding="utf-8")
    seeds_db = root / "seeds.sqlite"
    small, seeds = (
        start(
            "build",
            "--corpus",
            "corpus",
            "--terms",
            "terms/core.yaml",
            "--glossary",
            "g.sqlite",
            "--no-site",
            cwd=root,
        ),
        # The real seeds, read from the repository (nothing is written there).
        start(
            "build",
            "--corpus",
            SEED_002,
            "--corpus",
            SEED_003,
            "--terms",
            terms,
            "--glossary",
            seeds_db,
            "--no-site",
            cwd=ROOT,
        ),
    )
    small_result, seeds_result = finish(small), finish(seeds)
    assert small_result.returncode == 0, small_result.stderr
    assert seeds_result.returncode == 0, seeds_result.stderr
    return Built(root, root / "g.sqlite", small_result, seeds_db, seeds_result)


def lookup(db: Path, query: str) -> tuple[int, dict[str, Any]]:
    result = run("lookup", query, "--json", "--glossary", db)
    no_traceback(result)
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def found(db: Path, query: str) -> dict[str, Any]:
    """The one entry an exact look-up of ``query`` returns."""
    status, payload = lookup(db, query)
    assert status == 0, payload
    assert payload["match"] == "exact", payload
    assert len(payload["entries"]) == 1, [e["id"] for e in payload["entries"]]
    entry: dict[str, Any] = payload["entries"][0]
    return entry


def forms(entry: dict[str, Any]) -> set[str]:
    """Every form of an entry, case-folded."""
    texts = [entry["zh"], entry["en"], *entry["abbr"], *entry["aliases"]]
    texts += [r["text"] for r in entry["renderings"]]
    return {t.casefold() for t in texts if t}


# --------------------------------------------------------------------------- look-up routes


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("尺度定律", "scaling-law"),  # Simplified
        ("Scaling Law", "scaling-law"),
        ("scaling law", "scaling-law"),  # English in any case
        ("SCALING LAW", "scaling-law"),
        ("Scaling-Law", "scaling-law"),
        ("ｓｃａｌｉｎｇ ｌａｗ", "scaling-law"),  # full width
        ("规模定律", "scaling-law"),  # a deprecated rendering
        ("規模定律", "scaling-law"),  # … in Traditional characters (converted on a miss)
        ("缩放定律", "scaling-law"),  # an admitted rendering
        ("chi du ding lv", "scaling-law"),  # pinyin, ü written v
        ("chǐ dù dìng lǜ", "scaling-law"),
        ("chi3 du4 ding4 lu:4", "scaling-law"),
        ("智能体", "agent"),
        ("智能體", "agent"),  # Traditional characters
        ("智慧體", "agent"),  # the Taiwan phrase form
        ("AI Agent", "agent"),  # alias
        ("ai-agent", "agent"),
        ("agent", "agent"),
        ("zhì néng tǐ", "agent"),  # pinyin with tone marks
        ("zhi4 neng2 ti3", "agent"),  # tone numbers
        ("zhinengti", "agent"),  # no spaces, no tones
        ("Zhi Neng Ti", "agent"),
        ("LLM", "large-language-model"),  # abbreviation
        ("llm", "large-language-model"),
        ("大語言模型", "large-language-model"),
        ("Token", "token"),
        ("token", "token"),
        ("令牌", "token"),  # a deprecated rendering is still found
        ("数推分离", "shu-tui-fen-li"),  # an uncurated corpus term
        ("數推分離", "shu-tui-fen-li"),
        ("shu tui fen li", "shu-tui-fen-li"),
        ("shutuifenli", "shu-tui-fen-li"),
        ("post-training", "post-training"),  # hyphen and space variants
        ("Post Training", "post-training"),
        ("POST_TRAINING", "post-training"),
        ("后训练", "post-training"),
        ("chong can shu hua", "reparameterization"),  # the pinyin override
        ("chóng cān shù huà", "reparameterization"),
        ("重参数化", "reparameterization"),
    ],
)
def test_lookup_finds_exact(built: Built, query: str, entry_id: str) -> None:
    status, payload = lookup(built.db, query)
    assert status == 0
    assert payload["query"] == query
    assert payload["match"] == "exact"
    assert [e["id"] for e in payload["entries"]] == [entry_id]
    assert payload["suggestions"] == []


def test_lookup_by_prefix(built: Built) -> None:
    status, payload = lookup(built.db, "数推")
    assert status == 0
    assert payload["match"] == "prefix"
    assert [e["id"] for e in payload["entries"]] == ["shu-tui-fen-li"]
    assert payload["entries"][0]["zh"] == "数推分离"


def test_lookup_by_english_prefix(built: Built) -> None:
    status, payload = lookup(built.db, "Reparam")
    assert status == 0
    assert payload["match"] == "prefix"
    assert [e["id"] for e in payload["entries"]] == ["reparameterization"]


def test_lookup_miss(built: Built) -> None:
    status, payload = lookup(built.db, "xyzzy")
    assert status == 1
    assert payload == {"query": "xyzzy", "match": "none", "entries": [], "suggestions": []}


def test_lookup_near_miss_suggests(built: Built) -> None:
    status, payload = lookup(built.db, "Scalng Law")
    assert status == 1
    assert payload["match"] == "none"
    assert payload["entries"] == []
    assert payload["suggestions"][0] == {"id": "scaling-law", "zh": "尺度定律", "en": "Scaling Law"}


def test_lookup_near_miss_plain_text(built: Built) -> None:
    result = run("lookup", "Scalng Law", "--glossary", built.db)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "No entry for 'Scalng Law'."
    assert lines[1].startswith("Did you mean: 尺度定律 / Scaling Law")


def test_pinyin_override_replaces_the_generated_reading(built: Built) -> None:
    entry = found(built.db, "chong can shu hua")
    assert entry["zh"] == "重参数化"
    assert entry["pinyin"] == "chóng cān shù huà"
    # The reading pypinyin would give (zhòng) is not indexed.
    status, payload = lookup(built.db, "zhong can shu hua")
    assert status == 1
    assert payload["match"] == "none"


# --------------------------------------------------------------------------- entry content


def test_lookup_returns_the_whole_curated_entry(built: Built) -> None:
    assert found(built.db, "尺度定律") == {
        "id": "scaling-law",
        "zh": "尺度定律",
        "zh_hant": "尺度定律",
        "en": "Scaling Law",
        "pinyin": "chǐ dù dìng lǜ",
        "type": "concept",
        "category": "训练与扩展",
        "curated": True,
        "definition": {
            "zh": "模型性能随参数量、数据量和算力增长而按幂律提升的经验规律。",
            "en": "The empirical finding that model performance improves as a power law of scale.",
        },
        "note": None,
        "abbr": [],
        "aliases": [],
        # 尺度定律: a.txt lines 1, 3 (twice) and b.txt line 5; Scaling Law: a.txt line 3.
        "renderings": [
            {"text": "尺度定律", "lang": "zh", "status": "preferred", "votes": 4},
            {"text": "Scaling Law", "lang": "en", "status": "preferred", "votes": 1},
            {"text": "缩放定律", "lang": "zh", "status": "admitted", "votes": 0},
            {"text": "规模定律", "lang": "zh", "status": "deprecated", "votes": 0},
        ],
        "related": [
            {"id": "token", "zh": "词元", "en": "Token"},
            {"id": "agent", "zh": "智能体", "en": "Agent"},
        ],
        "count": 5,
        "doc_count": 2,
        "first_seen": DATE_A,
        "last_seen": DATE_B,
        "contexts": [
            {
                "source": "corpus/a.txt",
                "line": 3,
                "sentence": "近期,尺度定律(Scaling Law)撞墙的争论甚嚣尘上,很多人认为尺度定律已经失效。",
                "start": 8,
                "end": 19,
                "title": TITLE_A,
                "date": DATE_A,
            },
            {
                "source": "corpus/b.txt",
                "line": 5,
                "sentence": "尺度定律仍然有效,词元的数量还在增长。",
                "start": 0,
                "end": 4,
                "title": TITLE_B,
                "date": DATE_B,
            },
        ],
    }


def test_traditional_and_taiwan_forms_return_the_same_entry(built: Built) -> None:
    simplified = found(built.db, "智能体")
    assert found(built.db, "智能體") == simplified
    assert found(built.db, "智慧體") == simplified
    assert simplified["zh_hant"] == "智能體"
    assert simplified["pinyin"] == "zhì néng tǐ"
    assert simplified["aliases"] == ["AI Agent"]
    # a.txt: lines 6, 7 (twice each) and 9; b.txt: line 4 (twice).
    assert simplified["renderings"] == [
        {"text": "智能体", "lang": "zh", "status": "preferred", "votes": 7},
        {"text": "Agent", "lang": "en", "status": "preferred", "votes": 0},
    ]
    assert simplified["count"] == 7
    assert simplified["doc_count"] == 2
    assert simplified["related"] == [
        {"id": "large-language-model", "zh": "大语言模型", "en": "Large Language Model"}
    ]
    assert simplified["definition"] == {"zh": None, "en": None}


def test_deprecated_rendering_counts_its_uses(built: Built) -> None:
    token = found(built.db, "令牌")
    assert token["id"] == "token"
    assert token["zh_hant"] == "詞元"
    assert token["pinyin"] == "cí yuán"
    assert token["renderings"] == [
        {"text": "词元", "lang": "zh", "status": "preferred", "votes": 4},
        {"text": "Token", "lang": "en", "status": "preferred", "votes": 2},
        {"text": "令牌", "lang": "zh", "status": "deprecated", "votes": 1},
    ]
    assert token["count"] == 7
    assert token["definition"] == {
        "zh": "模型读写文本的最小单位。",
        "en": "The smallest unit of text a model reads and writes.",
    }
    assert token["related"] == [{"id": "scaling-law", "zh": "尺度定律", "en": "Scaling Law"}]


def test_abbreviation_entry(built: Built) -> None:
    entry = found(built.db, "LLM")
    assert entry["abbr"] == ["LLM"]
    assert entry["zh_hant"] == "大語言模型"
    assert entry["pinyin"] == "dà yǔ yán mó xíng"
    assert (entry["first_seen"], entry["last_seen"]) == (DATE_A, DATE_A)
    [context] = entry["contexts"]
    assert (context["source"], context["line"], context["title"]) == ("corpus/a.txt", 9, TITLE_A)
    assert context["sentence"][context["start"] : context["end"]] == "LLM"


def test_unused_curated_entry_has_no_evidence(built: Built) -> None:
    entry = found(built.db, "重参数化")
    assert entry["curated"] is True
    assert entry["zh_hant"] == "重參數化"
    assert entry["renderings"] == [
        {"text": "重参数化", "lang": "zh", "status": "preferred", "votes": 0},
        {"text": "Reparameterization", "lang": "en", "status": "preferred", "votes": 0},
    ]
    assert (entry["count"], entry["doc_count"]) == (0, 0)
    assert (entry["first_seen"], entry["last_seen"]) == (None, None)
    assert entry["contexts"] == []


def test_uncurated_entry(built: Built) -> None:
    entry = found(built.db, "数推分离")
    assert entry["curated"] is False
    assert entry["en"] is None
    assert entry["zh_hant"] == "數推分離"
    assert entry["pinyin"] == "shù tuī fēn lí"
    assert entry["renderings"] == [
        {"text": "数推分离", "lang": "zh", "status": "preferred", "votes": 2}
    ]
    assert (entry["count"], entry["doc_count"]) == (2, 1)
    assert (entry["first_seen"], entry["last_seen"]) == (DATE_B, DATE_B)
    assert entry["contexts"] == [
        {
            "source": "corpus/b.txt",
            "line": 3,
            "sentence": "数推分离是推理系统的新架构,数推分离可以降低成本。",
            "start": 0,
            "end": 4,
            "title": TITLE_B,
            "date": DATE_B,
        }
    ]


def test_uncurated_pair_entry(built: Built) -> None:
    entry = found(built.db, "Post Training")
    assert (entry["id"], entry["zh"], entry["en"]) == ("post-training", "后训练", "post-training")
    assert entry["zh_hant"] == "後訓練"
    assert entry["pinyin"] == "hòu xùn liàn"
    assert entry["count"] == 3
    assert [(r["text"], r["lang"], r["status"]) for r in entry["renderings"]] == [
        ("post-training", "en", "preferred"),
        ("后训练", "zh", "preferred"),
    ]


def test_uncurated_pair_votes_count_each_rendering_once(built: Built) -> None:
    entry = found(built.db, "Post Training")
    assert [r["votes"] for r in entry["renderings"]] == [2, 1]
    assert sum(r["votes"] for r in entry["renderings"]) == entry["count"]


@pytest.mark.parametrize(
    "query",
    ["尺度定律", "智能体", "令牌", "LLM", "数推分离", "Post Training", "重参数化"],
)
def test_contexts_point_at_the_term(built: Built, query: str) -> None:
    entry = found(built.db, query)
    assert len(entry["contexts"]) <= 2
    dates = {"corpus/a.txt": (TITLE_A, DATE_A), "corpus/b.txt": (TITLE_B, DATE_B)}
    for context in entry["contexts"]:
        assert set(context) == {"source", "line", "sentence", "start", "end", "title", "date"}
        assert (context["title"], context["date"]) == dates[context["source"]]
        corpus = CORPUS_A if context["source"] == "corpus/a.txt" else CORPUS_B
        assert context["sentence"] in corpus.splitlines()[context["line"] - 1]
        assert context["sentence"][context["start"] : context["end"]].casefold() in forms(entry)


def test_lookup_plain_text(built: Built) -> None:
    result = run("lookup", "尺度定律", "--glossary", built.db)
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "尺度定律 Scaling Law"
    assert "  pinyin      chǐ dù dìng lǜ" in lines
    assert "  type        concept · 训练与扩展" in lines
    assert (
        "  renderings  尺度定律 (zh, preferred, 4×); Scaling Law (en, preferred, 1×); "
        "缩放定律 (zh, admitted); 规模定律 (zh, deprecated)"
    ) in lines
    index = lines.index("  definition  模型性能随参数量、数据量和算力增长而按幂律提升的经验规律。")
    assert lines[index + 1].strip() == (
        "The empirical finding that model performance improves as a power law of scale."
    )
    assert "  related     词元 Token; 智能体 Agent" in lines
    assert f"  used        5 times in 2 documents, {DATE_A} – {DATE_B}" in lines
    index = lines.index(
        "  in context  近期,尺度定律(【Scaling Law】)撞墙的争论甚嚣尘上,很多人认为尺度定律已经失效。"
    )
    assert lines[index + 1].strip() == f"— {TITLE_A} (corpus/a.txt:3, {DATE_A})"
    assert f"— {TITLE_B} (corpus/b.txt:5, {DATE_B})" in [line.strip() for line in lines]


def test_lookup_plain_text_of_traditional_entry(built: Built) -> None:
    result = run("lookup", "zhinengti", "--glossary", built.db)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "智能体 Agent"
    assert "  Traditional 智能體" in lines
    assert "  type        concept" in lines


def test_lookup_plain_text_of_uncurated_entry(built: Built) -> None:
    result = run("lookup", "数推分离", "--glossary", built.db)
    assert result.returncode == 0
    assert "  type        concept · not yet curated" in result.stdout.splitlines()


# --------------------------------------------------------------------------- the real seeds


@pytest.mark.parametrize("query", ["Post Training", "post-training", "POST TRAINING", "后训练"])
def test_seed_hyphen_and_space_variants(built: Built, query: str) -> None:
    entry = found(built.seeds_db, query)
    assert (entry["id"], entry["zh"], entry["en"]) == ("post-training", "后训练", "post-training")
    assert entry["contexts"]
    for context in entry["contexts"]:
        assert context["source"] == SEED_003
        assert context["date"] == "2024-12-11"
        assert context["title"] == "从“造锤子”到“找钉子”,大模型这一年走慢了吗?"
        assert context["sentence"][context["start"] : context["end"]].casefold() in forms(entry)


def test_seed_curated_entries_gather_both_articles(built: Built) -> None:
    entry = found(built.seeds_db, "尺度定律")
    assert entry["doc_count"] == 2
    assert {c["source"] for c in entry["contexts"]} == {SEED_002, SEED_003}
    assert entry["count"] == sum(r["votes"] for r in entry["renderings"])
    agent = found(built.seeds_db, "智慧體")
    assert agent["id"] == "agent"
    assert {c["source"] for c in agent["contexts"]} == {SEED_002, SEED_003}


def test_seed_uncurated_term(built: Built) -> None:
    entry = found(built.seeds_db, "shu tui fen li")
    assert entry["zh"] == "数推分离"
    assert entry["curated"] is False
    assert entry["doc_count"] == 1
    assert {c["source"] for c in entry["contexts"]} == {SEED_002}
    for context in entry["contexts"]:
        assert context["sentence"][context["start"] : context["end"]] == "数推分离"


# --------------------------------------------------------------------------- the build report


def report_section(stdout: str, heading: str) -> list[str]:
    """The indented lines under the report heading that starts with ``heading``."""
    lines = stdout.splitlines()
    [start] = [i for i, line in enumerate(lines) if line.startswith(heading)]
    section = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        section.append(line)
    return section


def test_build_summary(built: Built) -> None:
    assert built.build.stderr == ""
    first = built.build.stdout.splitlines()[0]
    assert first.startswith("Built g.sqlite: ")
    assert "(5 curated, " in first
    assert re.search(r" from 2 documents in \d+\.\d s, peak memory \d+ MiB\.$", first), first
    assert built.db.is_file()
    assert sorted(p.name for p in built.root.iterdir()) == [
        "corpus",
        "g.sqlite",
        "seeds.sqlite",
        "terms",
    ]


def test_build_report_lists_unused_entries(built: Built) -> None:
    assert report_section(built.build.stdout, "Curated entries the corpus never uses (1):") == [
        "  reparameterization  重参数化 / Reparameterization  (terms/core.yaml:32)"
    ]


def test_build_report_lists_discouraged_renderings(built: Built) -> None:
    assert report_section(built.build.stdout, "Discouraged renderings in the corpus (1):") == [
        "  令牌 (deprecated; use 词元) corpus/a.txt:5: 也有人把 token 译作令牌,这种译法并不准确。"
    ]


def test_build_report_lists_unfinished_entries(built: Built) -> None:
    assert report_section(built.build.stdout, "Unfinished curated entries (3):") == [
        "  terms/core.yaml:21: entry agent: no definition yet; add definition: {zh: …, en: …}",
        "  terms/core.yaml:27: entry large-language-model: no definition yet; "
        "add definition: {zh: …, en: …}",
        "  terms/core.yaml:32: entry reparameterization: no definition yet; "
        "add definition: {zh: …, en: …}",
    ]


def test_build_report_lists_uncurated_candidates(built: Built) -> None:
    section = report_section(built.build.stdout, "Best uncurated candidates (of ")
    assert "  数推分离  ×2 in 1 docs  [shu-tui-fen-li]" in section
    assert "  后训练 / post-training  ×3 in 1 docs  [post-training]" in section
    curated = ("[scaling-law]", "[token]", "[agent]", "[large-language-model]")
    assert not [line for line in section if line.endswith(curated)]


def test_build_with_bad_terms_fails_cleanly(built: Built, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  zh: 甲\n  colour: blue\n", encoding="utf-8")
    result = run(
        "build",
        "--corpus",
        built.root / "corpus",
        "--terms",
        bad,
        "--glossary",
        tmp_path / "g.sqlite",
        "--no-site",
    )
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"glossary: error: {bad}:3: entry x: unknown field 'colour'")
    assert not (tmp_path / "g.sqlite").exists()


# --------------------------------------------------------------------------- candidates


def test_candidates_lists_uncurated_entries_with_a_context(built: Built) -> None:
    result = run("candidates", "--glossary", built.db)
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    index = lines.index("数推分离  ×2 in 1 docs  [shu-tui-fen-li]")
    assert (
        lines[index + 1]
        == "    数推分离是推理系统的新架构,数推分离可以降低成本。  (corpus/b.txt:3)"
    )
    index = lines.index("后训练 / post-training  ×3 in 1 docs  [post-training]")
    assert lines[index + 1] == (
        "    后训练(post-training)越来越重要,Post Training 的方法很多。  (corpus/a.txt:8)"
    )
    headings = [line for line in lines if not line.startswith("    ")]
    assert not any("尺度定律" in line or "智能体" in line for line in headings)
    # Every entry has one context line under it.
    assert all(line.startswith("    ") for line in lines[1::2])
    assert len(lines) == 2 * len(headings)


def test_candidates_limit_on_the_seeds(built: Built) -> None:
    result = run("candidates", "--glossary", built.seeds_db, "--limit", "4")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    heading = re.compile(r"\S.*  ×\d+ in [12] docs  \[[a-z0-9-]+\]")
    context = re.compile(r"    \S.*  \(seeds/00[23]_[0-9a-f]+\.txt:\d+\)")
    for first, second in zip(lines[::2], lines[1::2], strict=True):
        assert heading.fullmatch(first), first
        assert context.fullmatch(second), second


# --------------------------------------------------------------------------- bad databases


@pytest.mark.parametrize("command", ["lookup", "candidates"])
def test_missing_database(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nothing.sqlite"
    args = ["lookup", "尺度定律"] if command == "lookup" else ["candidates"]
    result = run(*args, "--glossary", missing)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"glossary: error: {missing}: no glossary here; run `glossary build` first\n"
    )
    assert not missing.exists()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database\n" * 200, b"", b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["text", "empty", "truncated-header"],
)
@pytest.mark.parametrize("command", ["lookup", "candidates"])
def test_not_a_glossary_database(tmp_path: Path, content: bytes, command: str) -> None:
    path = tmp_path / "g.sqlite"
    path.write_bytes(content)
    args = ["lookup", "尺度定律"] if command == "lookup" else ["candidates"]
    result = run(*args, "--glossary", path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"glossary: error: {path}: not a glossary database (")
    assert result.stderr.endswith("; rebuild it with `glossary build`\n")
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == content  # a look-up never writes


def test_other_sqlite_database(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    result = run("lookup", "尺度定律", "--glossary", path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith(f"glossary: error: {path}: not a glossary database (")


def test_directory_instead_of_database(tmp_path: Path) -> None:
    result = run("lookup", "尺度定律", "--glossary", tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr == (
        f"glossary: error: {tmp_path}: no glossary here; run `glossary build` first\n"
    )


# --------------------------------------------------------------------------- imports


HEAVY = {"jieba", "pypinyin", "opencc"}


@pytest.mark.parametrize(
    "query", ["尺度定律", "智能體", "智慧體", "zhi4 neng2 ti3", "LLM", "数推分离", "Reparam"]
)
def test_lookup_that_hits_imports_no_heavy_library(built: Built, query: str) -> None:
    result = run_python(
        "-X", "importtime", "-m", "glossary", "lookup", query, "--glossary", built.db
    )
    assert result.returncode == 0, result.stderr
    modules = {name.split(".")[0] for name in imported_modules(result.stderr)}
    assert "glossary" in modules  # the output really is importtime's
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_an_uncurated_acronym_is_folded_into_its_expansion_as_an_abbreviation() -> None:
    from glossary.merge import _with_abbreviations
    from glossary.models import Entry

    def entry(term: str, en: str, signals: tuple[str, ...], count: int) -> Entry:
        return Entry(
            term,
            "多版本并发控制",
            en,
            (term,),
            "zh",
            0.8,
            count,
            1,
            (),
            signals,
            sources=("a.txt",),
        )

    full = entry(
        "Multi-Version Concurrency Control", "Multi-Version Concurrency Control", ("pair",), 2
    )
    short = entry("MVCC", "MVCC", ("abbreviation", "latin", "pair"), 4)
    other = Entry("回表", "回表", None, ("回表",), "zh", 0.6, 3, 1, ())
    [(folded, abbr), (alone, none)] = _with_abbreviations([full, short, other])
    assert (folded.term, folded.count, folded.variants, abbr) == (
        "Multi-Version Concurrency Control",
        6,
        ("Multi-Version Concurrency Control", "MVCC"),
        ("MVCC",),
    )
    assert (alone, none) == (other, ())
    # an acronym whose expansion is not an entry stays an entry of its own
    assert _with_abbreviations([short]) == [(short, ())]


@pytest.mark.parametrize("engine", ["here", "workers", "cache"])
def test_build_keeps_twenty_sentences_per_entry_but_reports_every_discouraged_use(
    tmp_path: Path, engine: str
) -> None:
    """Extraction for a build keeps CONTEXTS_PER_ENTRY sentences per term, which bounds its memory
    on a large corpus, and every sentence of a discouraged rendering, all of which the
    report lists: in this process, in worker processes (tables merged chunk by chunk) and
    with the cache."""
    from glossary.build import build_glossary
    from glossary.engine import EngineOptions
    from glossary.limits import CONTEXTS_PER_ENTRY

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(10):  # ten files of three lines: more than one chunk
        lines = [f"第{i}次有人把 token 译作令牌,智能体第{i}次规划任务。" for i in range(3)]
        (corpus / f"{n:02}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    terms = tmp_path / "core.yaml"
    terms.write_text(
        "- id: token\n  zh: 词元\n  en: Token\n  renderings: {令牌: deprecated}\n"
        "- id: agent\n  zh: 智能体\n  en: Agent\n",
        encoding="utf-8",
    )
    options = {
        "here": EngineOptions(),
        "workers": EngineOptions(workers=2),
        "cache": EngineOptions(cache=str(tmp_path / "cache.sqlite")),
    }[engine]
    glossary = build_glossary(
        [str(corpus)], [str(terms)], str(tmp_path / "g.sqlite"), engine=options
    ).glossary
    every = [(f"{n:02}.txt", line) for n in range(10) for line in (1, 2, 3)]
    uses = glossary.report.discouraged
    assert [(Path(u.context.source).name, u.context.line) for u in uses] == every
    assert {u.rendering for u in uses} == {"令牌"}
    [agent] = [e for e in glossary.entries if e.id == "agent"]
    assert agent.count == 30
    assert [(Path(c.source).name, c.line) for c in agent.contexts] == every[:CONTEXTS_PER_ENTRY]
