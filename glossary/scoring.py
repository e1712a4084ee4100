"""Candidates → ranked glossary entries.

Each termhood signal is a small pure function of a candidate and the corpus counts; the
signals that fired are recorded on the entry so a person can see why a term was kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from glossary.candidates import Candidate, CandidateTable
from glossary.lexicon import (
    EDGE_CHARS,
    FUNCTION_WORDS,
    ORGANISATION_SUFFIXES,
    ROLE_WORDS,
    SPEECH_VERBS,
    TECH_HEADS,
    TERM_HEAD_CHARS,
    TERM_PREFIXES,
)
from glossary.limits import CONTEXTS_PER_ENTRY
from glossary.models import Context, Entry, Lang
from glossary.pair_boundaries import refile_pairs
from glossary.segment import Segmenter
from glossary.text import canonical_key, is_han, script_of, to_simplified
from glossary.types import term_type

# jieba tags of words that name things: nouns, names, organisations, nominal verbs.
_NOMINAL_TAGS = frozenset({"n", "nz", "nt", "nr", "nrt", "nrfg", "ns", "vn", "eng", "an", "l", "j"})
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
_PROPER_TAGS = frozenset({"nz", "nt", "nrt", "nr", "nrfg", "eng"})
_VERBAL_TAGS = frozenset({"v", "d", "p", "c", "u", "r", "m", "q", "ad", "vd", "t", "f"})
_GENERIC_LATIN = frozenset({"ai", "it", "ceo", "cto", "app"})
# jieba dictionary counts: a part this frequent is general language (企业, 公司, 技术) …
_GENERAL_WORD = 2000
# Cohesion above which a recurring compound counts as one unit whatever its parts.
_FUSED = 0.8
# jieba count above which a verb or adverb is everyday language (接受, 支持, 进入).
_COMMON_VERB = 3000
# Kept keys longer than this are not searched for fragments (a sentence-long Latin run).
_LONGEST_CONTAINER = 24

# (uses, documents, specificity): 300 times the usual rate in several documents, 600 times
# when used only twice, 1000 times when in one document.
_DOMAIN_WORD_EVIDENCE = ((3, 2, 2.5), (2, 2, 2.8), (4, 1, 3.0))

_DICTIONARY_TOTAL = 60_101_967  # sum of jieba's dictionary counts: the background corpus size


@dataclass(frozen=True, slots=True)
class ScoringOptions:
    """Which candidates become entries."""

    min_termhood: float = 0.5  # how term-like a candidate must be to be kept at all
    min_score: float = 0.0  # the lowest ranking score (the ``score`` written out) kept


class Features:
    """What termhood reads of one candidate and the corpus counts; made once, never changed.

    A plain class, not a frozen dataclass: compiled (mypyc), a dataclass's generated
    ``__init__`` stays interpreted, and one is made for every candidate (a seventh of the
    scoring time).
    """

    __slots__ = (
        "background",
        "cohesion",
        "count",
        "doc_count",
        "left_variety",
        "modifier_count",
        "pos",
        "right_variety",
        "specificity",
        "words",
    )

    def __init__(
        self,
        *,
        count: int,
        doc_count: int,
        background: int,
        pos: str | None,
        words: int,
        cohesion: float,
        left_variety: float,
        right_variety: float,
        specificity: float,
        modifier_count: int = 0,
    ) -> None:
        self.count = count
        self.doc_count = doc_count
        self.background = background  # jieba dictionary count of the whole surface (0: unknown)
        self.pos = pos
        self.words = words
        self.cohesion = cohesion  # count / count of the rarer part, 1.0 for one word
        self.left_variety = left_variety  # distinct left neighbours per occurrence
        self.right_variety = right_variety
        self.specificity = specificity  # log ratio of corpus to background relative frequency
        self.modifier_count = modifier_count  # uses of the words before the head


def features(candidate: Candidate, table: CandidateTable, segmenter: Segmenter) -> Features:
    surface = _simplified(candidate)  # jieba's dictionary is Simplified (機器 is 机器)
    background = segmenter.dictionary_frequency(surface)
    parts = candidate.parts
    if len(parts) > 1:
        left_part = table.sequences.get("".join(parts[:-1]), 0) or candidate.count
        right_part = table.sequences.get("".join(parts[1:]), 0) or candidate.count
        cohesion = candidate.distinct / min(left_part, right_part)
    else:
        cohesion = 1.0
    corpus_rate = candidate.distinct / max(table.tokens, 1)
    background_rate = (background + 1) / _DICTIONARY_TOTAL
    return Features(
        count=candidate.distinct,
        doc_count=len(candidate.docs),
        background=background,
        pos=segmenter.pos(surface),
        words=len(parts),
        cohesion=min(cohesion, 1.0),
        left_variety=_variety(candidate.left, candidate.count),
        right_variety=_variety(candidate.right, candidate.count),
        specificity=math.log10(corpus_rate / background_rate),
        modifier_count=table.sequences.get("".join(parts[:-1]), 0) if len(parts) > 1 else 0,
    )


def _simplified(candidate: Candidate) -> str:
    """The candidate's surface in Simplified characters, for dictionary look-ups."""
    return to_simplified(candidate.surface)


