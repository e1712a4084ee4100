"""Tests for glossary.corpus: discovery, decoding, metadata and streaming of documents."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from glossary.corpus import (
    TEXT_SUFFIXES,
    Skipped,
    decode,
    discover,
    find_date,
    find_title,
    iter_documents,
    read_document,
)
from glossary.errors import CorpusError
from glossary.models import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

HINT = "if you know the file's encoding, pass it with --encoding (e.g. --encoding big5)"
BIG5_TEXT = "人工智慧的新時代，大型語言模型"


def write(path: Path, data: bytes | str) -> str:
    """Write ``data`` (str as UTF-8) to ``path``, creating parents; return the path as str."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def decode_error(data: bytes, encoding: str | None = None) -> str:
    with pytest.raises(CorpusError) as info:
        decode(data, "doc.txt", encoding)
    assert info.value.path == "doc.txt"
    return info.value.reason


# --------------------------------------------------------------------------- decode: encodings


def test_text_suffixes() -> None:
    assert TEXT_SUFFIXES == (".txt", ".md")


def test_decode_utf8() -> None:
    assert decode("大模型的数推分离 (LLM)\n".encode(), "a.txt") == (
        "大模型的数推分离 (LLM)\n",
        "utf-8",
    )


def test_decode_utf8_bom_is_removed() -> None:
    data = codecs.BOM_UTF8 + "大模型\n".encode()
    assert decode(data, "a.txt") == ("大模型\n", "utf-8-sig")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_decode_utf16_with_bom(bom: bytes, codec: str) -> None:
    data = bom + "中文\r\n尺度定律(Scaling Law)".encode(codec)
    assert decode(data, "a.txt") == ("中文\n尺度定律(Scaling Law)", "utf-16")


def test_decode_utf32_with_bom() -> None:
    data = codecs.BOM_UTF32_LE + "中文".encode("utf-32-le")
    assert decode(data, "a.txt") == ("中文", "utf-32")


def test_decode_gb18030_detected() -> None:
    data = "大模型的数推分离".encode("gb18030")
    assert decode(data, "a.txt") == ("大模型的数推分离", "gb18030")


def test_decode_gbk_bytes_with_english_detected_as_gb18030() -> None:
    text = "在Scaling Law(尺度定律)这条路线上,行业开始出现分歧。\r\n第二行\r\n"
    assert decode(text.encode("gbk"), "a.txt") == (
        "在Scaling Law(尺度定律)这条路线上,行业开始出现分歧。\n第二行\n",
        "gb18030",
    )


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_decode_seed_reencoded_as_gb18030(seed: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert decode(text.encode("gb18030"), seed) == (text, "gb18030")


def test_decode_explicit_encoding() -> None:
    assert decode(BIG5_TEXT.encode("big5"), "a.txt", "big5") == (BIG5_TEXT, "big5")


def test_decode_explicit_encoding_name_is_canonical() -> None:
    assert decode("大模型".encode("gbk"), "a.txt", "GBK") == ("大模型", "gbk")
    assert decode(b"abc", "a.txt", "UTF8") == ("abc", "utf-8")


def test_decode_big5_without_encoding_is_refused() -> None:
    # As GB18030, Big5 bytes decode into private-use characters, so they are not taken.
    assert decode_error(BIG5_TEXT.encode("big5")) == (
        "cannot be decoded: not UTF-8 (byte 0xa4 at byte offset 0, line 1: invalid start byte), "
        f"and as GB18030 it does not look like Chinese text; {HINT}"
    )


def test_decode_unknown_codec() -> None:
    assert decode_error(b"abc", "no-such-codec") == (
        "unknown text encoding 'no-such-codec'; pass a codec name Python knows, "
        "e.g. --encoding utf-8, gb18030 or big5"
    )


def test_decode_non_text_codec_is_unknown() -> None:
    assert decode_error(b"abc", "base64").startswith("unknown text encoding 'base64';")


def test_decode_explicit_encoding_failure() -> None:
    data = "第一行\n".encode() + b"\xff\xfe"
    assert decode_error(data, "utf-8") == (
        "cannot decode as utf-8 (byte 0xff at byte offset 10, line 2: invalid start byte); "
        "check the --encoding value (or leave it out to detect the encoding)"
    )


def test_decode_explicit_encoding_still_removes_bom_and_normalises() -> None:
    data = codecs.BOM_UTF8 + b"a\r\nb"
    assert decode(data, "a.txt", "utf-8") == ("a\nb", "utf-8")


# --------------------------------------------------------------------------- decode: refusals


def test_decode_empty_file() -> None:
    assert decode_error(b"") == "file is empty (0 bytes); add text to it or leave it out"


@pytest.mark.parametrize(
    "data",
    [
        b" \n\t\r\n",
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b"  \n",
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_LE + "\u3000\n".encode("utf-16-le"),
        "\u3000\u3000".encode(),
    ],
)
def test_decode_whitespace_only(data: bytes) -> None:
    assert decode_error(data) == (
        "file contains only whitespace; add text to it or leave it out of the corpus"
    )


def test_decode_whitespace_only_with_explicit_encoding() -> None:
    assert decode_error(b"   ", "gb18030") == (
        "file contains only whitespace; add text to it or leave it out of the corpus"
    )


BINARY_NUL = (
    "contains NUL bytes and no UTF-16 byte-order mark, so it looks binary, not text; "
    "give text files only (or pass --encoding utf-16-le / utf-16-be for UTF-16 text)"
)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"text\x00more text",
        "text".encode("utf-16-le"),  # UTF-16 without a BOM is not guessed
    ],
)
def test_decode_binary_nul_bytes(data: bytes) -> None:
    assert decode_error(data) == BINARY_NUL


