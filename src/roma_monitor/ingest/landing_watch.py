"""Event-driven ingest: the triggerer watches each source's landing folder (Airflow 3 asset
watchers, docs/orchestration.md) and an ingest run starts as soon as a new file waits there.

`LandingTrigger` fires once for entries it has not fired for, then ends (Airflow runs it again
for its asset's watcher). What it fired for is kept in the data home (`watch/landing_<source>`
JSON): entries are known by a keyed digest of their name, size and modification time, so the
state and the event (Airflow stores both) never hold a file name, which may hold a personal code.
An entry that leaves landing (loaded, quarantined) is forgotten; sent again, it fires again.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

from roma_monitor.settings import Paths, get_paths

POKE_INTERVAL_S = 10.0
STATE_DIR = "watch"


def waiting_digests(source: str, paths: Paths) -> set[str]:
    """A keyed digest of each entry waiting in `landing/<source>/` (name, size, mtime)."""
    from roma_monitor.ingest import landing

    folder = landing.landing_folder(paths, source)
    entries = landing.waiting_entries(folder) if folder is not None else []
    if not entries:
        return set()
    key = landing.reference_key(paths)
    digests = set()
    for entry, _ in entries:
        try:
            stat = entry.lstat()
        except FileNotFoundError:  # taken by a running ingest meanwhile
            continue
        seen = f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}"
        digest = hmac.new(key, seen.encode("utf-8", "surrogateescape"), hashlib.sha256)
        digests.add(digest.hexdigest()[:32])
    return digests


def state_file(source: str, paths: Paths) -> Path:
    return paths.home / STATE_DIR / f"landing_{source}.json"


def fired_for(source: str, paths: Paths) -> set[str]:
    try:
        return set(json.loads(state_file(source, paths).read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return set()


def remember(source: str, paths: Paths, digests: set[str]) -> None:
    """Written whole and renamed into place: a crash leaves the old state or the new one."""
    path = state_file(source, paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(sorted(digests)), encoding="utf-8")
    os.replace(part, path)


def new_arrivals(source: str, paths: Paths) -> int:
    """How many waiting entries nobody was told of; records them as told. Entries that left
    landing are forgotten."""
    waiting = waiting_digests(source, paths)
    told = fired_for(source, paths)
    new = waiting - told
    if new or told - waiting:
        remember(source, paths, waiting)
    return len(new)


class LandingTrigger(BaseEventTrigger):
    """Fires when a new entry waits in the source's landing folder (polled every
    `poke_interval` seconds; the data home is ROMA_HOME, as for the tasks)."""

    def __init__(self, source: str, poke_interval: float = POKE_INTERVAL_S):
        super().__init__()
        self.source = source
        self.poke_interval = poke_interval

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {"source": self.source, "poke_interval": self.poke_interval},
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        paths = get_paths()
        while True:
            arrived = await asyncio.to_thread(new_arrivals, self.source, paths)
            if arrived:
                self.log.info("%s: %d new entries in the landing folder", self.source, arrived)
                yield TriggerEvent({"source": self.source, "new_entries": arrived})
                return
            await asyncio.sleep(self.poke_interval)