def _variety(neighbours: dict[str, int], count: int) -> float:
    """Distinct neighbours per occurrence; a sentence edge counts as a new neighbour each time."""
    distinct = len([n for n in neighbours if n]) + neighbours.get("", 0)
    return distinct / count if count else 0.0


def termhood(candidate: Candidate, f: Features, segmenter: Segmenter) -> tuple[float, list[str]]:
    """A score in [0, 1] and the names of the signals behind it."""
    signals = set(candidate.signals)
    if "pair" in signals or "curated" in signals:
        return 1.0, sorted(signals)
    if "latin" in signals:
        return (0.9 if f.count > 1 or f.doc_count > 1 else 0.7), sorted(signals)
    if "person" in signals and (f.background == 0 or f.pos in _NAME_TAGS):
        return 0.8, sorted(signals)
    if "employer" in signals:
        return 0.7, sorted(signals)
    if any(part in ROLE_WORDS or part in SPEECH_VERBS for part in candidate.parts):
        return 0.0, sorted(signals)  # 副总裁, 研发人员告诉记者: titles and reported speech
    score = 0.0
    recurrence = min(1.0, math.log2(f.count + 1) / 3) * 0.2 + (0.1 if f.doc_count > 1 else 0.0)
    if f.words == 1:
        if (
            f.background == 0
            and f.count >= 2
            and _clean_new_word(_simplified(candidate))
            and not _fragment(candidate)
        ):
            signals.add("new-word")
            score = 0.5 + recurrence
        elif f.pos in _PROPER_TAGS and f.count >= 2:
            signals.add("proper-noun")
            score = 0.5 + recurrence
        elif f.pos in _NOMINAL_TAGS and _domain_word(f):
            signals.add("domain-word")
            score = 0.4 + recurrence
    elif f.background == 0 and _technical_word(candidate.parts):
        signals.add("technical-word")
        score = 0.5 + recurrence
    elif f.background == 0 and not _odd_mixture(candidate.parts, segmenter):
        mixed = any(not is_han(p[0]) for p in candidate.parts)
        rarest = min(_part_frequency(p, segmenter) for p in candidate.parts)
        free = min(f.left_variety, f.right_variety)
        well_formed = _well_formed_compound(candidate.parts, segmenter)
        fused = f.count >= 2 and f.cohesion >= _FUSED and free >= 0.3
        if _free_composition(candidate.parts, f, segmenter):
            signals.add("free-composition")  # 大模型技术, 大模型落地: a term plus a plain noun
        elif fused and _starts_well(candidate) and _no_common_verb_edge(candidate.parts, segmenter):
            # The parts occur almost only together: a unit of its own (大模型, 数推分离).
            signals.add("fused-compound")
            score = 0.5 + 0.2 * f.cohesion + recurrence
        elif well_formed and f.count >= 2 and f.cohesion >= 0.2 and free >= 0.3:
            clean = _starts_well(candidate) and _simplified(candidate)[-1] not in EDGE_CHARS
            if (
                rarest < _GENERAL_WORD
                and clean
                and _no_common_verb_edge(candidate.parts, segmenter)
            ):
                signals.add("compound")
                score = 0.4 + 0.2 * f.cohesion + recurrence
        elif well_formed and f.count == 1 and _names_an_organisation(candidate.parts, segmenter):
            signals.add("organisation")
            score = 0.5

        if mixed and score:
            signals.add("mixed")
    return min(score, 1.0), sorted(signals)


