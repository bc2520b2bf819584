"""One benchmark stage in its own process, as an Airflow task runs it: prints one JSON line with
the stage's wall time (imports excluded: they are Airflow's per-task cost, measured apart), its
rows and the process's peak memory (RSS).

    python -m benchmarks.stages <stage> --home HOME --extracts DIR [--result FILE]

Stages: validate (the gate on every file in the landing folders), load (the validated files),
dbt (`dbt build`, on the copy the pipeline builds on), publish (the snapshots), limit and pandas
(the reference methods; their figures go to --result as JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

# The pipeline's stages, in the order Airflow runs them.
PIPELINE_STAGES = ("validate", "load", "dbt", "publish")
VALIDATED = "validated.json"


def peak_rss_mb() -> float:
    """The peak RSS of this process and of the children it waited for (dbt runs in one)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _landed(paths) -> list[tuple[str, str]]:
    from roma_monitor import pipeline
    from roma_monitor.contracts.registry import SOURCES

    return [(s, f) for s in SOURCES for f in pipeline.find_new_extracts(s, paths)]


def validate(paths) -> dict:
    from roma_monitor import pipeline

    validated, rows = [], 0
    for source, path in _landed(paths):
        result = pipeline.validate_extract(path, source, paths)
        validated.append({**result, "source": source})
        rows += result["rows"]
    readers = sorted({v["reader"] for v in validated})
    (paths.home / VALIDATED).write_text(json.dumps(validated), encoding="utf-8")
    return {"rows": rows, "files": len(validated), "readers": readers}


def load(paths) -> dict:
    from roma_monitor import pipeline
    from roma_monitor.ingest.load import one_connection

    validated = json.loads((paths.home / VALIDATED).read_text(encoding="utf-8"))
    rows = 0
    with one_connection(paths):  # as a task loads its batch: each file in its own transaction
        for item in validated:
            rows += pipeline.load_validated(item, item["source"], paths)["rows"]
    return {"rows": rows, "files": len(validated)}


def dbt(paths) -> dict:
    from roma_monitor import pipeline

    pipeline.dbt_build(paths)
    return {}


def publish(paths) -> dict:
    from roma_monitor import pipeline

    pipeline.publish_indicators(paths)
    pipeline.publish_operations(paths)
    return {}


def _headline(method: str, extracts: Path, result: Path) -> dict:
    from benchmarks import headline

    function = {"limit": headline.headline_duckdb_limit, "pandas": headline.headline_pandas}
    frame = function[method](extracts)
    result.write_text(frame.to_json(orient="records"), encoding="utf-8")
    return {}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage")
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--extracts", type=Path)
    parser.add_argument("--result", type=Path)
    args = parser.parse_args(argv)
    os.environ["ROMA_HOME"] = str(args.home)
    from roma_monitor.settings import Paths

    paths = Paths(args.home).ensure()
    if args.stage == "validate":
        # Imported before the clock starts: imports are Airflow's per-task cost, measured apart.
        from roma_monitor.validate import gate  # noqa: F401
    started = time.perf_counter()
    if args.stage in ("limit", "pandas"):
        facts = _headline(args.stage, args.extracts, args.result)
    else:
        facts = {"validate": validate, "load": load, "dbt": dbt, "publish": publish}[args.stage](
            paths
        )
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_mb(), **facts}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
