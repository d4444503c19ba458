from dataclasses import replace

import pytest

from certification.rules.report import Verdict

from .builders import check, passing


def test_a_signed_board_statement_on_commitment_and_funding_meets_criterion_14():
    assert check(passing(), 14).verdict is Verdict.MET


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"commitment": ""}, "14a: zorginhoudelijk commitment van de raad van bestuur"),
        ({"funding": ""}, "14b: financiering van de topklinische functies door de raad van bestuur"),
        ({"signed_on": None}, "14a: ondertekening door de raad van bestuur (naam en datum)"),
        ({"signed_by": ""}, "14a: ondertekening door de raad van bestuur (naam en datum)"),
    ],
)
def test_a_board_statement_missing_a_part_fails_criterion_14(changes, missing):
    d = passing()
    result = check(replace(d, board_statement=replace(d.board_statement, **changes)), 14)
    assert result.verdict is Verdict.NOT_MET
    assert [str(m) for m in result.missing] == [missing]