def _domain_word(f: Features) -> bool:
    """A dictionary word the corpus uses far more than general language does: the rarer
    the evidence (fewer uses, one document), the higher the rate it must reach."""
    return any(
        f.count >= count and f.doc_count >= docs and f.specificity >= specificity
        for count, docs, specificity in _DOMAIN_WORD_EVIDENCE
    )


# One-character heads that make a thing of a technical word (测试集, 优化器, 模型层, 数据库);
# 化, 性, 端, 型 … make qualities and sides (智能化, 推理端), not things.
_THING_HEAD_CHARS = frozenset("层体链器网图库码元集")


def _technical_word(parts: tuple[str, ...]) -> bool:
    """A technical word and a one-character head: a term even when seen once (训练集)."""
    return len(parts) == 2 and parts[0] in TECH_HEADS and parts[1] in _THING_HEAD_CHARS


def _part_frequency(part: str, segmenter: Segmenter) -> int:
    """How general a part is: jieba's count, with Latin words and one-char prefixes neutral."""
    if not is_han(part[0]):
        return 0 if part.casefold() not in _GENERIC_LATIN else _GENERAL_WORD
    if len(part) == 1:
        return _GENERAL_WORD
    return segmenter.dictionary_frequency(part)


def _clean_new_word(word: str) -> bool:
    """An unknown word from jieba's HMM, unless it is a fragment glued to a function
    character (有大, 体将, 更高): those are segmentation slips, not new words."""
    return len(word) >= 2 and word[0] not in EDGE_CHARS and word[-1] not in EDGE_CHARS


def _names_an_organisation(parts: tuple[str, ...], segmenter: Segmenter) -> bool:
    """``旷视科技``, ``蚂蚁集团``, ``戴尔科技集团``: a name-like part before organisation
    suffixes. A rare place name counts as a name (百川智能); a common one does not
    (中国科技)."""
    if len(parts) < 2 or not all(p in ORGANISATION_SUFFIXES for p in parts[1:]):
        return False
    name = parts[0]
    if not is_han(name[0]) or len(name) < 2:
        return False
    frequency = segmenter.dictionary_frequency(name)
    proper = segmenter.pos(name) in {*_PROPER_TAGS, "ns"}
    return frequency == 0 or (proper and frequency < _GENERAL_WORD)


def _fragment(candidate: Candidate) -> bool:
    """A piece of a longer word: the same Han character always stands next to it on one
    side (卢冠|男, 飞星|一号, 月之|暗面)."""
    for neighbours in (candidate.left, candidate.right):
        words = [w for w in neighbours if w]
        if len(words) == 1 and neighbours[words[0]] == candidate.count and is_han(words[0][0]):
            return True
    return False


def _free_composition(parts: tuple[str, ...], f: Features, segmenter: Segmenter) -> bool:
    """A frequent term followed by an everyday noun (大模型 + 技术, 落地, 行业, 竞争): the
    words before the head stand alone far more often than with it."""
    head = parts[-1]
    if len(parts) < 2 or head in TECH_HEADS or head in ORGANISATION_SUFFIXES:
        return False
    if head in TERM_HEAD_CHARS:
        return False  # 数据集, 智能体: a one-character head makes a word, not a phrase
    everyday = segmenter.dictionary_frequency(head) >= _COMMON_VERB
    return everyday and f.modifier_count >= 3 * f.count


