"""``sejour-traite reassess``: which outcomes change with another date or another reading."""

from __future__ import annotations

import json

from cli_support import DATA, EXAMPLES, invoke

SITUATIONS = EXAMPLES / "reassess.yaml"


def _changes(*args: object) -> tuple[int, list[dict]]:
    result = invoke("reassess", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return data["situations"], data["changes"]


def _change(changes: list[dict], situation: str, obj: str) -> dict | None:
    found = [c for c in changes if c["situation"] == situation and c["object"] == obj]
    assert len(found) <= 1
    return found[0] if found else None


def test_reading_oq09_changes_a_fourth_consecutive_renewal_in_2024():
    count, changes = _changes(SITUATIONS, "--reading", "OQ-09=cap_applies")
    assert count == 3
    change = _change(changes, "RENEWAL-4TH-2024", "cst_renewal")
    assert change is not None
    assert change["before"] == "DE_PLEIN_DROIT"
    assert change["after"] != "DE_PLEIN_DROIT"
    # Below the cap, and in 2010, the reading changes nothing.
    assert {c["situation"] for c in changes} == {"RENEWAL-4TH-2024"}


def test_reading_text_output():
    result = invoke("reassess", SITUATIONS, "--reading", "OQ-09=cap_applies")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("RENEWAL-4TH-2024: cst_renewal DE_PLEIN_DROIT -> ") for line in lines
    )
    assert lines[-1].startswith("3 situations, 1 with a changed outcome, ")


def test_date_across_2016_04_15_changes_a_first_cst():
    # Loi 2016-274: from 2016-04-15 the first CST is issued de plein droit.
    _, after = _changes(SITUATIONS, "--date", "2016-05-02")
    change = _change(after, "CST-2010", "cst")
    assert change == {
        "situation": "CST-2010",
        "object": "cst",
        "before": "DISCRETIONNAIRE/FAVORABLE",
        "after": "DE_PLEIN_DROIT",
    }
    _, before = _changes(SITUATIONS, "--date", "2016-04-14")
    assert _change(before, "CST-2010", "cst") is None


def test_date_text_output():
    result = invoke("reassess", SITUATIONS, "--date", "2016-05-02")
    assert result.exit_code == 0
    assert "CST-2010: cst DISCRETIONNAIRE/FAVORABLE -> DE_PLEIN_DROIT" in result.stdout.splitlines()


def test_a_scenario_file_is_a_file_of_situations(shared_scenarios):
    count, changes = _changes(shared_scenarios / "renewals.yaml", "--reading", "OQ-09=cap_applies")
    assert count > 1
    assert _change(changes, "SC-41", "cst_renewal") is not None


def test_json_situations_file(tmp_path):
    situation = json.loads((EXAMPLES / "renewal-2024.json").read_text(encoding="utf-8"))
    path = tmp_path / "situations.json"
    path.write_text(json.dumps([situation]), encoding="utf-8")
    count, changes = _changes(path, "--reading", "OQ-09=cap_applies")
    assert count == 1
    assert _change(changes, "SC-41", "cst_renewal") is not None


def test_nothing_to_compare_is_a_usage_error():
    result = invoke("reassess", SITUATIONS)
    assert result.exit_code == 2
    assert "--date" in result.stderr
    assert "--reading" in result.stderr


def test_every_faulty_situation_is_reported():
    path = DATA / "reassess" / "bad_situations.yaml"
    result = invoke("reassess", path, "--date", "2023-01-01")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        f"error: {path}, situation BAD-FACT: facts.criminal_procedure_status"
    )
    assert "'trial'" in lines[0]
    assert "appeal_pending" in lines[0]
    assert lines[1].startswith(f"error: {path}, situation BAD-DATE: eval_date: expected a date")


def test_duplicate_situation_ids():
    path = DATA / "reassess" / "duplicate_ids.yaml"
    result = invoke("reassess", path, "--date", "2023-01-01")
    assert result.exit_code == 2
    assert f"{path}, situation SAME: id: duplicate id" in result.stderr


def test_a_single_situation_is_not_a_file_of_situations():
    path = DATA / "reassess" / "not_a_list.yaml"
    result = invoke("reassess", path, "--date", "2023-01-01")
    assert result.exit_code == 2
    assert "expected a list of situations or a scenario file" in result.stderr
    assert str(path) in result.stderr
