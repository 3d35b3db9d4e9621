"""Chinese copy quality: every Chinese value of the content files and the interface catalogue.

Reads the YAML data files and the .po directly (no database, so it is fast) and fails on:

- half-width punctuation in Chinese text: ASCII quotes " ' and , : ; ( ) ? ! (Latin names,
  URLs, format placeholders such as ``%(name)s`` / ``{name}`` and markup are left out first);
- a variant that locale/GLOSSARY.md forbids (its "Forbidden variants" table);
- an interface string whose Chinese differs from locale/GLOSSARY.md's "Interface terms";
- English words other than the proper names and acronyms of ``LATIN_ALLOWED``;
- a Chinese value identical to its English one (except the names of ``SAME_IN_BOTH``).

``test_each_rule_catches_a_bad_value`` feeds every rule a bad sample, so a rule that stops
catching anything fails too.
"""

import re
from pathlib import Path

import polib
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT_FILES = [
    ROOT / "strategy" / "content" / "strategic_plan.yaml",
    ROOT / "partnerships" / "content" / "cooperation.yaml",
    ROOT / "pages" / "content" / "site.yaml",
    ROOT / "news" / "content" / "news.yaml",
]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
GLOSSARY = ROOT / "locale" / "GLOSSARY.md"
# Keys whose values are addresses, not text.
NOT_TEXT_KEYS = {"slug"}

# Latin words a Chinese text may carry: partner names and acronyms the Chinese site writes in
# Latin letters, and the "I" of 四个“I”. Add a word here only when it is such a name.
LATIN_ALLOWED = {
    "ACP",  # 学术临床项目（ACP）
    "AI",
    "BMS",
    "FEI",  # FEI公司
    "GE",  # GE医疗
    "GSK",
    # Names of formats readers subscribe with.
    "Atom",
    "iCalendar",
    "ICP",  # ICP 备案号 (the licence's own name)
    "I",  # 四个“I”
    "IDG",
    "JHU",
    "MD",
    "RAAS",
    "UPMC",  # 匹兹堡大学医学中心（UPMC）
    "UW",
    # Social networks written in Latin letters on Chinese sites too.
    "X",
    "Twitter",
    "YouTube",
}
# Values that are rightly the same in both languages: names written in Latin letters.
SAME_IN_BOTH = {"IDG", "JHU", "UW", "YouTube"}

PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sdf]|%%|%[sd]|\{[^{}]*\}")
MARKUP = re.compile(r"<[^<>]+>")
# Addresses, with or without a scheme (beian.miit.gov.cn).
URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com|org|net)\b")
# A Latin name may carry its own punctuation ("Johnson & Johnson", "St. Jude's"): left out
# before the punctuation check, then checked word by word against LATIN_ALLOWED.
LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9&.'’\- ]*[A-Za-z0-9.])?")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
HALF_WIDTH = re.compile(r"[\"',:;()?!]")


# Reading the values -----------------------------------------------------------------------


