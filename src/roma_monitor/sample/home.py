"""A published data home built from the sample extracts in one process, without Airflow.

For the dashboard's tests, screenshots and render benchmark, which need realistic published
snapshots of every source but not a scheduler. The sample files are loaded with the real loader
and transformed with the real `dbt build`; they skip the gate (it is ~1 s per file of fixed GX
cost, and the samples pass it: tests/e2e proves that through the DAGs), except the latest file of
each dataset, so every dataset's last load carries a real validation report. One deliberately
broken extract is gated too, so the operations snapshot has a rejection with its quarantine
report, as a real home would.

One past period is corrected, as agencies do: SIF's June 2021 extract is first loaded without its
last rows, and the full sample file is resent (through the gate) after everything else. The
correction supersedes the first extract, so the published figures are those of the full
sample, and the load audit records revision 2 of that period.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from roma_monitor import pipeline
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.ingest.load import load_extract
from roma_monitor.sample import write_samples
from roma_monitor.settings import Paths

# A December 2022 SIF file whose second row names a municipality code that does not exist.
BROKEN_EXTRACT_SOURCE = "sif"
UNKNOWN_ATVK = "0999999"
# A past SIF month first sent short of its last rows, then resent in full.
CORRECTED_EXTRACT = ("sif", "SIF_9144_202106.csv")
ROWS_MISSING_AT_FIRST = 5


def _first_version(sample_file: Path, out_dir: Path) -> Path:
    """The extract as first sent: the sample file without its last rows."""
    lines = sample_file.read_bytes().splitlines()
    data = [line for line in lines[1:] if line]
    first = out_dir / "first_version" / sample_file.name
    first.parent.mkdir(parents=True, exist_ok=True)
    kept = [lines[0], *data[:-ROWS_MISSING_AT_FIRST]]
    first.write_bytes(b"\r\n".join(kept) + b"\r\n")
    return first


def _broken_copy(sample_dir: Path, out_dir: Path) -> Path:
    last = sorted((sample_dir / BROKEN_EXTRACT_SOURCE).glob("*_202212.*"))[-1]
    raw = last.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "cp1257"
    lines = raw.decode(encoding).splitlines()
    header = lines[0].split(";")
    fields = lines[1].split(";")
    fields[header.index("municipality_atvk")] = UNKNOWN_ATVK
    lines[1] = ";".join(fields)
    broken = out_dir / last.name
    broken.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return broken


def _landed(path: Path, source: str, paths: Paths) -> str:
    """A copy of the sample file in the source's landing folder, where the gate takes files."""
    landed = paths.landing_for(source) / path.name
    landed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, landed)
    return str(landed)


def publish_sample_home(paths: Paths, seed: int = 2017, with_rejection: bool = True) -> Paths:
    """Write the sample for every source, load it, build, and publish all three snapshots into
    `paths`. A past SIF month is corrected by a resend (see the module's docstring). With
    `with_rejection`, a corrected-then-broken resend of the last SIF month is rejected by the
    gate afterwards (the published figures are unchanged by it)."""
    paths.ensure()
    with tempfile.TemporaryDirectory(prefix="roma_sample_") as tmp:
        sample_dir = Path(tmp) / "sample"
        files = write_samples(sample_dir, seed)
        broken = _broken_copy(sample_dir, Path(tmp)) if with_rejection else None
        corrected_source, corrected_name = CORRECTED_EXTRACT
        corrected = sample_dir / corrected_source / corrected_name
        first_version = _first_version(corrected, Path(tmp))
        for source, source_files in files.items():
            last_of_dataset = {}
            for path in source_files:
                contract = contract_for_file(source, path.name)
                if contract is None:
                    raise ValueError(f"{path.name} matches no {source} contract")
                last_of_dataset[contract.dataset] = path
            for path in source_files:
                if path in last_of_dataset.values():
                    landed = _landed(path, source, paths)
                    validated = pipeline.validate_extract(landed, source, paths)
                    pipeline.load_validated(validated, source, paths)
                elif path == corrected:
                    load_extract(first_version, contract_for_file(source, path.name), paths)
                else:
                    load_extract(path, contract_for_file(source, path.name), paths)
        resent = pipeline.validate_extract(
            _landed(corrected, corrected_source, paths), corrected_source, paths
        )
        pipeline.load_validated(resent, corrected_source, paths)
        if broken is not None:
            landed = _landed(broken, BROKEN_EXTRACT_SOURCE, paths)
            try:
                pipeline.validate_extract(landed, BROKEN_EXTRACT_SOURCE, paths)
            except pipeline.ExtractRejected:
                pass
            else:
                raise AssertionError(f"{broken.name} with ATVK {UNKNOWN_ATVK} passed the gate")
    pipeline.publish_operations(paths)
    pipeline.dbt_build(paths)
    pipeline.publish_indicators(paths)
    return paths
