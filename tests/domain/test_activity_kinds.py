"""The settings list of activity kinds (活动类别) offered by the event editor."""

import pytest

from branch_desk.domain.rules.settings import RuleValues, validate_setting


def test_default_kinds_and_their_order():
    assert RuleValues({}).items("activity.kinds") == [
        "志愿服务", "结对共建", "竞赛", "品牌活动", "廉政教育", "意识形态", "其他"
    ]  # fmt: skip


def test_a_list_is_tidied_and_bad_lists_are_refused_in_chinese():
    assert (
        validate_setting("activity.kinds", " 志愿服务，结对共建 竞赛、竞赛 ")
        == "志愿服务、结对共建、竞赛"
    )
    with pytest.raises(ValueError, match="至少要有一项"):
        validate_setting("activity.kinds", " 、 ")
    with pytest.raises(ValueError, match="过长"):
        validate_setting("activity.kinds", "志愿服务、" + "很" * 21)