def _starts_well(candidate: Candidate) -> bool:
    """Not opened by a verb or adverb of jieba's dictionary (做大模型, 对大模型)."""
    return _simplified(candidate)[0] not in EDGE_CHARS


def _no_common_verb_edge(parts: tuple[str, ...], segmenter: Segmenter) -> bool:
    """Not opened by a common verb or adverb (接受第一财经, 支持图像输入, 仍未公开), and no
    word inside is an unknown word glued to a function character (体将, 有大: slips of
    jieba's HMM)."""
    first = parts[0]
    common = segmenter.dictionary_frequency(first) >= _COMMON_VERB
    if first not in TERM_PREFIXES and segmenter.pos(first) in _VERBAL_TAGS and common:
        return False
    return not any(_hmm_slip(part, segmenter) for part in parts)


def _odd_mixture(parts: tuple[str, ...], segmenter: Segmenter) -> bool:
    """A Chinese word run into a Latin term that is not one term with it.

    A mixed term ends in a short generic acronym after a modifier (生成式AI, 豆包AI) or
    opens with a Latin modifier before a Chinese noun (AI大模型, TI平台). A verb or a place
    before a Latin name (热议OpenAI, 通往AGI, 中国AI), a category before a model name
    (语言模型GPT-4) or a verb after a Latin word (AI替代) is not.
    """
    latin = [i for i, p in enumerate(parts) if not is_han(p[0])]
    if not latin:
        return False
    if latin[-1] == len(parts) - 1:
        last = parts[-1]
        generic = len(last) <= 3 and last.isupper() and last not in ROLE_WORDS
        before = segmenter.pos(parts[-2]) if len(parts) > 1 else None
        return not generic or before in _VERBAL_TAGS or before == "ns"
    head = parts[-1]
    return segmenter.pos(head) in _VERBAL_TAGS and head not in TECH_HEADS


def _hmm_slip(part: str, segmenter: Segmenter) -> bool:
    return (
        len(part) >= 2
        and is_han(part[0])
        and segmenter.dictionary_frequency(part) == 0
        and (part[0] in EDGE_CHARS or part[-1] in EDGE_CHARS)
    )


def _well_formed_compound(parts: tuple[str, ...], segmenter: Segmenter) -> bool:
    """No verb or place word first (接受第一财经, 国内大模型) and a nominal head (not
    大模型落地 … 放缓)."""
    first, head = segmenter.pos(parts[0]), parts[-1]
    if first in _VERBAL_TAGS or first == "s":
        return False  # 接受第一财经, 国内大模型: a verb or a place word (国内, 海外) first
    if not is_han(head[0]) or head in TERM_HEAD_CHARS or head in TECH_HEADS:
        return True
    head_pos = segmenter.pos(head)
    return head_pos is None or head_pos in _NOMINAL_TAGS


def score_candidates(
    table: CandidateTable, segmenter: Segmenter, options: ScoringOptions
) -> list[Entry]:
    refile_pairs(table, segmenter)
    scored: dict[str, tuple[float, list[str]]] = {}
    for key, candidate in table.candidates.items():
        scored[key] = termhood(candidate, features(candidate, table, segmenter), segmenter)
    kept = {key for key, (score, _) in scored.items() if score >= options.min_termhood}
    named = named_compounds(table, {k: scored[k][1] for k in kept}, segmenter)
    for key in named:
        score, signals = scored[key]
        scored[key] = (max(score, options.min_termhood), sorted({*signals, "named-compound"}))
    versioned = versioned_terms(table, kept)
    for key in versioned:
        score, signals = scored[key]
        scored[key] = (max(score, options.min_termhood), sorted({*signals, "versioned"}))
    kept.update(named, versioned)
    listed = enumeration_members(table, kept, segmenter)
    for key in listed:
        score, signals = scored[key]
        scored[key] = (max(score, options.min_termhood), sorted({*signals, "enumeration"}))
        kept.add(key)
    kept -= _subsumed(kept, table)
    spilled = table.spill.keys if table.spill is not None else set()
    entries = [_entry(table.candidates[key], *scored[key], spilled=key in spilled) for key in kept]
    entries = [
        _typed(e, segmenter) for e in _link_pairs(entries, table) if e.score >= options.min_score
    ]
    entries = _types_of_list_mates(entries, listed)
    entries = _types_of_named_compounds(entries, named, table)
    entries = [e.with_type("product") if "versioned" in e.signals else e for e in entries]
    entries.sort(key=lambda e: (-e.score, -e.count, e.term))
    return entries


