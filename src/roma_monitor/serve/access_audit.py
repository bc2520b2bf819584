"""The dashboard's access audit: who saw what, when — without personal data.

One JSON object per line, appended to ``<audit dir>/access-YYYY-MM.jsonl`` (UTC month; the
directory is ``ROMA_AUDIT_DIR``, by default ``<ROMA_HOME>/audit``). Lines are only ever
appended, under an exclusive ``flock`` so several dashboard processes can share the files; a
line is written in one ``write`` on a file opened with ``O_APPEND``.

A record holds: ``at`` (UTC, ISO 8601), ``event`` (``view``, ``download``, ``denied``),
``who`` (a keyed pseudonym of the sign-in, or ``anonymous``), ``session`` (a random tag per
browser session), ``role``, ``mode``, ``page``, ``filters`` (language, measure, area, month),
``export`` and ``file`` (downloads), ``snapshot`` (the published data shown).

``who`` is HMAC-SHA-256 over the identity provider's issuer and subject, keyed with a secret
from the environment (``ROMA_AUDIT_KEY``), written with the letters ``a``–``p`` only, so it
can never look like a personal code, and the same person gets the same pseudonym as long as
the key is kept. Names, e-mail addresses and personal codes are never written: the subject
itself is not stored, and any value shaped like a personal code is replaced before writing.

Nothing here imports Streamlit or the dashboard. The files are read with DuckDB's
``read_json``: ``access_summary`` counts for the data-quality page, ``read_access_audit`` is
for any other reader (a notebook, an export for the data protection officer, the tests).
"""

from __future__ import annotations

import fcntl
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from hashlib import sha256
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from roma_monitor.privacy.personal_codes import contains_personal_code

ANONYMOUS = "anonymous"
EVENTS = ("view", "download", "denied")
FILE_PREFIX = "access-"
FILE_SUFFIX = ".jsonl"
REDACTED = "[redacted]"  # the whole value: a URL parameter is short
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
PSEUDONYM_CHARS = 24  # 96 bits


def pseudonym(key: bytes, issuer: str, subject: str) -> str:
    """The keyed pseudonym of one sign-in identity (issuer + subject): letters only."""
    if not key:
        raise ValueError("an audit key is needed to pseudonymise a sign-in")
    message = f"{issuer}\n{subject}".encode()
    digest = hmac.new(key, message, sha256).hexdigest()[:PSEUDONYM_CHARS]
    return f"u-{digest.translate(_LETTERS)}"


def session_tag() -> str:
    """A random tag for one browser session (letters only), to group its views."""
    return f"s-{secrets.token_hex(6).translate(_LETTERS)}"


@dataclass(frozen=True)
class AccessEvent:
    """One line of the access audit (see the module docstring)."""

    event: str
    who: str
    session: str
    role: str | None
    mode: str
    page: str | None = None
    filters: Mapping[str, str | None] = field(default_factory=dict)
    export: str | None = None
    file: str | None = None
    snapshot: str | None = None

    def record(self, at: datetime) -> dict[str, Any]:
        if self.event not in EVENTS:
            raise ValueError(f"unknown audit event {self.event!r}")
        return _scrub({"at": at.astimezone(UTC).isoformat(), **asdict(self)})


