"""The dashboard's one way to data: cached calls of roma_monitor.serve.queries.

The cache key is the path of the snapshot file the `current` pointer names. Snapshot files are
versioned (the version is in the file name) and never rewritten, so a path is a version: when a
new snapshot is published, `snapshot_path()` (resolved once per script run: `start_run`)
returns a new path and every cached result below misses and is recomputed.

One read-only DuckDB connection per snapshot file is kept with `st.cache_resource`; each query
runs on its own cursor, so concurrent sessions never share a cursor.

Which snapshot a session reads depends on its role, decided here only (`snapshot_path`): the
ministry reads `indicators_internal` (Roma values unsuppressed) wherever a page asks for
`indicators`, falling back to `indicators` while no internal snapshot is published; everyone
else reads `indicators`. Inside `with public_data():` every role reads the public snapshot (the
council's PDF report). A session without a role reads nothing. Cached results are keyed by the
snapshot file, so one role's results are never served to another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta
from typing import Any

import app_auth
import duckdb
import streamlit as st

from roma_monitor.publish.snapshot import current_snapshot, is_outdated
from roma_monitor.publish.tables import REPUBLISH_COMMAND
from roma_monitor.serve import access_audit
from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import normalise_lang
from roma_monitor.serve.i18n import localized, t
from roma_monitor.settings import auth_settings

TTL_SECONDS = 600


PUBLIC_KIND = "indicators"
INTERNAL_KIND = "indicators_internal"
_public_only: ContextVar[bool] = ContextVar("roma_public_data", default=False)


# The snapshot files this script run reads, resolved once per run (start_run): a publication
# that lands during a run shows from the next run on, never half-way through a view.
RUN_SNAPSHOTS_STATE = "_run_snapshots"


def start_run() -> None:
    """Forget the snapshots the previous run read; call once at the top of every run."""
    st.session_state[RUN_SNAPSHOTS_STATE] = {}


def _published(kind: str) -> str | None:
    """The snapshot file of `kind` this run reads (see start_run)."""
    pinned = st.session_state.setdefault(RUN_SNAPSHOTS_STATE, {})
    if kind not in pinned:
        pinned[kind] = _resolve(kind)
    return pinned[kind]


def _resolve(kind: str) -> str | None:
    """The current snapshot file of `kind`, or None when nothing (readable) is published."""
    try:
        path = current_snapshot(kind)
    except ValueError:  # a kind this version of the publisher does not know yet
        return None
    if path is None or not path.is_file():
        return None
    if _outdated(str(path), kind):  # published by an older version: say so, read nothing
        lang = normalise_lang(st.session_state.get("lang"))
        st.error(t("empty.outdated_snapshot", lang, kind=kind, command=REPUBLISH_COMMAND))
        st.stop()
    return str(path)


@st.cache_data(max_entries=16, show_spinner=False)
def _outdated(path: str, kind: str) -> bool:
    with _cursor(path) as con:
        return is_outdated(con, kind)


def indicators_kind() -> str:
    """The indicators snapshot this session reads: the internal one for the ministry (when it
    is published and not inside `public_data()`), else the public one."""
    internal = app_auth.current_access().reads_internal and not _public_only.get()
    return INTERNAL_KIND if internal and _published(INTERNAL_KIND) else PUBLIC_KIND


def snapshot_path(kind: str) -> str | None:
    """The snapshot file this session reads for `kind` (`indicators`, `operations`,
    `engineering`), or None when nothing is published or the session's role may not read it."""
    access = app_auth.current_access()
    if not access.may_open(kind):
        return None
    return _published(indicators_kind() if kind == PUBLIC_KIND else kind)


def internal_data_missing() -> bool:
    """The session may read the internal snapshot but none is published (yet)."""
    return app_auth.current_access().reads_internal and _published(INTERNAL_KIND) is None