_ORDINAL = re.compile(r"[一二三四五六七八九十]号")
# Signals that make a kept word a name or a coinage (百度, 闭源, 智谱), not a compound.
_NAME_SIGNALS = frozenset({"new-word", "proper-noun", "employer", "enumeration", "organisation"})


def named_compounds(
    table: CandidateTable, kept: dict[str, list[str]], segmenter: Segmenter
) -> dict[str, str]:
    """Names and coinages the corpus already vouches for, followed by technical heads:
    百度|智能|云, 腾讯云|TI|平台, 闭源|大|模型, 智谱|AI — terms even when seen once.

    The candidate must be whole: no head word follows it and no content word stands before
    it (混元AI is a piece of 腾讯混元AI大模型). ``kept`` maps each kept key to its signals;
    each compound found maps to the key of its name.
    """
    found: dict[str, str] = {}
    for key, candidate in table.candidates.items():
        parts = candidate.parts
        if key in kept or len(parts) < 2 or not _whole(candidate, segmenter):
            continue
        last = parts[-1]
        verbal = segmenter.pos(last) in _VERBAL_TAGS | {"v", "vn"}
        if not _head_word(last) or (verbal and not _ORDINAL.fullmatch(last)):
            continue
        for split in range(1, len(parts)):
            modifier = canonical_key("".join(parts[:split]))
            names = parts[:split]
            if not _is_name(modifier, kept):
                if not all(_is_name(canonical_key(p), kept) for p in names):
                    continue
                modifier = canonical_key(names[0])  # 腾讯|混元: of the kind of the first
            heads = parts[split:]
            if is_han(modifier[0]) and all(_head_word(h) or h in TERM_PREFIXES for h in heads):
                found[key] = modifier
                break
    return found


def _is_name(key: str, kept: dict[str, list[str]]) -> bool:
    """A kept name or coinage (腾讯, 混元), not a compound of words."""
    signals = set(kept.get(key, ()))
    return bool(signals & _NAME_SIGNALS) and not signals & {"compound", "fused-compound"}


def _types_of_named_compounds(
    entries: list[Entry], named: dict[str, str], table: CandidateTable
) -> list[Entry]:
    """A named compound is of its name's kind: a company's cloud or AI is the company's
    business (百度智能云, 智谱AI), its other heads its products (腾讯云TI平台); a coinage's
    compound is a concept (闭源大模型)."""
    if not named:
        return entries
    types = {canonical_key(e.term): e.type for e in entries}
    typed = []
    for entry in entries:
        modifier = named.get(canonical_key(entry.term))
        kind = types.get(modifier) if modifier else None
        last = table.candidates[canonical_key(entry.term)].parts[-1] if modifier else ""
        if _ORDINAL.fullmatch(last):
            typed.append(entry.with_type("product"))  # 飞星一号: a numbered product
        elif kind == "org":
            business = last == "云" or (last.isascii() and last.isupper())
            typed.append(entry.with_type("org" if business else "product"))
        elif kind in ("product", "concept"):
            typed.append(entry.with_type(kind))
        else:
            typed.append(entry)
    return typed


_RELEASE = re.compile(r"\d+\.\d+(\.\d+)*|[vV]\d+(\.\d+)*")


def versioned_terms(table: CandidateTable, kept: set[str]) -> list[str]:
    """A kept Chinese term followed by a release number is a product release, even when
    seen once (文心大模型|3.5, 星火|V4.0)."""
    found = []
    for key, candidate in table.candidates.items():
        parts = candidate.parts
        if key in kept or len(parts) < 2 or not _RELEASE.fullmatch(parts[-1]):
            continue
        stem = canonical_key("".join(parts[:-1]))
        if stem in kept and is_han(stem[0]):
            found.append(key)
    return found


