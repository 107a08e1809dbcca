"""The audit table: who did what to a workspace and when, newest first.

The actions are plain words people read (the dashboard imports the constants by name); each
entry is stamped in UTC to the second and kept in its own transaction.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ecosystem.errors import OptionError
from ecosystem.store import DATABASE_NAME, Workspace, audit


def test_the_actions_are_the_words_people_read() -> None:
    words = {name: getattr(audit, name) for name in audit.__all__ if name.isupper()}
    words.pop("ACTIONS"), words.pop("AUDIT_COLUMNS")
    assert words == {
        "SIGNED_IN": "signed in",
        "SIGN_IN_FAILED": "sign-in failed",
        "SIGNED_OUT": "signed out",
        "SIGN_IN_THROTTLED": "sign-in refused (too many attempts)",
        "IMPORTED": "imported",
        "RENAMED_WAVE": "renamed wave",
        "DELETED_WAVE": "deleted wave",
        "SAVED_ALIAS": "saved alias",
        "EXPORTED": "exported",
        "REFUSED": "request refused",
        "ACCOUNT_ADDED": "account added",
        "ACCOUNT_REMOVED": "account removed",
        "PASSWORD_SET": "password set",
    }
    assert sorted(audit.ACTIONS) == sorted(words.values())


def test_an_entry_is_stamped_in_utc_to_the_second(tmp_path: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    with Workspace(tmp_path / "w") as workspace:
        workspace.record("amira", audit.SIGNED_IN, address="192.0.2.7")
        [entry] = workspace.audit().to_dict("records")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", entry["at"])
    at = datetime.fromisoformat(entry["at"])
    assert before <= at <= datetime.now(UTC) + timedelta(seconds=1)
    assert entry == {
        "at": entry["at"],
        "who": "amira",
        "action": "signed in",
        "detail": "",
        "address": "192.0.2.7",
    }


def test_the_audit_is_newest_first_and_a_limit_keeps_the_newest(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w") as workspace:
        assert list(workspace.audit().columns) == ["at", "who", "action", "detail", "address"]
        assert workspace.audit().empty
        for number in range(5):  # within one second: the order they were made in decides
            workspace.record("bea", audit.IMPORTED, f"import {number}")
        assert workspace.audit()["detail"].tolist() == [f"import {n}" for n in (4, 3, 2, 1, 0)]
        assert workspace.audit(limit=2)["detail"].tolist() == ["import 4", "import 3"]
        assert workspace.audit(limit=0).empty
        with pytest.raises(OptionError, match="cannot be negative"):
            workspace.audit(limit=-1)


def test_a_later_second_comes_first_whatever_the_order_written(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w") as workspace:
        workspace.record("bea", audit.EXPORTED, "first")
        workspace.record("bea", audit.EXPORTED, "second")
    with closing(sqlite3.connect(tmp_path / "w" / DATABASE_NAME)) as connection:
        later = "2030-01-01T00:00:00+00:00"
        connection.execute("UPDATE audit SET at = ? WHERE detail = 'first'", (later,))
        connection.commit()
    with Workspace(tmp_path / "w", create=False) as workspace:
        assert workspace.audit()["detail"].tolist() == ["first", "second"]


def test_an_entry_is_kept_when_the_change_it_follows_failed(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w") as workspace:
        with pytest.raises(OptionError):
            workspace.rename_wave("Formative 2023", "Baseline")
        workspace.record("bea", audit.REFUSED, "rename of an unknown wave")
        assert workspace.audit()["action"].tolist() == ["request refused"]
    with Workspace(tmp_path / "w", create=False) as workspace:  # committed, read back
        assert len(workspace.audit()) == 1
