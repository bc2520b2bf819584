"""The one query module over the published snapshots (docs/architecture.md is the interface).

Pure functions: each takes a DuckDB connection to a published snapshot (see
``roma_monitor.publish.snapshot.connect_published``) and returns a pandas DataFrame or a small
frozen dataclass. No Streamlit here: the dashboard wraps these in its caches (dashboard/
app_data.py), the CLI and the PDF report call them directly.

Every figure, flag and order is a column of a published mart (dbt, enforced contracts): these
functions select and filter, never recount. With nothing published yet, readers pass
``empty_snapshot()`` (every published table, empty): no rows, ``None``, or a dataclass of
``None`` fields.

One submodule per dashboard page; everything is re-exported here, so callers write
``from roma_monitor.serve import queries as q`` and ``q.<function>``.
"""

from roma_monitor.serve.queries import core, measures, methodology, platform, quality, regions
from roma_monitor.serve.queries.core import *  # noqa: F403
from roma_monitor.serve.queries.measures import *  # noqa: F403
from roma_monitor.serve.queries.methodology import *  # noqa: F403
from roma_monitor.serve.queries.platform import *  # noqa: F403
from roma_monitor.serve.queries.quality import *  # noqa: F403
from roma_monitor.serve.queries.regions import *  # noqa: F403

__all__ = [
    name
    for module in (core, measures, regions, platform, quality, methodology)
    for name in module.__all__
]