def _head_word(part: str) -> bool:
    """A technical head (模型, 平台, 云), a short generic acronym (AI, TI) or an ordinal
    that numbers a product (飞星|一号)."""
    if part in TECH_HEADS or _ORDINAL.fullmatch(part):
        return True
    return part.isascii() and part.isupper() and len(part) <= 3 and part not in ROLE_WORDS


def _whole(candidate: Candidate, segmenter: Segmenter) -> bool:
    """Not continued by a head word on the right, nor by a content word on the left."""
    if any(_head_word(word) for word in candidate.right if word):
        return False
    return all(
        not word or word in FUNCTION_WORDS or segmenter.pos(word) in _VERBAL_TAGS
        for word in candidate.left
    )


def enumeration_members(
    table: CandidateTable, kept: set[str], segmenter: Segmenter
) -> dict[str, set[str]]:
    """Items of ``、`` lists in which most items are already terms (百度、腾讯、阿里): the
    others are taken to be terms of the same kind, if they look like a name or a term (not an
    everyday word, no function character at either edge). Each comes with the terms it was
    listed with."""
    found: dict[str, set[str]] = {}
    for items in table.lists:
        keys = [k for k in _list_keys(items, table) if k is not None]
        if len(keys) < 3:
            continue
        known = [k for k in keys if k in kept]
        if len(known) < 2 or 2 * len(known) < len(keys):
            continue
        for key in keys:
            if key in kept:
                continue
            surface = _simplified(table.candidates[key])
            everyday = segmenter.dictionary_frequency(surface) >= _GENERAL_WORD
            if not everyday and _clean_new_word(surface) and len(surface) <= 8:
                found.setdefault(key, set()).update(known)
    return found


def _types_of_list_mates(entries: list[Entry], listed: dict[str, set[str]]) -> list[Entry]:
    """An item found only by its list takes the type most of its list-mates have."""
    if not listed:
        return entries
    by_key = {canonical_key(e.term): e for e in entries}
    for e in entries:
        for surface in e.variants:
            by_key.setdefault(canonical_key(surface), e)
    typed = []
    for entry in entries:
        mates = listed.get(canonical_key(entry.term))
        if mates and entry.signals == ("enumeration", "ngram"):
            kinds = Counter(by_key[m].type for m in sorted(mates) if m in by_key)
            if kinds:
                typed.append(entry.with_type(kinds.most_common(1)[0][0]))
                continue
        typed.append(entry)
    return typed


def _list_keys(items: tuple[str, ...], table: CandidateTable) -> list[str | None]:
    """The candidate each list item names: the longest candidate ending the first item,
    the whole middle items, the longest candidate opening the last one."""
    keys: list[str | None] = []
    last = len(items) - 1
    for index, item in enumerate(items):
        if 0 < index < last:
            options = [item]
        elif index == 0:
            options = [item[i:] for i in range(max(0, len(item) - 8), len(item) - 1)]
        else:
            options = [item[:i] for i in range(min(len(item), 8), 1, -1)]
        match = next(
            (canonical_key(o) for o in options if canonical_key(o) in table.candidates), None
        )
        keys.append(match)
    return keys


_FOLLOWER = 6  # characters after an occurrence that the type rules read


def _typed(entry: Entry, segmenter: Segmenter) -> Entry:
    # Simplified forms: the suffixes and jieba's dictionary are Simplified (集團 is 集团).
    forms = [to_simplified(f) for f in (entry.zh or "", entry.en or "", *entry.variants)]
    kind = term_type(
        forms,
        entry.signals,
        pos=segmenter.pos,
        frequency=segmenter.dictionary_frequency,
        common=segmenter.glosses.common,
        # The first sentences only, as many as any run keeps in memory: a run that writes
        # every sentence types an entry as one that writes a few does.
        followers=[
            c.sentence[c.end : c.end + _FOLLOWER] for c in entry.contexts[:CONTEXTS_PER_ENTRY]
        ],
    )
    return entry.with_type(kind)


