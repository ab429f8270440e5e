"""A user's rules file (--rules) is checked against the shipped one: a wrong kind of value or an unknown
key is a one-line error naming the file, never a crash later in the analysis."""

from __future__ import annotations

import json

import pytest

from policygraph.errors import InputError
from policygraph.graph.analysis.rules import analysis_rules


@pytest.mark.parametrize(
    ("user", "says"),
    [
        ({"gaps": {"co_lead_limit": "three"}}, "'co_lead_limit' must be a number"),
        ({"gaps": {"severity": 5}}, "'severity' must be a JSON object"),
        ({"gaps": {"severity": {"NO_LEAD": ["x"]}}}, "['NO_LEAD'] must be a string"),
        ({"gaps": {"severity": {"BOGUS": "high"}}}, "has no key BOGUS"),
        ({"overloaded": {"robust_z": "x"}}, "'robust_z' must be a number"),
        ({"gaps": {"severity": {"NO_LEAD": "urgent"}}}, "high, medium or low"),
    ],
)
def test_a_wrong_value_in_a_users_rules_file_is_one_line_naming_it(tmp_path, user, says):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(user), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        analysis_rules(path)
    assert str(path) in str(caught.value) and says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_users_rules_file_of_the_right_kinds_overrides_the_shipped_values(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(
        json.dumps({"gaps": {"co_lead_limit": 9, "severity": {"NO_LEAD": "low"}}}), encoding="utf-8"
    )
    rules = analysis_rules(path)
    assert rules.gaps.co_lead_limit == 9 and rules.gaps.severity["NO_LEAD"] == "low"
    assert rules.gaps.severity["PLAN_UNASSIGNED"] == analysis_rules().gaps.severity["PLAN_UNASSIGNED"]
