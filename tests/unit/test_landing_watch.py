"""The landing folder's trigger (event-driven ingest), run as the triggerer runs it: its
serialised form re-created, and its async generator driven until it fires or a deadline."""

from __future__ import annotations

import asyncio
import importlib
import os

import pytest

from roma_monitor.ingest.landing_watch import LandingTrigger, state_file
from roma_monitor.settings import Paths
from tests.privacy.fake_personal_codes import fake, holds_code

POKE_S = 0.02
QUIET_S = 0.3  # a trigger with something to fire for fires on its first look


@pytest.fixture
def home(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    paths.landing_for("sif").mkdir(parents=True, exist_ok=True)
    return paths


def first_event(source: str = "sif") -> dict | None:
    """What the trigger, re-created from its serialised form, fires within QUIET_S (None: quiet)."""
    classpath, kwargs = LandingTrigger(source, poke_interval=POKE_S).serialize()
    module, name = classpath.rsplit(".", 1)
    trigger = getattr(importlib.import_module(module), name)(**kwargs)

    async def first():
        async for event in trigger.run():
            return event.payload
        return None

    try:
        return asyncio.run(asyncio.wait_for(first(), QUIET_S))
    except TimeoutError:
        return None


def drop(home: Paths, name: str, text: str = "header\r\n") -> None:
    (home.landing_for("sif") / name).write_text(text, encoding="utf-8")


def test_an_empty_landing_folder_fires_nothing(home):
    assert first_event() is None


def test_a_new_file_fires_once_and_a_second_file_fires_again(home):
    drop(home, "SIF_9144_202201.csv")
    assert first_event() == {"source": "sif", "new_entries": 1}
    # re-created after firing (as Airflow does for an asset watcher): the file still waits
    # while its ingest runs, and is not announced twice
    assert first_event() is None
    drop(home, "SIF_9144_202202.csv")
    assert first_event() == {"source": "sif", "new_entries": 1}
    assert first_event() is None


def test_a_file_sent_again_after_it_was_handled_fires_again(home):
    drop(home, "SIF_9144_202201.csv")
    assert first_event() is not None
    (home.landing_for("sif") / "SIF_9144_202201.csv").unlink()  # loaded: it left landing
    assert first_event() is None
    drop(home, "SIF_9144_202201.csv", "header\r\ncorrected\r\n")
    assert first_event() == {"source": "sif", "new_entries": 1}


def test_a_file_still_uploading_waits_for_its_final_name(home):
    drop(home, "SIF_9144_202201.csv.partial")
    drop(home, ".hidden")
    assert first_event() is None
    os.rename(
        home.landing_for("sif") / "SIF_9144_202201.csv.partial",
        home.landing_for("sif") / "SIF_9144_202201.csv",
    )
    assert first_event() == {"source": "sif", "new_entries": 1}


def test_another_sources_folder_does_not_fire(home):
    drop(home, "SIF_9144_202201.csv")
    assert first_event("nva") is None


def test_no_file_name_reaches_the_event_or_the_state(home):
    digits = fake("1503841234")
    drop(home, f"SIF_{digits[:6]}-{digits[6:]}_202201.csv")
    event = first_event()
    assert event == {"source": "sif", "new_entries": 1}
    state = state_file("sif", home).read_text(encoding="utf-8")
    assert not holds_code(str(event), digits)
    assert not holds_code(state, digits) and "SIF_" not in state