def pairs_in(node, where=""):
    """(where, English, Chinese) for every {en, zh_hans} pair in a YAML tree; lists of
    paragraphs pair up by position."""
    if isinstance(node, dict):
        if "zh_hans" in node and "en" in node:
            en, zh = node["en"], node["zh_hans"]
            if isinstance(zh, list):
                for i, value in enumerate(zh):
                    yield f"{where}[{i}]", en[i] if i < len(en) else "", value
            else:
                yield where, en, zh
            return
        for key, value in node.items():
            if key not in NOT_TEXT_KEYS:
                yield from pairs_in(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from pairs_in(value, f"{where}[{i}]")


def content_pairs():
    for path in CONTENT_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, en, zh in pairs_in(data):
            if zh:
                yield f"{path.relative_to(ROOT)}:{where}", en, zh


def catalogue_pairs():
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete or not entry.msgid:
            continue
        label = f"django.po:{entry.msgctxt + '|' if entry.msgctxt else ''}{entry.msgid}"
        if entry.msgid_plural:
            for zh in entry.msgstr_plural.values():
                yield label, entry.msgid_plural, zh
        elif entry.msgstr:
            yield label, entry.msgid, entry.msgstr


def all_pairs():
    return list(content_pairs()) + list(catalogue_pairs())


def glossary_table(heading):
    """Rows (as lists of cells) of the first table under ``## heading`` in GLOSSARY.md."""
    rows, inside = [], False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line[3:].strip() == heading
            continue
        if inside and line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
    return rows[1:]  # without the header row


FORBIDDEN = {row[0]: row[1] for row in glossary_table("Forbidden variants")}


# The rules: each returns a list of problems (empty when the value is fine) -------------------


def prose(zh):
    """The Chinese text without what is not Chinese prose: placeholders, markup, URLs."""
    return URL.sub(" ", MARKUP.sub(" ", PLACEHOLDER.sub(" ", zh)))


def half_width_punctuation(en, zh):
    rest = LATIN_RUN.sub(" ", prose(zh))
    return [f"half-width {mark!r}" for mark in sorted(set(HALF_WIDTH.findall(rest)))]


def forbidden_variants(en, zh):
    return [f"{bad!r}: use {good!r}" for bad, good in FORBIDDEN.items() if bad in zh]


def english_words(en, zh):
    words = LATIN_WORD.findall(prose(zh))
    return [f"English word {w!r}" for w in words if w.strip("'’-") not in LATIN_ALLOWED]


def identical_to_english(en, zh):
    # Numbers (the home page's key figures) are written the same in both languages.
    same = (
        isinstance(en, str)
        and zh.strip() == en.strip()
        and zh.strip() not in SAME_IN_BOTH
        and not zh.strip().isdigit()
    )
    return [f"identical to the English {en!r}"] if same else []


RULES = {
    "punctuation": half_width_punctuation,
    "forbidden": forbidden_variants,
    "english": english_words,
    "identical": identical_to_english,
}


# Tests -------------------------------------------------------------------------------------


def test_the_files_are_read():
    pairs = all_pairs()
    assert len(FORBIDDEN) >= 10
    assert sum(1 for where, _en, _zh in pairs if where.startswith("django.po")) > 150
    for path in CONTENT_FILES:
        assert any(where.startswith(str(path.relative_to(ROOT))) for where, _en, _zh in pairs)


@pytest.mark.parametrize("rule", RULES)
def test_every_chinese_value_follows_the_rule(rule):
    check = RULES[rule]
    problems = [
        f"{where}: {problem} in {zh!r}"
        for where, en, zh in all_pairs()
        for problem in check(en, zh)
    ]
    assert problems == []


def test_interface_strings_use_the_glossary_terms():
    catalogue = {
        e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE)) if not e.msgctxt and e.msgstr
    }
    mismatches = []
    for english, chinese, *_where in glossary_table("Interface terms"):
        terms = list(zip(english.split(" / "), chinese.split(" / "), strict=False))
        for msgid, msgstr in terms:
            if msgid in catalogue and catalogue[msgid] != msgstr:
                mismatches.append(f"{msgid!r}: {catalogue[msgid]!r}, glossary {msgstr!r}")
    assert mismatches == []
    assert catalogue["Capability"] == "支撑能力"  # the table is really read


def test_goal_titles_follow_the_glossary():
    row = next(
        row
        for row in glossary_table("Strategic plan terms (strategy/content/strategic_plan.yaml)")
        if row[0].startswith("The six goals")
    )
    plan = yaml.safe_load(CONTENT_FILES[0].read_text(encoding="utf-8"))
    assert [goal["title"]["zh_hans"] for goal in plan["goals"]] == row[1].split(" / ")


@pytest.mark.parametrize(
    ("rule", "en", "zh"),
    [
        ("punctuation", 'The Four "I"s', '我们的战略路径：四个"I"'),
        ("punctuation", "Innovation, Integration", "创新, 融合"),
        ("punctuation", "As our plan affirms:", "正如本规划所言:"),
        ("punctuation", "Academic Clinical Programs (ACP)", "学术临床项目(ACP)"),
        ("punctuation", "Why?", "为什么?"),
        ("punctuation", "Now!", "现在!"),
        ("punctuation", "One; two", "一; 二"),
        ("punctuation", "It's", "清华'医学'"),
        ("punctuation", "%(field)s (%(label)s)", "%(field)s (%(label)s)"),
        ("forbidden", "Rooted in China, …", "立足中国、面向世界、放眼未来"),
        ("forbidden", "Investing in Our People", "投资于我们的人才"),
        ("forbidden", "Partnerships", "合作伙伴关系"),
        ("forbidden", "IDG", "IDG资本"),
        ("forbidden", "education, research and care", "融合教育、研究与医疗"),
        ("english", "Our mission", "我们的 mission"),
        ("english", "Also known as", "简称 Weill Cornell Medicine"),
        ("english", "Johns Hopkins University", "Johns Hopkins University"),
        ("identical", "Overview", "Overview"),
        ("identical", "MD education", "MD education"),
    ],
)
def test_each_rule_catches_a_bad_value(rule, en, zh):
    assert RULES[rule](en, zh), f"{rule} let {zh!r} through"


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ('Our Strategic Approach: The Four "I"s', "我们的战略路径：四个“I”"),
        ("%(counter)s result for “%(query)s”", "找到 %(counter)s 条与“%(query)s”相关的结果"),
        ("Overall: <strong>%(percent)s %%</strong>", "总体完成度：<strong>%(percent)s%%</strong>"),
        ("<code>%(field)s</code> (%(label)s)", "<code>%(field)s</code>（%(label)s）"),
        ("FEI", "FEI公司"),
        ("IDG", "IDG"),
        ("Academic Clinical Programs (ACP)", "学术临床项目（ACP）"),
        ("See https://www.jhu.edu/", "参见 https://www.jhu.edu/"),
    ],
)
def test_good_values_pass_every_rule(en, zh):
    assert {rule: check(en, zh) for rule, check in RULES.items() if check(en, zh)} == {}