def _subsumed(kept: set[str], table: CandidateTable) -> set[str]:
    """Fragments of longer kept terms: 数推 when every 数推 stands in 数推分离.

    A Chinese candidate is dropped when a longer kept candidate contains it and accounts
    for at least 80% of its occurrences; what the text states in a pair or in Latin script
    is never dropped.
    """
    candidates = table.candidates
    droppable = {
        key for key in kept if not {"pair", "latin", "curated"} & candidates[key].signals.keys()
    }
    # For every droppable key, the highest count of a kept key containing it.
    containing: dict[str, int] = {}
    for key in kept:
        if len(key) > _LONGEST_CONTAINER:
            continue
        count = candidates[key].count
        for size in range(2, len(key)):
            for start in range(len(key) - size + 1):
                part = key[start : start + size]
                if part in droppable and containing.get(part, 0) < count:
                    containing[part] = count
    return {key for key in droppable if containing.get(key, 0) >= 0.8 * candidates[key].count}


def rank_score(termhood: float, count: int, doc_count: int) -> float:
    """The score entries are ranked by: termhood first, then how much the corpus uses the term.

    >>> rank_score(1.0, 50, 3) > rank_score(1.0, 2, 1) > rank_score(0.6, 2, 1)
    True
    """
    usage = min(1.0, math.log1p(count) / math.log1p(100))
    spread = min(1.0, (doc_count - 1) / 4)
    return 0.6 * termhood + 0.3 * usage + 0.1 * spread


def _entry(candidate: Candidate, score: float, signals: list[str], *, spilled: bool) -> Entry:
    surface = candidate.surface
    lang: Lang = script_of(surface)  # type: ignore[assignment]
    surface_counts = candidate.surfaces_by_count()
    return Entry(
        term=surface,
        zh=surface if lang != "en" else None,
        en=surface if lang == "en" else None,
        variants=tuple(s for s, _ in surface_counts),
        lang=lang,
        score=round(rank_score(score, candidate.count, len(candidate.docs)), 4),
        count=candidate.count,
        doc_count=len(candidate.docs),
        # the rows are Context's fields in order: tuple.__new__ makes each a Context without
        # the named tuple's Python-level _make
        contexts=tuple([tuple.__new__(Context, row) for row in candidate.contexts]),
        sources=tuple(sorted(candidate.docs)),
        surface_counts=tuple(surface_counts),
        signals=tuple(signals),
        spilled_from=((candidate.key, len(candidate.contexts)),) if spilled else (),
    )


def _link_pairs(entries: list[Entry], table: CandidateTable) -> list[Entry]:
    """Merge the zh and en entries of each pair the text stated into one entry.

    An English term paired with several Chinese renderings takes the most voted one as its
    ``zh`` and lists all of them, with their votes, in ``renderings``; each other rendering
    keeps its own entry, with the English as its ``en``.
    """
    by_key = {canonical_key(e.term): e for e in entries}
    renderings: dict[str, Counter[str]] = {}
    for (zh, en), votes in table.pairs.votes.items():
        if zh in by_key and en in by_key:
            renderings.setdefault(en, Counter())[zh] += votes
    merged: dict[str, Entry] = dict(by_key)
    claimed: set[str] = set()
    # Strongest pairs first, so a Chinese term goes to the English it was paired with most;
    # an expansion also counts its acronym's votes and goes first, so the acronym rides
    # along as its abbreviation (基于角色的访问控制 · Role-Based Access Control · RBAC).
    shorts = {
        en: {canonical_key(a) for a in short} for en, short in table.pairs.abbreviations.items()
    }
    acronyms = set().union(*shorts.values())

    def strength(item: tuple[str, Counter[str]]) -> tuple[int, bool]:
        en, tally = item
        tallies = [renderings[a] for a in shorts.get(en, ()) if a in renderings]
        return -max(tally[zh] + sum(t[zh] for t in tallies) for zh in tally), en in acronyms

    for en, tally in sorted(renderings.items(), key=strength):
        ranked = [(zh, n) for zh, n in tally.most_common() if zh not in claimed]
        if not ranked or en in claimed:
            continue
        best, best_votes = ranked[0]
        en_entry, zh_entry = by_key[en], by_key[best]
        claimed.update({en, best})
        merged.pop(best, None)
        merged[en] = _paired(en_entry, zh_entry, best_votes, ranked)
        # Another rendering the text gave keeps its own entry and learns its English
        # (置信度 and 置信水平 for confidence level): a look-up of either finds it.
        for other, votes in ranked[1:]:
            if other in merged and other not in claimed:
                merged[other] = _rendering_of(merged[other], en_entry, votes)
                claimed.add(other)
        for abbreviation in sorted(table.pairs.abbreviations.get(en, ())):
            key = canonical_key(abbreviation)
            if key in merged and key not in claimed:
                merged[key] = _abbreviation_of(merged[en], merged[key])
                claimed.add(key)
    return list(merged.values())


