"""A small glossary with awkward content, built in memory for the export and import tests.

Curated terms (a terms file) are merged with hand-made corpus evidence, as ``glossary
build`` merges them: quotes, commas, line breaks, ``<``, ``&``, emoji, Traditional
characters (智能體), an id that starts with a digit, a forbidden rendering, an entry without
English (never exported) and one uncurated pair the text states.

Test modules import it as ``from export_fixture import ...`` (``tests`` is on ``sys.path``).
"""

from __future__ import annotations

from pathlib import Path

from glossary.merge import Converters, Glossary, merge
from glossary.models import Context, DocumentInfo, Entry
from glossary.pinyin import pinyin_marks
from glossary.terms import load_terms

TERMS = """\
# Awkward curated terms for the export tests.
- id: agent
  zh: 智能体
  en: AI agent
  abbr: [AGT]
  aliases: [Agent, 智能代理]
  renderings: {代理: admitted, 智慧体: deprecated, 代理人: forbidden, autonomous agent: admitted}
  category: '应用 & "产品" <AI>'
  definition:
    zh: 能感知环境、规划并调用工具完成任务的系统，例如“订机票，比价 & 付款”<自动>🤖。
    en: "A system that perceives, plans\\nand calls tools, e.g. \\"book a flight, compare & pay\\" <auto> 🤖."
  related: [token, 3d-parallelism]
  sources: [corpus/news.txt, 'https://example.com/a?b=1&c=2']
  note: "First line, with a comma\\nSecond line: \\"quoted\\" <tag> & 智能體 🤖"

- id: token
  zh: 词元
  en: token
  abbr: [Tok]
  renderings: {令牌: deprecated}
  category: 基础
  definition:
    zh: 模型读写文本的最小单位，如 "tok"。
    en: The smallest unit of text, e.g. "tok", a model reads & writes.
  related: [agent]

- id: 3d-parallelism
  zh: 三维并行
  en: 3D parallelism
  zh_hant: 三維並行式

- id: quoted-pair
  zh: 模型，数据
  en: 'data, model "quoted"'
  note: "tab\\there, line\\nbreak"

- id: unpaired
  zh: 数推分离
"""

NEWS = "corpus/news.txt"
TAIWAN = "corpus/tw.txt"
DOCUMENTS = (
    DocumentInfo(NEWS, 'Agents & <Tokens>: "2025" 🤖', "2025-03-02", "utf-8"),
    DocumentInfo(TAIWAN, "智能體專題", None, "utf-8"),
)


def _context(source: str, line: int, sentence: str, surface: str) -> Context:
    start = sentence.index(surface)
    return Context(source, line, sentence, start, start + len(surface))


def evidence() -> list[Entry]:
    """What extraction would have found in the two documents."""
    agent = (
        _context(NEWS, 3, 'AI agent 正在改变软件，"智能体" & <工具> 🤖。', "AI agent"),
        _context(NEWS, 4, "智能体可以自主规划任务，调用工具。", "智能体"),
        _context(NEWS, 5, "很多公司都在开发智能体。", "智能体"),
        _context(NEWS, 6, "智能体的应用越来越多，智能体无处不在。", "智能体"),
        _context(NEWS, 7, "也有人把它叫作代理人，这并不准确。", "代理人"),
        _context(NEWS, 8, "智能体,一个\t有制表符的句子。", "智能体"),
        _context(TAIWAN, 3, "智能體可以自主規劃任務。", "智能體"),
    )
    return [
        Entry(
            term="智能体",
            zh="智能体",
            en="AI agent",
            variants=("智能体", "AI agent", "智能體", "代理人"),
            lang="zh",
            score=0.9,
            count=7,
            doc_count=2,
            contexts=agent,
            signals=("pair",),
            pair_count=1,
            sources=(NEWS, TAIWAN),
            surface_counts=(("智能体", 5), ("AI agent", 1), ("智能體", 1), ("代理人", 1)),
        ),
        Entry(
            term="词元",
            zh="词元",
            en="token",
            variants=("词元", "token"),
            lang="zh",
            score=0.8,
            count=2,
            doc_count=1,
            contexts=(_context(NEWS, 9, "大模型按 token(词元)计费 & 每个词元都要算力。", "token"),),
            signals=("pair",),
            pair_count=1,
            sources=(NEWS,),
            surface_counts=(("词元", 2), ("token", 1)),
        ),
        Entry(
            term="后训练",
            zh="后训练",
            en="post-training",
            variants=("后训练", "post-training", "后期训练"),
            lang="zh",
            score=0.7,
            count=3,
            doc_count=1,
            contexts=(
                _context(NEWS, 10, "后训练(post-training)越来越重要。", "后训练"),
                _context(NEWS, 11, "也有人说后期训练。", "后期训练"),
            ),
            signals=("pair",),
            pair_count=1,
            sources=(NEWS,),
            renderings=(("后训练", 2), ("后期训练", 1)),
            surface_counts=(("后训练", 1), ("post-training", 1), ("后期训练", 1)),
        ),
    ]


def converters() -> Converters:
    import opencc

    s2t = opencc.OpenCC("s2t")
    return Converters(traditional=lambda text: str(s2t.convert(text)), pinyin=pinyin_marks)


def build(terms_file: Path) -> Glossary:
    """The glossary of ``terms_file`` merged with :func:`evidence`, as ``glossary build``
    merges them."""
    return merge(load_terms([str(terms_file)]), evidence(), DOCUMENTS, converters())


def fixture_glossary(directory: Path) -> Glossary:
    path = directory / "terms.yaml"
    path.write_text(TERMS, encoding="utf-8")
    return build(path)