def _scrub(value: Any) -> Any:
    """Replace every string shaped like a personal code (at any depth) before writing."""
    if isinstance(value, str):
        return REDACTED if contains_personal_code(value) else value
    if isinstance(value, Mapping):
        return {str(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def append(directory: Path, event: AccessEvent, at: datetime | None = None) -> Path:
    """Append ``event`` to this month's file (created owner+group readable). Raises OSError
    when the audit cannot be written: the caller must then not show the data."""
    at = at or datetime.now(UTC)
    line = (json.dumps(event.record(at), ensure_ascii=False, sort_keys=True) + "\n").encode()
    directory.mkdir(parents=True, exist_ok=True, mode=0o750)
    path = directory / f"{FILE_PREFIX}{at.astimezone(UTC):%Y-%m}{FILE_SUFFIX}"
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
    try:  # closing the descriptor releases the lock
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        size = os.fstat(descriptor).st_size
        if size and os.pread(descriptor, 1, size - 1) != b"\n":
            line = b"\n" + line  # a line torn by a crash stays alone, unreadable
        os.write(descriptor, line)
    finally:
        os.close(descriptor)
    return path


def _month_files(directory: Path, since: date) -> list[str]:
    first = f"{FILE_PREFIX}{since:%Y-%m}{FILE_SUFFIX}"
    files = sorted(directory.glob(f"{FILE_PREFIX}????-??{FILE_SUFFIX}"))  # none: no directory
    return [str(f) for f in files if f.name >= first]


# The records of the month files ``$files`` from ``$since`` on, the filters flattened. A line cut
# short by a crash mid-write (or any line that is not an object) reads as nulls and is left out.
_RECORDS = """
    select
        "at", event, who, session, role, mode, page,
        filters.lang as lang, filters.measure as measure, filters.region as region,
        filters.period as period, export, file, snapshot
    from read_json($files, format = 'newline_delimited', ignore_errors = true, columns = {
        "at": 'TIMESTAMPTZ', event: 'VARCHAR', who: 'VARCHAR', session: 'VARCHAR',
        role: 'VARCHAR', mode: 'VARCHAR', page: 'VARCHAR', export: 'VARCHAR', file: 'VARCHAR',
        snapshot: 'VARCHAR',
        filters: 'STRUCT(lang VARCHAR, measure VARCHAR, region VARCHAR, period VARCHAR)'
    })
    where "at" >= $since
"""
_DAILY = f"""
    select
        timezone('Europe/Riga', "at")::date as day,
        coalesce(role, '{ANONYMOUS}') as role,
        count(*) filter (where event = 'view') as views,
        count(*) filter (where event = 'download') as downloads,
        count(*) filter (where event = 'denied') as denied,
        count(distinct who) as people
    from ({_RECORDS})
    group by all
    order by day desc, role
"""
_DOWNLOADS = f"""
    select "at", coalesce(role, '{ANONYMOUS}') as role, page, export, file, snapshot
    from ({_RECORDS})
    where event = 'download'
    order by "at" desc
"""


def _query(sql: str, directory: Path | str, since: date | datetime | None) -> pd.DataFrame:
    """``sql`` over the audit under ``directory`` from ``since`` on (a day: from 00:00 UTC; a
    naive time is UTC), with ``at`` as aware UTC timestamps."""
    if not isinstance(since, datetime):
        since = datetime.combine(since or date.min, time())
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    files = _month_files(Path(directory), since.astimezone(UTC).date())
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        # no file yet: the empty device reads as no records, with the columns
        return con.execute(sql, {"files": files or [os.devnull], "since": since}).df()


def read_access_audit(directory: Path | str, since: date | datetime | None = None) -> pd.DataFrame:
    """The access audit under ``directory``, a row per record, the filters flattened into
    ``lang``, ``measure``, ``region``, ``period``; oldest first, from ``since`` on; a missing
    text is None."""
    frame = _query(f'{_RECORDS} order by "at"', directory, since)
    texts = dict.fromkeys(frame.columns.drop("at"), object)
    return frame.astype(texts).where(frame.notna(), None)


def access_summary(
    directory: Path | str, since: date | datetime | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For the data-quality page: per day (Riga time) and role, the page views, downloads,
    refusals and distinct people (pseudonyms), newest day first; and every download, newest
    first (when, role, page, export, file, snapshot). No role is counted as anonymous."""
    return _query(_DAILY, directory, since), _query(_DOWNLOADS, directory, since)


CLI_MODE = "cli"


def record_cli_download(
    command: str, export: str, filters: Mapping[str, str | None], snapshot: str
) -> Path:
    """Record figures written by the command line (``roma-monitor internal-kpis``) as a
    ``download`` by the Ministry: ``who`` is the keyed pseudonym of the operating-system
    account on this host, ``page`` the command. Raises (ValueError without an audit key,
    OSError when the audit cannot be written): the caller must then not write the figures."""
    import getpass
    import socket

    from roma_monitor.settings import auth_settings

    settings = auth_settings()
    who = pseudonym(
        settings.audit_key or b"", f"{CLI_MODE}:{socket.gethostname()}", getpass.getuser()
    )
    event = AccessEvent(
        event="download",
        who=who,
        session=session_tag(),
        role="ministry",
        mode=CLI_MODE,
        page=command,
        filters=dict(filters),
        export=export,
        file=f"{command}.{export}",
        snapshot=snapshot,
    )
    return append(settings.audit_dir, event)
