"""The optional fast path: rjieba cuts exactly what jieba cuts, or it is not used, and
PyStemmer stems exactly as snowballstemmer's Python code.

Every sentence of the seeds and held-out texts, prepared as the pipeline prepares it, is
segmented by both backends, with and without curated terms taught to the segmenter; whole
extractions are compared too. The comparisons skip only when rjieba (PyStemmer) is not
installed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary.corpus import iter_documents
from glossary.errors import GlossaryError
from glossary.pipeline import ExtractOptions, extract, make_segmenter
from glossary.segment import BACKEND_VARIABLE, Segmenter
from glossary.terms import load_terms
from glossary.text import fold_width, looks_traditional, simplified_same_length, split_sentences

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [str(ROOT / "seeds"), str(ROOT / "tests" / "heldout" / "texts")]

# Runs jieba treats specially: characters it does not count as Han (extension A, U+9FD6 and
# up, compatibility ideographs), and a tie (看看+看 or 看+看看) that the dictionary total decides.
EDGE_CASES = [
    "我们用\u3400\u3401处理数据",
    "鿖鿗算法与鿕",
    "大語\uf900模型\ufa10语言",
    "校验函数通常会检查函数体,看看看有没有语法错误",
    "中文分词工具包的性能测试结果",
    "在Scaling Law的路线上,GPT-4和Llama 3.1的智能体",
]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Every sentence as Segmenter.tokens sees it in the pipeline (see add_sentence)."""
    out = list(EDGE_CASES)
    for document in iter_documents(TEXTS):
        traditional = looks_traditional(document.text)
        for sentence in split_sentences(document):
            folded = fold_width(sentence.text)
            out.append(simplified_same_length(folded) if traditional else folded)
    return out


@pytest.fixture(scope="module")
def curated() -> tuple[str, ...]:
    """The curated terms, plus words jieba already knows and repeats: both change the
    dictionary total jieba weighs every cut with."""
    terms = load_terms([str(ROOT / "terms" / "llm.yaml")])
    known = tuple(s for loaded in terms for s in loaded.term.surfaces())
    return (*known, "机器学习", "模型", "模型", "数据", "的", "智能体", "智能体", "管理器")


@pytest.fixture
def with_rjieba() -> None:
    pytest.importorskip("rjieba")


def differing(sentences: list[str], jieba: Segmenter, rjieba: Segmenter) -> list[str]:
    assert (jieba.backend, rjieba.backend) == ("jieba", "rjieba")
    return [s for s in sentences if jieba.tokens(s) != rjieba.tokens(s)]


@pytest.mark.usefixtures("with_rjieba")
def test_same_tokens_from_both_backends(sentences: list[str]) -> None:
    assert len(sentences) > 700
    assert differing(sentences, Segmenter(backend="jieba"), Segmenter(backend="rjieba")) == []