def _paired(en_entry: Entry, zh_entry: Entry, votes: int, ranked: list[tuple[str, int]]) -> Entry:
    contexts = _merge_contexts(en_entry.contexts, zh_entry.contexts)
    spilled_from: tuple[tuple[str, int], ...] = ()
    if en_entry.spilled_from or zh_entry.spilled_from:
        # Where each side's sentences are: the English side's come first, whole.
        en_count = len(en_entry.contexts)
        spilled_from = (
            (canonical_key(en_entry.term), en_count),
            (canonical_key(zh_entry.term), len(contexts) - en_count),
        )
    return Entry(
        term=en_entry.term,
        zh=zh_entry.term,
        en=en_entry.term,
        variants=tuple(dict.fromkeys(en_entry.variants + zh_entry.variants)),
        lang="mixed" if zh_entry.lang != "zh" else "zh",
        score=max(en_entry.score, zh_entry.score),
        count=en_entry.count + zh_entry.count,
        doc_count=len(set(en_entry.sources) | set(zh_entry.sources)),
        contexts=contexts,
        signals=tuple(sorted(set(en_entry.signals) | set(zh_entry.signals))),
        pair_count=votes,
        sources=tuple(sorted(set(en_entry.sources) | set(zh_entry.sources))),
        renderings=tuple(ranked),
        surface_counts=_add_counts(en_entry.surface_counts, zh_entry.surface_counts),
        spilled_from=spilled_from,
    )


def _rendering_of(zh_entry: Entry, en_entry: Entry, votes: int) -> Entry:
    """A Chinese entry paired with an English that pairs more often with another Chinese."""
    return replace(
        zh_entry,
        en=en_entry.term,
        signals=tuple(sorted({*zh_entry.signals, "pair"})),
        pair_count=votes,
    )


def _abbreviation_of(full: Entry, short: Entry) -> Entry:
    """The acronym stated with an expansion (检索增强生成(Retrieval-Augmented Generation, RAG))
    as an entry of its own, paired with the expansion's Chinese: a translator looks up RAG
    as often as the full form, and a termbase lists it as a term of the same concept."""
    return replace(
        short,
        zh=full.zh,
        lang=full.lang,
        signals=tuple(sorted({*short.signals, "abbreviation", "pair"})),
        pair_count=full.pair_count,
        renderings=full.renderings,
    )


def _add_counts(
    first: tuple[tuple[str, int], ...], second: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    total: Counter[str] = Counter(dict(first))
    total.update(dict(second))
    return tuple(total.most_common())


def _merge_contexts(first: tuple[Context, ...], second: tuple[Context, ...]) -> tuple[Context, ...]:
    """Both sides' sentences, each sentence once (a pair's sentence holds both sides)."""
    seen: set[tuple[str, int, str]] = set()
    merged = []
    for context in first + second:
        key = (context.source, context.line, context.sentence)
        if key not in seen:
            seen.add(key)
            merged.append(context)
    return tuple(merged)
