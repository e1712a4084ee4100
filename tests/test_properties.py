"""Property tests: the pipeline and its text helpers hold their invariants on any input.

jieba takes about half a second to load and every :class:`~glossary.segment.Segmenter` loads
its own tokenizer, so one Segmenter is built per module and shared: the lower-level functions
take it as an argument, and :func:`glossary.pipeline.extract` is made to use it too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary.extract.latin import latin_spans
from glossary.extract.pairs import find_pairs
from glossary.models import Document, Entry
from glossary.pipeline import Extraction, ExtractOptions, extract
from glossary.scoring import ScoringOptions
from glossary.segment import Segmenter
from glossary.text import (
    SentenceReader,
    canonical_key,
    fold_width,
    folded_key,
    split_sentences,
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Characters the extractors care about: Han, Latin, digits, ASCII and full-width parentheses,
# Chinese punctuation, the name dot, quotes, spaces and line breaks.
TERMISH = list("大模型智能体尺度定律(（)）ScalingLawGPT-4 ,，。、·“”0123456789")
# Word-sized fragments that make real terms and pairs, so entries do come out.
FRAGMENTS = [
    "大模型",
    "智能体",
    "智能體",
    "尺度定律",
    "Scaling Law",
    "(尺度定律)",
    "（Scaling Law）",
    "词元",
    "(Token)",
    "Token",
    "后训练(post-training)",
    "通用人工智能(AGI)",
    "科学、技术、工程和数学(STEM)",
    "技术",
    "(STEM)",
    "(ABC)",
    "生成式 AI(Generative AI)",
    "伊利亚·苏茨克维尔(Ilya Sutskever)",
    "GPT-4",
    "ＧＰＴ－４",
    "数推分离",
    "的",
    "和",
    "在",
    "，",
    "。",
    "、",
    " ",
    "\u3000",
    "\n",
    "(",
    ")",
    "“",
    "”",
    "2024年",
]
# Any character that can be written as UTF-8 (no lone surrogates).
ANY_CHAR = st.characters(exclude_categories=("Cs",))

texts = st.one_of(
    st.text(alphabet=st.sampled_from(TERMISH) | ANY_CHAR, max_size=80),
    st.text(alphabet=st.sampled_from(TERMISH), max_size=80),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
    st.lists(
        st.sampled_from(FRAGMENTS) | st.text(ANY_CHAR, min_size=1, max_size=3), max_size=20
    ).map("".join),
).filter(lambda text: not text.isspace() and text != "")

# Coordinated lists before an acronym, 科学、技术、工程和数学(STEM), with items left out.
coordinated_lists = st.builds(
    "{}{}({})".format,
    st.sampled_from(["", "在", "A", " ", "。"]),
    st.lists(
        st.sampled_from(["", "科学", "技术", "工程", "和数学", "与", "的", "、"]), max_size=6
    ).map("、".join),
    st.from_regex(r"[A-Z][A-Z0-9]{1,4}", fullmatch=True),
)

# ASCII and CJK (Simplified and Traditional) text with the separators canonical_key folds.
ascii_cjk = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x20, 0x7F)]
        + list("大模型智能体體語言尺度定律词元詞後训练訓練数推分离數據")
        + list("\u4e00\u9fff\u3400\u4dbf\uf900")
        + list("-‐‑‒–—_ \t\u3000ＡＢｃ１２（）")
    ),
    max_size=30,
)


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="module")
def shared_segmenter(segmenter: Segmenter) -> Segmenter:
    return segmenter


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties") / "doc.txt"


def run_extract(
    path: Path, text: str, segmenter: Segmenter, min_termhood: float = 0.5
) -> Extraction:
    path.write_text(text, encoding="utf-8")
    options = ExtractOptions(scoring=ScoringOptions(min_termhood=min_termhood))
    return extract([str(path)], options, segmenter=segmenter)


def surfaces(entry: Entry) -> set[str]:
    return {entry.term, *entry.variants} | {s for s in (entry.zh, entry.en) if s}


# --------------------------------------------------------------------------- pipeline


@SETTINGS
@given(text=texts | coordinated_lists)
def test_extract_never_raises(text: str, corpus_file: Path, shared_segmenter: Segmenter) -> None:
    result = run_extract(corpus_file, text, shared_segmenter)
    assert len(result.documents) + len(result.skipped) == 1
    assert all(0.0 <= entry.score <= 1.0 for entry in result.entries)
    scores = [entry.score for entry in result.entries]
    assert scores == sorted(scores, reverse=True)


@SETTINGS
@given(text=texts)
def test_every_context_points_at_a_surface_of_its_entry(
    text: str, corpus_file: Path, shared_segmenter: Segmenter
) -> None:
    # min_termhood 0 keeps every candidate, so every one of them is checked.
    result = run_extract(corpus_file, text, shared_segmenter, min_termhood=0.0)
    for entry in result.entries:
        assert entry.count >= 1
        assert 1 <= entry.doc_count <= entry.count
        assert entry.lang in ("zh", "en", "mixed")
        assert entry.contexts, entry
        for context in entry.contexts:
            assert 0 <= context.start < context.end <= len(context.sentence), context
            assert context.sentence[context.start : context.end] in surfaces(entry), (
                entry,
                context,
            )
            assert context.source == str(corpus_file)
            assert context.line >= 1


@pytest.mark.parametrize(
    "text", ["、技术、工程(ABC)", "科学、、工程(ABC)", "、、工程(ABC)", "、(AB)"]
)
def test_lists_with_empty_items_before_an_acronym(
    text: str, corpus_file: Path, shared_segmenter: Segmenter
) -> None:
    # Found by test_extract_never_raises: an empty first item of a 、 list made
    # pairs._coordinated_list pop from an empty list (IndexError).
    result = run_extract(corpus_file, text + "\n", shared_segmenter)
    assert len(result.documents) == 1


# --------------------------------------------------------------------------- text helpers


@given(text=st.text(ANY_CHAR | st.sampled_from(TERMISH + list("ＡＺａｚ０９！～\u3000\u00a0"))))
def test_fold_width_preserves_length(text: str) -> None:
    folded = fold_width(text)
    assert len(folded) == len(text)
    # Only full-width forms and odd spaces change; everything else stays where it was.
    for before, after in zip(text, folded, strict=True):
        assert after == before or (after.isascii() and not before.isascii())


@given(
    text=st.text(ANY_CHAR | st.sampled_from(TERMISH + list("ＡＺａｚ０９！～\u3000\u00a0\u2009")))
)
def test_fold_width_folds_the_full_width_forms_and_odd_spaces_alone(text: str) -> None:
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    table.update(dict.fromkeys((0x3000, 0x00A0, 0x2002, 0x2003, 0x2009), 0x20))
    assert fold_width(text) == text.translate(table)


@given(text=texts)
def test_sentences_are_exact_slices_of_their_line(text: str) -> None:
    lines = text.split("\n")
    cursor: dict[int, int] = {}
    sentences = list(split_sentences(Document("doc.txt", text, "utf-8")))
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert sentence.source == "doc.txt"
        assert 1 <= sentence.line <= len(lines)
        assert sentence.text
        assert sentence.text == sentence.text.strip()
        line = lines[sentence.line - 1]
        # In order and without overlap: each sentence is found after the one before it.
        at = line.find(sentence.text, cursor.get(sentence.line, 0))
        assert at >= 0, (sentence, line)
        assert line[at : at + len(sentence.text)] == sentence.text
        cursor[sentence.line] = at + len(sentence.text)
    # Nothing but white space is dropped.
    kept = "".join(s.text for s in sentences)
    assert "".join(text.split()) == "".join(kept.split())


@given(
    lines=st.lists(
        st.sampled_from(["甲。乙。", "甲。", "丙；甲。", "```", "```py", "", "乙"]), max_size=12
    ),
    cuts=st.lists(st.integers(1, 14), max_size=4),
)
def test_a_reader_hands_out_the_parts_in_turn_as_one_pass_gives_them(
    lines: list[str], cuts: list[int]
) -> None:
    """Read part by part with one reader, a document's sentences are those of one pass, in
    order, and a sentence is repeated when its text came earlier in the document."""
    document = Document("doc.txt", "\n".join(lines), "utf-8")
    texts: list[str] = []
    expected = []
    for sentence in split_sentences(document):
        expected.append((sentence, sentence.text in texts))
        texts.append(sentence.text)
    reader = SentenceReader(document)
    parts = []
    first = 1
    for end in [*sorted(set(cuts)), None]:
        assert reader.can_start(document, first)
        part = list(reader.up_to(end))
        assert all(first <= s.line and (end is None or s.line < end) for s, _ in part)
        parts += part
        first = end if end is not None else first
    assert parts == expected
    assert not reader.can_start(Document("doc.txt", document.text, "utf-8"), first)  # another


def _sentence_spans_char_by_char(line: str) -> list[tuple[int, int]]:
    """The sentence rule read one character at a time: what the splitter must give."""
    spans, depth, start, i = [], 0, 0, 0
    while i < len(line):
        if line[i] in "([（【":
            depth += 1
        elif line[i] in ")]）】" and depth:
            depth -= 1
        elif line[i] in "。！？!?；;…" and depth == 0:
            i += 1
            while i < len(line) and line[i] in "”’」』》)]）】\"'。！？!?；;…":
                i += 1
            spans.append((start, i))
            start = i
            continue
        i += 1
    spans.append((start, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


@example("((a))。b")  # nested parentheses close one by one
@example("（注意！）后面。再见")  # an end inside parentheses, its closer right after
@example("好！”）对吗？？」 下一句")  # closers and ends run together after an end
@example("[a]] b; c")  # a stray closing bracket outside parentheses
@given(
    text=st.text(st.sampled_from(list("ab ([（【)]）】。！？!?；;…”’」』》\"'")), max_size=40)
    | texts
)
def test_sentences_split_as_the_rule_read_char_by_char(text: str) -> None:
    line = text.replace("\n", " ")
    sentences = [s.text for s in split_sentences(Document("doc.txt", line, "utf-8"))]
    # one line: a code fence there would have no line to close it, and is text
    expected = [line[a:b].strip() for a, b in _sentence_spans_char_by_char(line)]
    assert sentences == expected


@given(text=ascii_cjk)
def test_canonical_key_is_idempotent(text: str) -> None:
    key = canonical_key(text)
    assert canonical_key(key) == key


@given(text=ascii_cjk | st.from_regex(r"[A-Za-z0-9]+|[\u4e00-\u9fff]+", fullmatch=True))
def test_canonical_key_shortcuts_give_the_folded_key(text: str) -> None:
    assert canonical_key(text) == folded_key(text)


@given(word=st.text(alphabet=st.sampled_from(list("aZ09 .-٣大")), max_size=20))
def test_versioned_is_a_letter_then_a_digit(word: str) -> None:
    from glossary.types import _versioned

    assert _versioned(word) == bool(re.search(r"[A-Za-z].*\d", word))


@given(text=ascii_cjk)
def test_canonical_key_ignores_case_and_width(text: str) -> None:
    assert canonical_key(text.upper()) == canonical_key(text.lower())
    assert canonical_key(fold_width(text)) == canonical_key(text)


# --------------------------------------------------------------------------- extractors


@given(text=texts)
def test_latin_spans_are_in_bounds_and_non_empty(text: str) -> None:
    folded = fold_width(text)
    spans = list(latin_spans(folded))
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(folded)
        assert start >= previous_end  # left to right, no overlap
        previous_end = end
        assert folded[start:end] == folded[start:end].strip()


@settings(SETTINGS, max_examples=200)
@given(text=texts | coordinated_lists)
def test_pair_spans_are_in_bounds_and_non_empty(text: str, segmenter: Segmenter) -> None:
    folded = fold_width(text)
    for match in find_pairs(folded, segmenter):
        spans = [match.zh, match.en]
        if match.abbreviation is not None:
            spans.append(match.abbreviation)
        for start, end in spans:
            assert 0 <= start < end <= len(folded), (match, folded)
        zh_start, zh_end = match.zh
        en_start, en_end = match.en
        assert zh_end <= en_start or en_end <= zh_start, (match, folded)


# Traditional characters and phrases OpenCC converts, plain Simplified ones and Latin.
CONVERTIBLE = [
    *"資料網路體與們國數據學習檢索裡麵後發髮乾幹瞭週",
    *"的是了大模型",
    "一目瞭然",
    "不瞭解",
    "上鍊",
    "乾坤",
    "坤",
    " AI",
]


@SETTINGS
@given(st.lists(st.sampled_from(CONVERTIBLE), max_size=12).map("".join))
def test_to_simplified_equals_opencc(text: str) -> None:
    """The character-table shortcut gives exactly what OpenCC's own conversion gives."""
    import opencc

    from glossary.text import to_simplified

    assert to_simplified(text) == opencc.OpenCC("t2s").convert(text)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet="大模型训练AIGPT-4.5 3，。()（）㐀\n", max_size=40))
def test_tokens_tile_the_sentence(text: str, shared_segmenter: Segmenter) -> None:
    tokens = shared_segmenter.tokens(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)


@SETTINGS
@given(st.lists(st.sampled_from(CONVERTIBLE[:-1]), min_size=1, max_size=8).map("".join))
def test_the_key_of_a_han_surface_is_what_the_full_normalisation_gives(text: str) -> None:
    """Han-only surfaces take a shortcut; a Latin letter after one forces the full path."""
    assert canonical_key(text) == canonical_key(text + "a")[:-1]


@given(st.text(alphabet="a中\n\r 。", max_size=40))
@example("")
@example("\n")
@example("一\n\n二\n")
def test_lines_are_read_one_at_a_time_as_split_gives_them(text: str) -> None:
    from glossary.text import _lines

    assert list(_lines(text)) == text.split("\n")