def test_decode_binary_control_characters() -> None:
    assert decode_error(b"\x01\x02\x03\x04abc") == (
        "file has many control characters, so it looks binary, not text; "
        "give text files only, or pass the right --encoding"
    )


def test_decode_few_control_characters_are_text() -> None:
    data = b"\x1b[1mbold\x1b[0m text in a log line with colours\n"
    assert decode(data, "a.txt") == (data.decode(), "utf-8")


def test_decode_nul_with_explicit_encoding() -> None:
    assert decode_error(b"ab\x00cd", "latin-1") == (
        "decoded as iso8859-1 it contains NUL characters, so it looks binary; "
        "give text files only, or pass the right --encoding"
    )


def test_decode_utf16_bom_but_truncated() -> None:
    # b"\xff\xfe" is a UTF-16 LE byte-order mark; an odd byte after it cannot be decoded.
    assert decode_error(b"\xff\xfe\xfd") == (
        "starts with a UTF-16 byte-order mark but cannot be decoded as utf-16 "
        "(byte 0xfd at byte offset 2, line 1: truncated data); "
        "re-save it as UTF-8, or pass its encoding with --encoding"
    )


def test_decode_neither_utf8_nor_gb18030() -> None:
    # 0xff can start neither a UTF-8 nor a GB18030 sequence.
    assert decode_error(b"hello\r\nworld \xff\xfe\xfd!") == (
        "cannot be decoded: not UTF-8 (byte 0xff at byte offset 13, line 2: invalid start byte), "
        f"and not GB18030 either; {HINT}"
    )


def test_decode_reports_gb18030_position_when_it_got_further() -> None:
    data = "大模型\n数推分离\n".encode("gb18030") + b"\xff"
    assert decode_error(data) == (
        "cannot be decoded: not UTF-8, and not GB18030 either "
        f"(byte 0xff at byte offset 16, line 3: incomplete multibyte sequence); {HINT}"
    )


def test_decode_gb18030_valid_but_not_chinese() -> None:
    # b"\xfd\xfe" is valid GB18030, but it decodes to a private-use character.
    assert decode_error(b"\xfd\xfe\xfd\xfe") == (
        "cannot be decoded: not UTF-8 (byte 0xfd at byte offset 0, line 1: invalid start byte), "
        f"and as GB18030 it does not look like Chinese text; {HINT}"
    )


def test_decode_latin1_is_refused() -> None:
    assert decode_error("café crème".encode("latin-1")) == (
        "cannot be decoded: not UTF-8 "
        "(byte 0xe9 at byte offset 3, line 1: invalid continuation byte), "
        f"and not GB18030 either; {HINT}"
    )


def test_decode_crlf_and_cr_normalised() -> None:
    assert decode(b"a\r\nb\rc\n\r\nd", "a.txt") == ("a\nb\nc\n\nd", "utf-8")


