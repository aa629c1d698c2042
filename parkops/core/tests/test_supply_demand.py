"""Supply–demand matching: which needs meet which offers, with what score and why."""

from __future__ import annotations

import pytest

from parkops.core.supply_demand import (
    Item,
    best_per_enterprises,
    code_level,
    keyword_overlap,
    keywords_split,
    propose_pairs,
)


@pytest.mark.parametrize(
    ("need", "offer", "level"),
    [
        ("C2710", "C2710", 4),
        ("C2710", "2720", 2),
        ("C2921", "C2922", 3),
        ("C27", "C2710", 2),  # a division alone matches as deep as it goes
        ("C2710", "C2610", 0),
        ("", "C2710", 0),
        ("X99", "C2710", 0),  # not a GB/T 4754 code: no code match, never an error
    ],
)
def test_it_counts_the_digits_two_codes_share(need: str, offer: str, level: int) -> None:
    assert code_level(need, offer) == level


def test_it_splits_keywords_as_people_type_them() -> None:
    assert keywords_split("玻璃瓶、 喷雾泵，PET;玻璃瓶  Ｌｉｄ") == (
        "玻璃瓶",
        "喷雾泵",
        "pet",
        "lid",
    )


def test_equal_keywords_score_two_and_one_inside_another_one() -> None:
    assert keyword_overlap(["玻璃瓶", "PET"], ["pet", "喷雾"]) == (2, ("pet",))
    assert keyword_overlap(["玻璃瓶"], ["化妆品玻璃瓶"]) == (1, ("玻璃瓶/化妆品玻璃瓶",))
    assert keyword_overlap(["瓶"], ["玻璃瓶"]) == (0, ())  # one character matches nothing


def test_it_proposes_pairs_best_first_never_within_one_enterprise() -> None:
    # 克琴-like cosmetics maker (1) needs glass bottles; a packager (2) makes them; a
    # pharmaceutical firm (3) offers C27 services; firm 1 also offers something it needs.
    needs = [Item(10, 1, "C2231", ("玻璃瓶", "喷雾泵")), Item(11, 1, "C2710", ())]
    offers = [
        Item(20, 2, "C3054", ("化妆品玻璃瓶", "喷雾泵")),
        Item(21, 3, "C2720", ("原料药",)),
        Item(22, 1, "C2231", ("玻璃瓶",)),  # its own offer: never paired with itself
        Item(23, 4, "C1310", ("大米",)),
    ]
    pairs = propose_pairs(needs, offers)
    assert [(p.need_id, p.offer_id, p.score, p.code_level, p.shared) for p in pairs] == [
        (10, 20, 3, 0, ("玻璃瓶/化妆品玻璃瓶", "喷雾泵")),  # 1 + 2, no code in common
        (11, 21, 1, 2, ()),  # C2710 and C2720 share the division 27
    ]
    assert pairs[1].why == ["同一行业大类"]


def test_recorded_pairs_are_not_proposed_again_and_each_need_keeps_its_best() -> None:
    need = Item(1, 1, "C2710", ("原料药",))
    offers = [Item(2, 2, "C2710", ()), Item(3, 3, "C2720", ()), Item(4, 4, "", ("原料药",))]
    assert [p.offer_id for p in propose_pairs([need], offers)] == [2, 4, 3]  # 3, 2, 1 points
    assert [p.offer_id for p in propose_pairs([need], offers, per_need=1)] == [2]
    assert [p.offer_id for p in propose_pairs([need], offers, recorded=[(1, 2)])] == [4, 3]


def test_it_keeps_one_pair_per_two_enterprises_the_best_and_a_few_per_need() -> None:
    # Enterprise 1 needs C2927 (item 1) and C3360 (item 2); 2 offers C2927 (item 10) and C3360
    # (item 11); 3 offers C2929 (item 12).
    needs = [Item(1, 1, "C2927", ("瓶",)), Item(2, 1, "C3360")]
    offers = [Item(10, 2, "C2927"), Item(11, 2, "C3360"), Item(12, 3, "C2929")]
    pairs = propose_pairs(needs, offers)
    # 1→10: class 3; 2→11: class 3; 1→12: group 2.
    assert [(p.need_id, p.offer_id, p.score) for p in pairs] == [(1, 10, 3), (2, 11, 3), (1, 12, 2)]
    best = best_per_enterprises(pairs)
    assert [(p.need_enterprise_id, p.offer_enterprise_id, p.score) for p in best] == [
        (1, 2, 3),
        (1, 3, 2),
    ]
    assert [p.offer_enterprise_id for p in best_per_enterprises(pairs, per_need=1)] == [2]
