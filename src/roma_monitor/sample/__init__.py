"""Deterministic, realistic sample extracts, shaped like what the agencies send, one generator
per source. `write_samples(out, seed)` writes each registered source's files into `out/<source>/`.

A source's writer is `write_<source>_extracts(out_dir, seed)` in `roma_monitor.sample.<source>`;
a source registered from outside the package registers its writer with `register_writer`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from roma_monitor.contracts.registry import SOURCES
from roma_monitor.sample.sif import write_sif_extracts

SampleWriter = Callable[[Path, int], list[Path]]

_REGISTERED_WRITERS: dict[str, SampleWriter] = {}


def register_writer(source: str, writer: SampleWriter) -> None:
    """The sample writer of a source whose contracts were registered from outside the package."""
    _REGISTERED_WRITERS[source] = writer


def unregister_writer(source: str) -> None:
    del _REGISTERED_WRITERS[source]


def sample_writer(source: str) -> SampleWriter:
    if source in _REGISTERED_WRITERS:
        return _REGISTERED_WRITERS[source]
    try:
        module = importlib.import_module(f"roma_monitor.sample.{source}")
    except ModuleNotFoundError:
        raise LookupError(
            f"source {source!r} has no sample writer: add roma_monitor/sample/{source}.py with "
            f"write_{source}_extracts(out_dir, seed), or call register_writer"
        ) from None
    return getattr(module, f"write_{source}_extracts")


def write_samples(out_dir: Path, seed: int = 2017, sources: list[str] | None = None) -> dict:
    """{source: files written} for every registered source (or those in `sources`)."""
    return {
        source: sample_writer(source)(Path(out_dir) / source, seed)
        for source in SOURCES
        if sources is None or source in sources
    }


__all__ = ["register_writer", "sample_writer", "write_samples", "write_sif_extracts"]