@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n\r"),
        min_size=1,
    )
)
def test_decode_utf8_round_trip(text: str) -> None:
    assume(text.replace("\ufeff", "").strip())
    assume(not text.startswith("\ufeff"))
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decode(text.encode("utf-8"), "p.txt") == (expected, "utf-8")


# --------------------------------------------------------------------------- discover


def test_discover_directory_recursive_sorted(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", "b")
    write(root / "a.md", "a")
    write(root / "sub" / "c.txt", "c")
    write(root / "sub" / "deeper" / "e.md", "e")
    write(root / "upper.TXT", "u")
    write(root / "notes.rst", "ignored")
    write(root / "image.png", b"\x89PNG")
    write(root / ".git" / "HEAD.txt", "hidden dir")
    write(root / "sub" / ".cache" / "x.md", "hidden dir")
    write(root / ".draft.md", "hidden file")
    files, skipped = discover([str(root)])
    assert files == [
        os.path.join(str(root), "a.md"),
        os.path.join(str(root), "b.txt"),
        os.path.join(str(root), "sub", "c.txt"),
        os.path.join(str(root), "sub", "deeper", "e.md"),
        os.path.join(str(root), "upper.TXT"),
    ]
    assert skipped == []


def test_discover_keeps_the_form_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "docs" / "a.txt", "a")
    monkeypatch.chdir(tmp_path)
    assert discover(["docs/"]) == (["docs/a.txt"], [])
    assert discover(["./docs"]) == (["./docs/a.txt"], [])
    assert discover(["docs/../docs/a.txt"]) == (["docs/../docs/a.txt"], [])


def test_discover_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    assert discover([missing]) == (
        [],
        [Skipped(missing, "no such file or directory; check the path")],
    )


def test_discover_directory_without_text_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other"
    write(other / "x.pdf", b"%PDF")
    write(other / ".git" / "a.txt", "hidden")
    reason = "directory has no .txt or .md files; add some, or name the files to read explicitly"
    assert discover([str(empty), str(other)]) == (
        [],
        [Skipped(str(empty), reason), Skipped(str(other), reason)],
    )


def test_discover_explicit_file_any_suffix(tmp_path: Path) -> None:
    rst = write(tmp_path / "article.rst", "text")
    no_suffix = write(tmp_path / "README", "text")
    assert discover([rst, no_suffix]) == ([rst, no_suffix], [])


def test_discover_mixed_order_and_duplicates(tmp_path: Path) -> None:
    a = write(tmp_path / "d" / "a.txt", "a")
    b = write(tmp_path / "b.md", "b")
    missing = str(tmp_path / "missing.txt")
    files, skipped = discover([b, str(tmp_path / "d"), missing, a, b])
    assert files == [b, a]
    assert skipped == [Skipped(missing, "no such file or directory; check the path")]


def test_discover_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert discover([str(link)]) == (
        [],
        [Skipped(str(link), "broken symbolic link; point it at an existing file or remove it")],
    )


def test_discover_unlistable_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "corpus"
    good = write(root / "a.txt", "a")
    write(root / "locked" / "b.txt", "b")
    locked_dir = tmp_path / "locked_root"
    locked_dir.mkdir()
    locked = {str(root / "locked"), str(locked_dir)}
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path in locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    reason = "cannot list directory (Permission denied); check its permissions"
    assert discover([str(root), str(locked_dir)]) == (
        [good],
        [Skipped(str(root / "locked"), reason), Skipped(str(locked_dir), reason)],
    )


# --------------------------------------------------------------------------- read_document


def test_read_document(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.txt",
        "大模型的数推分离\r\n\r\n发布时间:2024年3月5日 10:00\r\n\r\n数推分离是一种架构。\r\n",
    )
    assert read_document(path) == Document(
        source=path,
        text="大模型的数推分离\n\n发布时间:2024年3月5日 10:00\n\n数推分离是一种架构。\n",
        encoding="utf-8",
        title="大模型的数推分离",
        date="2024-03-05",
    )


def test_read_document_markdown_with_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "# 人工智慧\n\n2024/01/05 大型語言模型。\n".encode("big5"))
    assert read_document(path, encoding="big5") == Document(
        source=path,
        text="# 人工智慧\n\n2024/01/05 大型語言模型。\n",
        encoding="big5",
        title="人工智慧",
        date="2024-01-05",
    )


def test_read_document_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as info:
        read_document(str(tmp_path))
    assert info.value.path == str(tmp_path)
    assert (
        info.value.reason == "cannot read file (Is a directory); check that it is a readable file"
    )