@pytest.mark.usefixtures("with_rjieba")
def test_same_tokens_with_curated_terms(
    sentences: list[str], curated: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # make_segmenter as extraction (and each worker process) calls it, told by the variable.
    monkeypatch.setenv(BACKEND_VARIABLE, "jieba")
    jieba = make_segmenter(curated)
    monkeypatch.setenv(BACKEND_VARIABLE, "rjieba")
    rjieba = make_segmenter(curated)
    assert differing(sentences, jieba, rjieba) == []
    # The terms are kept whole by both.
    assert [t.text for t in rjieba.tokens("尺度定律与数推分离")] == ["尺度定律", "与", "数推分离"]


@pytest.mark.usefixtures("with_rjieba")
@pytest.mark.parametrize("known", [False, True])
def test_same_extraction_from_both_backends(
    known: bool, curated: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = ExtractOptions(known_terms=curated if known else ())
    entries = []
    for backend in ("jieba", "rjieba"):
        monkeypatch.setenv(BACKEND_VARIABLE, backend)
        entries.append(extract([str(ROOT / "seeds")], options).entries)
    assert len(entries[0]) > 100
    assert entries[0] == entries[1]


@pytest.mark.usefixtures("with_rjieba")
@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Han characters jieba does not take for Han (extension A, U+9FD6 and up, the
        # compatibility block) are words alone, and the text between them is cut apart
        ("㐀字", ["㐀", "字"]),
        ("㐀㐁㐂", ["㐀", "㐁", "㐂"]),
        ("大\u9fd6模型", ["大", "\u9fd6", "模型"]),
        ("\uf900\uf901模型", ["\uf900", "\uf901", "模型"]),
        ("龦龧大模型", ["龦", "龧", "大", "模型"]),  # U+9FA6, U+9FA7: jieba's Han
    ],
)
def test_both_backends_cut_han_outside_jiebas_range_alike(text: str, words: list[str]) -> None:
    for backend in ("jieba", "rjieba"):
        tokens = Segmenter(backend=backend).tokens(text)
        assert [(t.text, t.kind) for t in tokens] == [(w, "han") for w in words], backend


@pytest.mark.usefixtures("with_rjieba")
def test_auto_uses_rjieba_and_jieba_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BACKEND_VARIABLE, raising=False)
    assert Segmenter().backend == "rjieba"
    assert Segmenter(backend="jieba").backend == "jieba"
    monkeypatch.setenv(BACKEND_VARIABLE, "jieba")
    assert Segmenter().backend == "jieba"
    assert Segmenter(backend="auto").backend == "rjieba"  # the argument wins


@pytest.mark.usefixtures("with_rjieba")
def test_rjieba_is_loaded_without_the_package_s_own_jieba() -> None:
    """A Segmenter loads rjieba's compiled module alone, not the package, whose import
    builds a Jieba with the default dictionary that no Segmenter uses; the package can
    still be imported after it, and shares the module (fresh process: here rjieba is
    imported already)."""
    script = (
        "import sys\n"
        "from glossary.segment import Segmenter\n"
        "segmenter = Segmenter(backend='rjieba')\n"
        "print([t.text for t in segmenter.tokens('尺度定律与大模型')], 'rjieba' in sys.modules)\n"
        "import rjieba\n"
        "print(rjieba.Jieba is sys.modules['rjieba.rjieba'].Jieba, rjieba.cut('大模型'))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert completed.stdout.splitlines() == [
        "['尺度', '定律', '与', '大', '模型'] False",
        "True ['大', '模型']",
    ]


def test_without_rjieba_auto_falls_back_and_rjieba_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba now fails
    monkeypatch.delenv(BACKEND_VARIABLE, raising=False)
    segmenter = Segmenter()
    assert [t.text for t in segmenter.tokens("中文分词")] == ["中文", "分词"]
    assert segmenter.backend == "jieba"
    with pytest.raises(GlossaryError, match="rjieba is not installed"):
        Segmenter(backend="rjieba").tokens("中文")


def test_an_unknown_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BACKEND_VARIABLE, "fast")
    with pytest.raises(GlossaryError, match="GLOSSARY_SEGMENTER=fast: use one of auto"):
        Segmenter()


def test_the_c_stemmer_gives_every_gloss_word_the_python_stem() -> None:
    """snowballstemmer hands its work to PyStemmer when that is installed: every word of
    CC-CEDICT's glosses (about 50,000) gets the stem the Python stemmer gives it."""
    pytest.importorskip("Stemmer")
    from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]

    from glossary.glosses import Glosses, _load

    glosses = Glosses()
    glosses.stem("warm")
    assert type(glosses._stemmer).__module__ == "Stemmer"
    words = sorted({word for joined in _load()[0].values() for word in joined.split()})
    assert len(words) > 40_000
    python = EnglishStemmer()
    assert [w for w in words if glosses.stem(w) != python.stemWord(w)[:6]] == []
