"""``sejour-traite evaluate``: the determination of one situation, in JSON or in text."""

from __future__ import annotations

import json

import pytest
from cli_support import EXAMPLES, invoke

SC14 = EXAMPLES / "sc14.yaml"
CST_2010 = EXAMPLES / "cst-2010.yaml"
RENEWAL_2024 = EXAMPLES / "renewal-2024.json"


def _determination(*args: object) -> dict:
    result = invoke("evaluate", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_json_is_the_determination_of_scenario_format():
    # SC-14 of scenario-format.md: day 30 of the reflection period.
    data = _determination(SC14)
    assert data["eval_date"] == "2022-03-31"
    assert data["legal_version"] == "V2021"
    assert data["scope"]["status"] == "IN_SCOPE"
    assert data["reflection"]["status"] == "ACTIVE"
    assert data["reflection"]["end"] == "2022-03-31"
    assert data["removal_protection"]["status"] == "PROTECTED"
    assert data["cst"]["status"] == "NON_REMPLI"
    assert {"R-REFLEXION-01", "R-REFLEXION-02", "R-REFLEXION-06"} <= set(data["rules_applied"])
    assert "explanation" in data


def test_json_is_the_default_format():
    assert _determination(SC14) == _determination(SC14, "--format", "json")


def test_date_option_overrides_the_eval_date_of_the_file():
    data = _determination(SC14, "--date", "2022-04-01")
    assert data["eval_date"] == "2022-04-01"
    assert data["reflection"]["status"] == "EXPIRED"  # day 31: the period is over
    assert data["removal_protection"]["status"] == "NOT_PROTECTED"


def test_date_option_gives_the_date_a_file_lacks(tmp_path):
    situation = tmp_path / "no-date.yaml"
    situation.write_text(SC14.read_text(encoding="utf-8").replace("eval_date: 2022-03-31\n", ""))
    assert _determination(situation, "--date", "2022-03-31")["reflection"]["status"] == "ACTIVE"


def test_law_of_2010_is_the_version_in_force_then():
    # SC-24: before 2016-04-15 the first CST is discretionary, with the circular's guidance.
    data = _determination(CST_2010)
    assert data["legal_version"] == "V2009"
    assert data["cst"]["status"] == "DISCRETIONNAIRE"
    assert data["cst"]["guidance"] == "FAVORABLE"
    assert data["cst"]["duration_months"] == {"min": 6, "max": 12}


def test_json_situation_file():
    data = _determination(RENEWAL_2024)
    assert data["cst_renewal"]["status"] == "DE_PLEIN_DROIT"
    assert "CONFLICT_L433_1_1" in data["flags"]


def test_reading_option_switches_an_open_question():
    # OQ-09: the three-renewal cap of L433-1-1 applies instead of L425-1 (lex specialis).
    adopted = _determination(RENEWAL_2024)
    switched = _determination(RENEWAL_2024, "--reading", "OQ-09=cap_applies")
    assert adopted["readings"]["OQ-09"] == "lex_specialis"
    assert switched["readings"]["OQ-09"] == "cap_applies"
    assert switched["cst_renewal"]["status"] != adopted["cst_renewal"]["status"]
    assert "CONFLICT_L433_1_1" not in switched["flags"]


def test_readings_of_the_file_and_option_wins(tmp_path):
    content = json.loads(RENEWAL_2024.read_text(encoding="utf-8"))
    content["readings"] = {"OQ-09": "cap_applies"}
    situation = tmp_path / "with-reading.json"
    situation.write_text(json.dumps(content), encoding="utf-8")
    from_file = _determination(situation)
    assert from_file["readings"]["OQ-09"] == "cap_applies"
    overridden = _determination(situation, "--reading", "OQ-09=lex_specialis")
    assert overridden["readings"]["OQ-09"] == "lex_specialis"
    assert overridden["cst_renewal"] == _determination(RENEWAL_2024)["cst_renewal"]


def test_text_is_a_readable_explanation_citing_the_articles():
    result = invoke("evaluate", SC14, "--format", "text")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("Situation au 2022-03-31")
    assert "V2021" in text
    assert "R-REFLEXION-02" in text
    assert "R425-2" in text  # the article of the reflection period in 2022
    assert "Délai de réflexion" in text


def test_text_in_english():
    result = invoke("evaluate", SC14, "--format", "text", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("Situation on 2022-03-31")
    assert "Reflection period" in result.stdout


def test_lang_option_translates_the_json_explanation():
    labels = {
        lang: [o["label"] for o in _determination(SC14, "--lang", lang)["explanation"]["objects"]]
        for lang in ("fr", "en")
    }
    assert "Délai de réflexion" in labels["fr"]
    assert "Reflection period" in labels["en"]


@pytest.mark.parametrize("output", ["json", "text"])
def test_same_determination_whatever_the_format(output):
    result = invoke("evaluate", CST_2010, "--format", output, "--lang", "en")
    assert result.exit_code == 0
    assert "DISCRETIONNAIRE" in result.stdout or "discretion" in result.stdout.lower()
