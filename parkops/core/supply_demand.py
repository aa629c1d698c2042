"""Supply–demand matching inside the park (供需对接): pairs of one enterprise's need with another
enterprise's product or capability, proposed for a matching session (供需对接会).

An item (a need or an offer) has a GB/T 4754-2017 industry code, keywords, or both. A need and
an offer of two different enterprises make a pair when their codes share at least a division
(大类, the first two digits) or when they share a keyword:

- code: the same class (小类, 4 digits) scores 3, the same group (中类, 3 digits) 2, the same
  division 1; a code given only as a division matches to the depth both codes have;
- keywords: each keyword both carry scores 2 (compared half-width, lower case, trimmed);
  a keyword of the need found inside a keyword of the offer (或反之), e.g. 瓶 in 玻璃瓶,
  scores 1 (only for keywords of two or more characters, so that 1-character words do not
  match everything).

Pairs come best first (score, then the need, then the offer); pairs already recorded are left
out, and `per_need` keeps each need's best few. No Django here: the visits app builds the
items from the database and stores the session's outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parkops.core.industry import IndustryCodeError, parse_industry_code
from parkops.core.text import gettext_noop, to_half_width

CODE_POINTS = {4: 3, 3: 2, 2: 1}  # digits in common -> points
SHARED_KEYWORD = 2
PARTIAL_KEYWORD = 1
LEVELS = {
    4: gettext_noop("同一行业小类"),
    3: gettext_noop("同一行业中类"),
    2: gettext_noop("同一行业大类"),
}


@dataclass(frozen=True)
class Item:
    """A need (需求) or an offer (产品/能力) of an enterprise."""

    id: int
    enterprise_id: int
    industry_code: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    need_id: int
    offer_id: int
    need_enterprise_id: int
    offer_enterprise_id: int
    score: int
    code_level: int  # digits of the industry code in common (4, 3, 2), 0 for none
    shared: tuple[str, ...]  # keywords both carry, or need's ⊂ offer's, as "need/offer"

    @property
    def why(self) -> list[str]:
        """The reasons as gettext_noop templates with their values (the caller translates)."""
        return ([LEVELS[self.code_level]] if self.code_level else []) + list(self.shared)


def keyword_normal(word: str) -> str:
    return to_half_width(word).strip().lower()


def keywords_split(text: str) -> tuple[str, ...]:
    """Keywords as typed: separated by commas, 、, semicolons or spaces; each once, in order."""
    for separator in "，、；;\n\t":
        text = text.replace(separator, ",")
    words = [keyword_normal(w) for part in text.split(",") for w in part.split(" ")]
    return tuple(dict.fromkeys(w for w in words if w))


def _digits(code: str) -> str:
    """The code's digits after normalising (C2710 -> 2710); "" for none or an invalid code."""
    if not code.strip():
        return ""
    try:
        parsed = parse_industry_code(code)
    except IndustryCodeError:
        return ""
    return parsed.code[1:]


def code_level(need_code: str, offer_code: str) -> int:
    """How many leading digits the two codes share, counted as 4, 3 or 2 (0 below a division)."""
    a, b = _digits(need_code), _digits(offer_code)
    if len(a) < 2 or len(b) < 2:
        return 0
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common if common >= 2 else 0


def keyword_overlap(need: Iterable[str], offer: Iterable[str]) -> tuple[int, tuple[str, ...]]:
    """Points and the keywords that meet: equal ones, then one inside the other."""
    needs = [keyword_normal(w) for w in need if keyword_normal(w)]
    offers = [keyword_normal(w) for w in offer if keyword_normal(w)]
    points = 0
    shown: list[str] = []
    for word in dict.fromkeys(needs):
        if word in offers:
            points += SHARED_KEYWORD
            shown.append(word)
            continue
        inside = next(
            (o for o in offers if len(word) >= 2 and len(o) >= 2 and (word in o or o in word)),
            None,
        )
        if inside is not None:
            points += PARTIAL_KEYWORD
            shown.append(f"{word}/{inside}")
    return points, tuple(shown)


def propose_pairs(
    needs: Iterable[Item],
    offers: Iterable[Item],
    *,
    recorded: Iterable[tuple[int, int]] = (),
    per_need: int | None = None,
) -> list[Pair]:
    """The pairs worth proposing, best first; `recorded` holds (need id, offer id) pairs
    already on record, which are not proposed again."""
    done = set(recorded)
    offers = list(offers)
    found: list[Pair] = []
    for need in needs:
        mine: list[Pair] = []
        for offer in offers:
            if offer.enterprise_id == need.enterprise_id or (need.id, offer.id) in done:
                continue
            level = code_level(need.industry_code, offer.industry_code)
            points, shared = keyword_overlap(need.keywords, offer.keywords)
            if not level and not points:
                continue
            mine.append(
                Pair(
                    need_id=need.id,
                    offer_id=offer.id,
                    need_enterprise_id=need.enterprise_id,
                    offer_enterprise_id=offer.enterprise_id,
                    score=CODE_POINTS.get(level, 0) + points,
                    code_level=level,
                    shared=shared,
                )
            )
        mine.sort(key=lambda p: (-p.score, p.offer_id))
        found.extend(mine[:per_need] if per_need is not None else mine)
    found.sort(key=lambda p: (-p.score, p.need_id, p.offer_id))
    return found


def best_per_enterprises(pairs: Iterable[Pair], *, per_need: int | None = None) -> list[Pair]:
    """One pair per (need enterprise, offer enterprise): the best of the items they meet by
    (pairs come best first, so the first seen wins); `per_need` keeps each needing enterprise's
    best few. The order stays best first."""
    seen: set[tuple[int, int]] = set()
    taken: dict[int, int] = {}
    kept: list[Pair] = []
    for pair in sorted(pairs, key=lambda p: (-p.score, p.need_id, p.offer_id)):
        key = (pair.need_enterprise_id, pair.offer_enterprise_id)
        if key in seen:
            continue
        seen.add(key)
        if per_need is not None and taken.get(pair.need_enterprise_id, 0) >= per_need:
            continue
        taken[pair.need_enterprise_id] = taken.get(pair.need_enterprise_id, 0) + 1
        kept.append(pair)
    return kept
