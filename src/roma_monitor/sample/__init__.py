"""Deterministic, realistic sample extracts, shaped like what the agencies send, one generator
per source. `write_samples(out, seed)` writes each source's files into `out/<source>/`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from roma_monitor.sample.ikvd import write_ikvd_extracts
from roma_monitor.sample.jspa import write_jspa_extracts
from roma_monitor.sample.km import write_km_extracts
from roma_monitor.sample.nva import write_nva_extracts
from roma_monitor.sample.sif import write_sif_extracts

SampleWriter = Callable[[Path, int], list[Path]]

SAMPLE_WRITERS: dict[str, SampleWriter] = {
    "sif": write_sif_extracts,
    "nva": write_nva_extracts,
    "jspa": write_jspa_extracts,
    "km": write_km_extracts,
    "ikvd": write_ikvd_extracts,
}


def write_samples(out_dir: Path, seed: int = 2017, sources: list[str] | None = None) -> dict:
    return {
        source: writer(Path(out_dir) / source, seed)
        for source, writer in SAMPLE_WRITERS.items()
        if sources is None or source in sources
    }


__all__ = ["SAMPLE_WRITERS", "write_samples", "write_sif_extracts"]