def test_read_document_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "gone.txt")
    with pytest.raises(CorpusError) as info:
        read_document(path)
    assert info.value.reason == (
        "cannot read file (No such file or directory); check that it is a readable file"
    )


def test_read_document_decode_error_names_the_path(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    with pytest.raises(CorpusError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: file is empty (0 bytes); add text to it or leave it out"


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_read_document_seeds_are_utf8(seed: str) -> None:
    path = str(SEEDS / seed)
    document = read_document(path)
    assert document.encoding == "utf-8"
    assert document.text == (SEEDS / seed).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- iter_documents


def test_iter_documents_reports_skips_and_yields_good_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    good_a = write(root / "a.txt", "第一篇文章的标题\n正文。\n")
    empty = write(root / "b.txt", b"")
    binary = write(root / "c.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good_d = write(root / "sub" / "d.md", "---\ntitle: 第二篇\ndate: 2023-12-27\n---\n正文。\n")
    bad = write(root / "e.txt", b"abc \xff\xfe")
    missing = str(tmp_path / "missing")
    skips: list[Skipped] = []
    documents = list(iter_documents([str(root), missing], on_skip=skips.append))
    assert [(d.source, d.title, d.date) for d in documents] == [
        (good_a, "第一篇文章的标题", None),
        (good_d, "第二篇", "2023-12-27"),
    ]
    assert skips == [
        Skipped(missing, "no such file or directory; check the path"),
        Skipped(empty, "file is empty (0 bytes); add text to it or leave it out"),
        Skipped(binary, BINARY_NUL),
        Skipped(
            bad,
            "cannot be decoded: not UTF-8 (byte 0xff at byte offset 4, line 1: "
            f"invalid start byte), and not GB18030 either; {HINT}",
        ),
    ]


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", "第一篇文章")
    second = write(tmp_path / "b.txt", "第二篇文章")
    documents = iter_documents([str(tmp_path)])
    assert next(documents).source == first
    # The second file is read only when asked for: removing it now makes it a skip.
    os.remove(second)
    assert list(documents) == []


def test_iter_documents_without_on_skip(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "文章标题在此")
    write(tmp_path / "b.txt", b"   ")
    documents = list(iter_documents([str(tmp_path), str(tmp_path / "nope")]))
    assert [d.source for d in documents] == [good]


def test_iter_documents_passes_the_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "big5.txt", BIG5_TEXT.encode("big5"))
    skips: list[Skipped] = []
    assert [d.text for d in iter_documents([path], "big5", skips.append)] == [BIG5_TEXT]
    assert skips == []


# --------------------------------------------------------------------------- title and date

SEED_METADATA = [
    (
        "000_dda3aaab7d7aff78.txt",
        "2024年人工智能展望:大模型的同质化问题与应用创新 | 海斌深度对话",
        "2023-12-27",
    ),
    (
        "001_5523c2553bd12616.txt",
        "给GPT焦虑降降温,中美AI之间有差距但可开创“中国派”",
        "2023-04-06",
    ),
    ("002_4640ad9771b79dea.txt", "AI的小时代:激情与焦虑共存", None),
    (
        "003_9d6acc91146818e6.txt",
        "从“造锤子”到“找钉子”,大模型这一年走慢了吗?",
        "2024-12-11",
    ),
    ("004_6020023c1dea2cdd.txt", "大模型应用,必须警惕“速成幻觉”", None),
]


@pytest.mark.parametrize(("seed", "title", "date"), SEED_METADATA)
def test_seed_metadata(seed: str, title: str, date: str | None) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert find_title(text, ".txt") == title
    assert find_date(text) == date
    document = read_document(str(SEEDS / seed))
    assert (document.title, document.date) == (title, date)


FRONT_MATTER = (
    "---\n"
    'title: "Scaling Law 综述"\n'
    "date: 2023-12-27T08:00:00+08:00\n"
    "tags: [llm]\n"
    "---\n"
    "# 别的标题\n"
    "\n"
    "发布于 2024-01-01。\n"
)

METADATA_CASES = [
    pytest.param(
        "人工智慧的新時代\n發佈時間:2024年3月5日 10:00\n\n大型語言模型正在改變世界。\n",
        ".txt",
        "人工智慧的新時代",
        "2024-03-05",
        id="traditional-chinese",
    ),
    pytest.param(FRONT_MATTER, ".md", "Scaling Law 综述", "2023-12-27", id="md-front-matter"),
    pytest.param(
        "---\ntitle: '单引号标题'\nauthor: x\n---\n正文 2022/1/2。\n",
        ".md",
        "单引号标题",
        "2022-01-02",
        id="md-front-matter-title-only",
    ),
    pytest.param(
        "# 大模型推理优化 #\n\n作者:张三 2024/01/05\n\n正文。\n",
        ".md",
        "大模型推理优化",
        "2024-01-05",
        id="md-heading",
    ),
    pytest.param(
        "## 小节标题在此\n\n正文。\n", ".md", "小节标题在此", None, id="md-subheading-marks-removed"
    ),
    pytest.param(
        "# 注释不是标题\n正文在这里。\n", ".txt", "# 注释不是标题", None, id="txt-hash-line"
    ),
    pytest.param(
        "大模型的数推分离\n\n数推分离是一种架构。\n", ".txt", "大模型的数推分离", None, id="no-date"
    ),
    pytest.param(
        "2024年人工智能展望\n\n正文没有日期。\n", ".txt", "2024年人工智能展望", None, id="year-only"
    ),
    pytest.param("标题一二\n2023.12.27\n", ".txt", "标题一二", "2023-12-27", id="dots"),
    pytest.param(
        "今日要闻标题\n2023 年 2 月 3 号 星期五\n",
        ".txt",
        "今日要闻标题",
        "2023-02-03",
        id="nian-yue",
    ),
    pytest.param(
        "标题在这里吧\n日期 2023-02-30 无效,2023-03-01 有效\n",
        ".txt",
        "标题在这里吧",
        "2023-03-01",
        id="invalid-date-skipped",
    ),
    pytest.param(
        "News title here\n1850-01-01 is too old, 2023/13/01 is no month\n",
        ".txt",
        "News title here",
        None,
        id="out-of-range",
    ),
    pytest.param(
        "版本号 1.2023.12.277 不是日期\n",
        ".txt",
        "版本号 1.2023.12.277 不是日期",
        None,
        id="not-a-date",
    ),
    pytest.param(
        "• 首页\n- 科技\n* 正文\n标题在这里\n\n来源:某某网 2024-01-01 08:00\n正文。\n",
        ".txt",
        "标题在这里",
        "2024-01-01",
        id="bullets-skipped",
    ),
    pytest.param(
        "2024-05-06 10:00\n这是一篇文章的标题\n正文。\n",
        ".txt",
        "这是一篇文章的标题",
        "2024-05-06",
        id="date-first",
    ),
    pytest.param(
        "AI\n大模型来了吗?\n正文。\n", ".txt", "大模型来了吗?", None, id="short-line-skipped"
    ),
    pytest.param(
        "• 导航\n我们知道,这是正文的第一句。\n真正的标题\n正文。\n",
        ".txt",
        "真正的标题",
        None,
        id="body-sentence-passed-over",
    ),
    pytest.param(
        "第一句话是这样的。\n第二句话。\n",
        ".txt",
        "第一句话是这样的。",
        None,
        id="only-sentences",
    ),
    pytest.param(
        "标题甲乙丙\n他说:“这是正文。”\n2023年12月27日\n",
        ".txt",
        "标题甲乙丙",
        "2023-12-27",
        id="quoted-sentence-before-date",
    ),
    pytest.param("长" * 130 + "\n正文。\n", ".txt", "长" * 119 + "…", None, id="truncated"),
    pytest.param("• 注册\n- 登录\nAI\n", ".txt", None, None, id="no-title"),
    pytest.param(
        "".join(f"第{i}行内容\n" for i in range(15)) + "2023-12-27\n",
        ".txt",
        "第0行内容",
        None,
        id="date-after-head",
    ),
]


@pytest.mark.parametrize(("text", "suffix", "title", "date"), METADATA_CASES)
def test_title_and_date(text: str, suffix: str, title: str | None, date: str | None) -> None:
    assert find_title(text, suffix) == title
    assert find_date(text) == date


def test_front_matter_title_in_txt_file() -> None:
    assert find_title(FRONT_MATTER, ".txt") == "Scaling Law 综述"


def test_md_suffix_is_case_insensitive() -> None:
    assert find_title("# 标题大写后缀\n", ".MD") == "标题大写后缀"
