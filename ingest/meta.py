"""Plan metadata from the cleaned text: title, jurisdiction and level, period, document number,
cited parent policies. Pure functions; cost: a few regular expressions over the preamble."""

from __future__ import annotations

import re

from policygraph.ingest.clean import fold
from policygraph.ingest.knowledge import knowledge

_PLAN_WORDS = re.compile(r"方案|计划|要点|纲要|规划|意见|通知|办法|清单|分工|分解|任务表")
_PLACE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,7}?(?:自治区|特别行政区|省|市|自治州|州|盟|区|县|旗))")
_INNER_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:自治州|自治县|自治旗|市|州|盟|区|县|旗))")
_GENERIC_AREAS = ("主城区", "老城区", "新城区", "中心城区", "高新区", "开发区", "全城区", "各城区")
_NOT_PLACE_END = (
    "社区",
    "园区",
    "小区",
    "景区",
    "片区",
    "城区",
    "校区",
    "街区",
    "新区",
    "辖区",
    "地区",
    "山区",
    "牧区",
    "林区",
    "库区",
)
_ISSUED = re.compile(r"关于印发(.+?)的通知")
_YEARS = re.compile(r"(20\d\d)\s*(?:年)?\s*[-—–~～至－]+\s*(20\d\d)")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[\[〔(（]\s*(?:19|20)\d\d\s*[\]〕)）]\s*\d{1,4}\s*号")
_NATIONAL = re.compile(r"全国|国务院|中国科协|我国")


def plan_title(lines: list[str]) -> str:
    """First line of the head naming a plan (方案/计划/要点…), joined with a short continuation line
    (吉林省…纲要 / 实施方案（2016—2020年）); text glued after it (一、…) is cut off."""
    for i, line in enumerate(lines[:15]):
        head = re.split(r"[一二三四五六七八九十]、|。|[:：]", line)[0]
        if not _PLAN_WORDS.search(head) or len(head) > 80 or re.search(r"[，,]", head):
            continue  # a sentence citing a plan (根据《…方案》，现将…) is not the title
        title = head.strip()
        if i + 1 < len(lines):
            nxt = lines[i + 1].strip()
            if (
                len(nxt) <= 30
                and _PLAN_WORDS.search(nxt)
                and not re.match(r"[(（一二三四五六七八九十\d]", nxt)
                and not re.search(r"[。，,：:]", nxt)
            ):
                title += nxt
        return title
    return lines[0].strip()[:80] if lines else ""


def _is_inner_place(name: str) -> bool:
    """越城区, 浦东新区 are districts; 主城区, 高新区 and the like are areas, not jurisdictions."""
    if name in _GENERIC_AREAS:
        return False
    return not name.endswith(_NOT_PLACE_END) or (name.endswith(("城区", "新区")) and len(name) >= 3)


def place_of(title: str) -> str:
    """The jurisdiction a title opens with (宜春市, 内蒙古自治区), or ''; the innermost of nested
    places (北京市顺义区 -> 顺义区, the issuing district). Matched on the folded title (新竹縣 as
    新竹县), returned as written."""
    folded = fold(title)
    inner = _ISSUED.search(folded)
    offsets = [0] + ([inner.start(1) + (folded[inner.start(1)] == "《")] if inner else [])
    for offset in offsets:
        m = _PLACE.match(folded[offset:])
        if m and not m.group(1).endswith(_NOT_PLACE_END):
            start, end, rest = offset + m.start(1), offset + m.end(1), offset + m.end()
            while (m := _INNER_PLACE.match(folded[rest:])) and _is_inner_place(m.group(1)):
                start, end, rest = rest, rest + m.end(1), rest + m.end()
            return title[start:end]
    return ""


def level_of(jurisdiction: str) -> str:
    jurisdiction = fold(jurisdiction)
    if jurisdiction == "全国":
        return "national"
    if jurisdiction.endswith(("自治区", "省", "特别行政区")):
        return "province"
    if jurisdiction.endswith(("市", "自治州", "州", "盟")):
        return "city"
    if jurisdiction.endswith(("区", "县", "旗")):
        return "district"
    return "unknown"


# A local plan may name a national event once (组织全国科普日活动); a national one speaks of the
# country in its opening or throughout.
NATIONAL_MENTIONS = 2


def jurisdiction_of(title: str, preamble: str, text: str) -> str:
    """From the title; else from the first preamble lines; else national when the plan speaks of the
    whole country (全国, 国务院, 我国) in its opening or at least NATIONAL_MENTIONS times; else ''."""
    place = place_of(title)
    if place:
        return place
    for line in preamble.splitlines()[:5]:
        place = place_of(line)
        if place:
            return place
    national = _NATIONAL.search(preamble) or len(_NATIONAL.findall(text)) >= NATIONAL_MENTIONS
    return "全国" if national else ""


def period_of(title: str, text: str) -> str:
    """Year range of the title (2021—2025 -> '2021-2025'), else its single year (2024年工作要点 ->
    '2024'), else the five-year plan named in the text (十四五 -> '2021-2025'), else ''."""
    m = _YEARS.search(title)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = re.search(r"(20\d\d)\s*年", title)
    if m:
        return m.group(1)
    for name, period in knowledge().periods.items():
        if name in text:
            return period
    return ""


def doc_number_of(lines: list[str]) -> str:
    """The plan's own number (宜府发〔2022〕9号): on a short head line or one opening with it,
    never one cited inside a sentence."""
    for line in lines[:12]:
        m = _DOC_NUMBER.search(line)
        if m and (m.start() <= 1 or len(line) < 40):
            return re.sub(r"\s+", "", m.group())
    return ""


def parents_of(preamble: str) -> tuple[str, ...]:
    """Titles of the policies cited in the preamble's 根据/贯彻 sentence (《…》, top level only)."""
    sentences = [s for s in re.split(r"[。\n]", preamble) if "印发给" not in s]
    cited = [s for s in sentences if re.search(r"根据|依据", s)] + [
        s for s in sentences if re.search(r"贯彻|按照", s)
    ]
    for sentence in cited:
        titles, depth, start = [], 0, 0
        for i, ch in enumerate(sentence):
            if ch == "《":
                if depth == 0:
                    start = i + 1
                depth += 1
            elif ch == "》" and depth:
                depth -= 1
                if depth == 0:
                    titles.append(sentence[start:i])
        titles = [t for t in titles if len(t) > 6]
        if titles:
            return tuple(dict.fromkeys(titles))
    return ()
