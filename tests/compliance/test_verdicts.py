"""Comparator-aware target verdicts, a table of cases."""

from __future__ import annotations

import pytest

from extractor.compliance.model import Figure
from extractor.compliance.verdicts import compare, restating


def fig(cmp: str, value: float, value_max: float | None = None, unit: str = "%/năm") -> Figure:
    return Figure("x", cmp, value, value_max, unit, 2025)


@pytest.mark.parametrize("parent,plan,verdict", [
    (fig(">", 7), fig("=", 6.2), "weaker"),            # Yên Bái 2025 against 36/QĐ-TTg
    (fig(">", 7.5), fig(">", 7.2), "weaker"),          # Yên Bái 2030
    (fig("~", 45, unit="%"), fig("~", 45, unit="%"), "ok"),
    (fig(">", 7), fig(">", 7), "ok"),
    (fig(">", 7), fig("=", 7), "weaker"),              # reaching 7 is not exceeding it
    (fig(">", 7), fig(">=", 8), "ok"),
    (fig("~", 45, unit="%"), fig(">", 45, unit="%"), "ok"),
    (fig(">=", 10, unit="doanh nghiệp"), fig("range", 12, 15, unit="doanh nghiệp"), "ok"),  # a range: its lower bound
    (fig(">=", 5, unit="doanh nghiệp"), fig("range", 3, 5, unit="doanh nghiệp"), "weaker"),
    (fig("range", 12, 15, unit="tỉnh"), fig(">=", 12, unit="tỉnh"), "ok"),
    (fig("<=", 5, unit="%"), fig("<", 4, unit="%"), "ok"),          # a ceiling: lower is better
    (fig("<", 4, unit="%"), fig("<=", 5, unit="%"), "weaker"),
    (fig(">", 7), fig(">", 8, unit="%"), "not_comparable"),          # different units
    (fig(">", 7, unit="% /năm"), fig(">", 7.5), "ok"),               # one unit spelt two ways
    (fig(">=", 5, unit="%"), fig("<=", 5, unit="%"), "not_comparable"),  # opposite directions
    # a number word kept in the unit as written: compared in the unit after it
    (fig("=", 10, unit="nghìn doanh nghiệp"), fig(">=", 12000, unit="doanh nghiệp"), "ok"),
    (fig("range", 45, 50, unit="triệu lượt"), fig("=", 40000000, unit="lượt"), "weaker"),
    (fig("=", 1, unit="triệu lượt"), fig("=", 1, unit="triệu doanh nghiệp"), "not_comparable"),
])
def test_compare(parent, plan, verdict):
    assert compare(parent, plan)[0] == verdict


@pytest.mark.parametrize("text,want", [
    ("Góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm.", True),
    ("góp phần thực hiện mục tiêu đóng góp của TFP khoảng 45%", True),
    ("Phấn đấu tăng năng suất lao động bình quân của tỉnh đạt 6,5%/năm.", False),
])
def test_restating_wording(text, want):
    assert restating(text) is want
