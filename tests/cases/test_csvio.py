"""Decisions CSV: what export writes, import reads back, whatever the reason's text."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from screen.cases import CaseStore
from screen.cases.csvio import import_decisions, read_decisions, write_cases
from tests.cases.conftest import seen

REASONS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), min_size=1
).filter(lambda t: t.strip() == t and t.strip())


@settings(max_examples=15, deadline=None)
@given(reason=REASONS, by=st.sampled_from(["ana", "Zoë", "o'neil, j"]))
def test_exported_decisions_import_back_exactly(
    tmp_path_factory: object, reason: str, by: str
) -> None:
    tmp = Path(tmp_path_factory.mktemp("csv"))  # type: ignore[attr-defined]
    with CaseStore(tmp / "a.db") as store:
        [s] = store.record([seen()])
        store.decide(s.case.id, "cleared", reason, by)
        out = io.StringIO()
        write_cases(store.list(), out)
    path = tmp / "decisions.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    [decision] = read_decisions(path, "nobody")
    assert (decision.case_id, decision.status, decision.reason, decision.by) == (
        s.case.id,
        "cleared",
        reason,
        by,
    )
    with CaseStore(tmp / "b.db") as other:  # a second store with that case still open
        [t] = other.record([seen()])
        assert import_decisions(other, path, "nobody") == (1, 0)
        assert (other.get(t.case.id).status, other.get(t.case.id).reason) == ("cleared", reason)