@contextmanager
def public_data() -> Iterator[None]:
    """Within the block every role reads the public snapshots (what may be handed out)."""
    token = _public_only.set(True)
    try:
        yield
    finally:
        _public_only.reset(token)


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@contextmanager
def _cursor(path: str | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own on the snapshot at ``path``, or on the empty snapshot (every table,
    no rows) when nothing is published: queries always get a connection."""
    with _connection(path).cursor() if path else q.empty_snapshot() as cursor:
        yield cursor


@st.cache_data(ttl=TTL_SECONDS, max_entries=1024, show_spinner=False)
def fetch(path: str | None, query: str, *args: Any) -> Any:
    """``roma_monitor.serve.queries.<query>(con, *args)`` on the snapshot at ``path``, cached by
    (snapshot file, query, arguments). Pages call this for every single-snapshot query, e.g.
    ``app_data.fetch(ind_path, "measure_overview", period)``."""
    if query not in q.__all__ or not callable(getattr(q, query)):
        raise ValueError(f"{query!r} is not a query of roma_monitor.serve.queries")
    with _cursor(path) as con:
        return getattr(q, query)(con, *args)


def derived(build: Callable[..., Any], *args: Any) -> Any:
    """``build(*args)``, cached by the builder (its file and name) and the arguments: what a
    page makes of its query results (tables with translated headers and formatted texts, chart
    specs) is the same for every rerun with the same filters and language, and making it again
    cost the platform page most of its server time. Pass small arguments (the snapshot path,
    the filters, the language) and fetch inside ``build``; the result must not be mutated."""
    code = build.__code__
    return _derived(build, f"{code.co_filename}:{build.__qualname__}", *args)


@st.cache_data(ttl=TTL_SECONDS, max_entries=1024, show_spinner=False)
def _derived(_build: Callable[..., Any], name: str, *args: Any) -> Any:
    """``name`` keys the cache (``_build`` itself is not hashed)."""
    return _build(*args)


@st.cache_data(ttl=TTL_SECONDS, max_entries=256, show_spinner=False)
def fetch_both(indicators_path: str | None, operations_path: str | None, query: str) -> Any:
    """``queries.<query>(indicators_con, operations_con)`` for the few queries that read both
    snapshots (freshness against the loads), cached by both snapshot files."""
    if query not in q.__all__:
        raise ValueError(f"{query!r} is not a query of roma_monitor.serve.queries")
    with _cursor(indicators_path) as ind, _cursor(operations_path) as ops:
        return getattr(q, query)(ind, ops)


@st.cache_data(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def publication(path: str | None) -> q.Publication:
    with _cursor(path) as con:
        return q.publication(con)


def rounding_base(indicators_path: str | None) -> int:
    """The base the current snapshot's Roma counts were rounded to (5 unless it says)."""
    return q.published_rounding_base(publication(indicators_path))


# Who may read the access audit on the data-quality page.
ACCESS_AUDIT_ROLES = frozenset({"ministry", "engineer"})


@st.cache_data(ttl=60, max_entries=4, show_spinner=False)
def _access_summary(directory: str, since: date) -> tuple[Any, Any]:
    return access_audit.access_summary(directory, since)


def access_summary(days: int = 30) -> tuple[Any, Any] | None:
    """The last `days` of the access audit (per day and role; downloads), or None for a role
    that may not read it."""
    if app_auth.current_access().role not in ACCESS_AUDIT_ROLES:
        return None
    since = datetime.now(UTC).date() - timedelta(days=days)
    return _access_summary(str(auth_settings().audit_dir), since)


def area_name(indicators_path: str | None, geo_code: str, lang: str) -> str:
    """An area's name in ``lang`` (Latvia, a region, a municipality), else its code."""
    geography = fetch(indicators_path, "list_geography")
    match = geography[geography["geo_code"] == geo_code]
    return geo_code if match.empty else localized(match.iloc[0], lang, "geo_name", "geo_code")
