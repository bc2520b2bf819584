"""The landing folder, supplier-proof: which entries of `landing/<source>/` are extracts, which are
ignored, which are refused without ever being opened, and the references that name them outside
this process.

What an agency can leave in its landing folder, and what happens to it:

- a regular file: an extract, for the gate (`pipeline.validate_extract`); a corrected file may
  wait beside the original under a resend name (`SIF_9144_202008.r2.csv`,
  `contracts.base.split_resend`), and files are handled original first, then by sending;
- a sub-folder, a hidden file (`.…`), an Excel lock file (`~$…`), a file still uploading
  (`….partial`, `.tmp`, `.part`, `.crdownload`): ignored, left where it is;
- a symbolic link, to a file or a folder, or dangling: refused, rule `landing.symlink`;
- a FIFO, a socket or a device: refused, rule `landing.special_file`.

An entry is judged by `os.lstat` alone: it is never opened (opening a FIFO blocks the reader)
and a link is never followed (its target lies outside the archive: it must never be read,
changed or moved, nor a rebuild depend on it). A refused entry gets a report, Markdown and JSON,
in `quarantine/<source>/`, a `rejected` row in the load audit whose `sha256` is `NOT_READ` (the
empty string: the content was never read), and is removed from the landing folder: the link or
the FIFO itself is unlinked, a link's target stays as it was. Then the task that met it fails,
naming the report (`pipeline.ExtractRejected`).

The landing folder `landing/<source>/` must itself be a real folder in the landing root, not a
link to a folder elsewhere (`UnsafeLandingFolder`); a reference outside it is not validated, and
nothing outside it is touched (`NotInLanding`).

References
----------
Airflow stores what the sensor returns (XCom) and the arguments of each mapped `validate` task in
its metadata database, so a file name holding a personal code must never be passed on.
`pipeline.find_new_extracts` returns one reference per entry:

- `<folder>/<name>`: the path itself, when the name holds nothing shaped like a personal code
  (`shown_name(name) == name`: nothing redacted, every character printable UTF-8);
- `<folder>/<shown name>#<digest>` otherwise: `shown_name(name)`, `#`, and the first 16 hex
  characters of HMAC-SHA-256 of the real name (`os.fsencode`) under the data home's reference key
  (`<home>/.landing-reference-key`, 32 random bytes made on first use). The digest is keyed:
  a plain hash of a name whose only unknown is an 11-digit code could be reversed by trying
  every code. A lost key only makes the references of the run under way unresolvable; the next
  run makes new ones.

`resolve_reference` finds the entry again by listing the folder (never logging the real name); a
path given as such is accepted too. Everything this module logs, raises or writes names an entry
by `shown_name`: redacted, and printable.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import stat
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from roma_monitor.contracts.base import split_resend
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.ingest.load import ValidationSummary, record_rejection
from roma_monitor.privacy.personal_codes import redact_name
from roma_monitor.settings import Paths

log = logging.getLogger(__name__)

IGNORED_PREFIXES = (".", "~$")  # hidden files; Excel's lock files
IGNORED_SUFFIXES = (".partial", ".tmp", ".part", ".crdownload")  # still uploading

RULE_SYMLINK = "landing.symlink"
RULE_SPECIAL_FILE = "landing.special_file"
STAGE = "landing"
WHAT_TO_DO = "Send the file itself, not a link."
WHAT_TO_DO_LV = "Nosūtiet pašu failu, nevis saiti uz to."
NOT_READ = ""  # the audit's sha256 of a refused entry: its content was never read
CHECKS_RUN = 1  # what a refusal ran: the look at the entry's kind

REFERENCE_KEY_FILE = ".landing-reference-key"
REFERENCE_KEY_BYTES = 32
DIGEST_CHARS = 16
REFERENCE_MARK = "#"
MAX_REPORT_NAME_BYTES = 150  # with the stamp and `.report.json`, under the 255 bytes of a name

# What an entry is, from its lstat mode.
EXTRACT = "extract"
FOLDER = "folder"
SYMLINK = "symlink"
SPECIAL = "special"
RULE_OF_KIND = {SYMLINK: RULE_SYMLINK, SPECIAL: RULE_SPECIAL_FILE}


class UnsafeLandingFolder(RuntimeError):
    """`landing/<source>/` is a link, or not a folder of the landing root: nothing in it is read."""


class NotInLanding(ValueError):
    """A reference that names nothing in the source's landing folder; nothing was touched."""


@dataclass(frozen=True)
class Refusal:
    """Why an entry is refused before it is opened."""

    rule: str
    explanation: str
    explanation_lv: str = ""  # the same in Latvian

    def summary(self, name: str) -> str:
        """As the gate words a rejection."""
        return f"REJECTED {name} (not read: removed from landing): 1 rule(s) failed: {self.rule}"


# --- names -----------------------------------------------------------------------------------


def is_ignored_name(name: str) -> bool:
    """Hidden files, Excel's lock files and files still uploading are left alone."""
    return name.startswith(IGNORED_PREFIXES) or name.endswith(IGNORED_SUFFIXES)


def shown_name(name: str) -> str:
    """A name as it may be logged, raised or written: redacted, with anything unprintable (a
    line break, bytes that are not UTF-8) shown as `?`."""
    return "".join(c if c.isprintable() else "?" for c in redact_name(name))


# --- the folder and its entries --------------------------------------------------------------


def landing_folder(paths: Paths, source: str) -> Path | None:
    """The source's landing folder, or None when there is none yet. Raises UnsafeLandingFolder
    when it is a link (its entries would live elsewhere) or not a folder of the landing root."""
    folder = paths.landing_for(source)
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
        raise UnsafeLandingFolder(
            f"landing/{source} is not a folder but a {'link' if stat.S_ISLNK(mode) else 'file'}: "
            "nothing in it is read. Make it a real folder inside the landing folder."
        )
    if Path(os.path.realpath(folder)) != Path(os.path.realpath(paths.landing)) / source:
        raise UnsafeLandingFolder(f"landing/{source} lies outside the landing folder")
    return folder


def kind_of(entry: Path) -> str:
    """EXTRACT, FOLDER, SYMLINK or SPECIAL, from the entry itself (lstat: never opened, never
    followed)."""
    mode = os.lstat(entry).st_mode
    if stat.S_ISLNK(mode):
        return SYMLINK
    if stat.S_ISREG(mode):
        return EXTRACT
    return FOLDER if stat.S_ISDIR(mode) else SPECIAL


def sending_order(name: str) -> tuple[str, int, str]:
    """Names in the order they are handled: by original name, then by sending, so an original
    is loaded before its resends (`….csv`, `….r2.csv`, …, `….r10.csv`) and each resend
    supersedes the one before."""
    original, sending = split_resend(name)
    return original, sending, name


def waiting_entries(folder: Path) -> list[tuple[Path, str]]:
    """The entries of the folder the pipeline handles, in `sending_order`, with their kinds:
    files, and links and special files (to be refused), but neither ignored names nor
    sub-folders."""
    entries = []
    for name in sorted(os.listdir(folder), key=sending_order):
        if is_ignored_name(name):
            continue
        try:
            kind = kind_of(folder / name)
        except FileNotFoundError:
            continue  # removed while listing
        if kind != FOLDER:
            entries.append((folder / name, kind))
    return entries


def refusal_of(entry: Path) -> Refusal | None:
    """Why the entry is refused unread, or None for a regular file."""
    kind = kind_of(entry)
    name = shown_name(entry.name)
    if kind == SYMLINK:
        return Refusal(
            RULE_SYMLINK,
            f"'{name}' is a symbolic link (a shortcut to a file elsewhere), not a file. The "
            "pipeline does not follow links: nothing was read, the link was removed from the "
            f"landing folder, and what it points to was not touched. {WHAT_TO_DO}",
            f"'{name}' ir simboliskā saite (īsceļš uz failu citur), nevis fails. Sistēma saitēm "
            "neseko: nekas netika nolasīts, saite tika izņemta no saņemšanas mapes, un tas, uz "
            f"ko tā norāda, netika aizskarts. {WHAT_TO_DO_LV}",
        )
    if kind == SPECIAL:
        return Refusal(
            RULE_SPECIAL_FILE,
            f"'{name}' is not a file but a {_special_kind(entry)}. It was not opened, and was "
            f"removed from the landing folder. {WHAT_TO_DO}",
            f"'{name}' nav fails, bet {_special_kind(entry, 'lv')}. Tas netika atvērts un tika "
            f"izņemts no saņemšanas mapes. {WHAT_TO_DO_LV}",
        )
    return None


def _special_kind(entry: Path, lang: str = "en") -> str:
    mode = os.lstat(entry).st_mode
    lv = lang == "lv"
    if stat.S_ISFIFO(mode):
        return "nosaukts kanāls (FIFO)" if lv else "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "sokets" if lv else "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "ierīce" if lv else "device"
    return "speciāls fails" if lv else "special file"


# --- references ------------------------------------------------------------------------------


def reference_key(paths: Paths) -> bytes:
    """The data home's key for reference digests, made on first use (the first writer wins)."""
    path = paths.home / REFERENCE_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(f"{path.name}.{uuid.uuid4().hex}.partial")
        descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(REFERENCE_KEY_BYTES))
        try:
            os.link(fresh, path)  # atomic, never replaces a key another process made
        except FileExistsError:
            pass
        finally:
            fresh.unlink()
    return path.read_bytes()


def reference_name(name: str, key: bytes) -> str:
    """The last part of a reference: the name itself, or, when it holds something shaped like a
    personal code, the redacted name and a keyed digest of the name."""
    shown = shown_name(name)
    if shown == name:
        return name
    digest = hmac.new(key, os.fsencode(name), hashlib.sha256).hexdigest()[:DIGEST_CHARS]
    return f"{shown}{REFERENCE_MARK}{digest}"


def reference_for(entry: Path, key: bytes) -> str:
    """What names the entry outside this process (never a personal code)."""
    return str(entry.parent / reference_name(entry.name, key))


def reference_of(entry: Path, paths: Paths) -> str:
    """`reference_for` with the data home's key (read, or made, only when a name needs it)."""
    if shown_name(entry.name) == entry.name:
        return str(entry)
    return reference_for(entry, reference_key(paths))


def resolve_reference(reference: str, source: str, paths: Paths) -> Path:
    """The entry of `landing/<source>/` a reference (or a path) names. Raises NotInLanding for
    anything outside that folder, FileNotFoundError when the entry is gone."""
    folder = landing_folder(paths, source)
    named = Path(reference)
    if (
        folder is None
        or named.name in ("", ".", "..")
        or os.path.realpath(named.parent) != os.path.realpath(folder)
    ):
        raise NotInLanding(
            f"{shown_name(named.name)} is not in landing/{source}/: only files the agency left "
            "there are validated, and nothing else is touched"
        )
    if os.path.lexists(folder / named.name):
        return folder / named.name
    matches = []
    if REFERENCE_MARK in named.name:
        key = reference_key(paths)
        matches = [
            folder / name for name in os.listdir(folder) if reference_name(name, key) == named.name
        ]
    if len(matches) != 1:
        raise FileNotFoundError(
            f"{shown_name(named.name)} is no longer in landing/{source}/ "
            "(handled by an earlier run, or sent again under another name)"
        )
    return matches[0]


def waiting_references(source: str, paths: Paths) -> list[str]:
    """References to the entries waiting in the source's landing folder (see the module's
    docstring); those to be refused are logged, by their redacted names."""
    folder = landing_folder(paths, source)
    if folder is None:
        return []
    entries = waiting_entries(folder)
    if not entries:
        return []
    for entry, kind in entries:
        if kind in RULE_OF_KIND:
            log.warning(
                "%s: %s will be refused (%s)", source, shown_name(entry.name), RULE_OF_KIND[kind]
            )
    log.info("%s: %d entries waiting in the landing folder", source, len(entries))
    return [reference_of(entry, paths) for entry, _ in entries]


# --- refusing an entry -----------------------------------------------------------------------


def refuse(entry: Path, refusal: Refusal, source: str, paths: Paths) -> Path:
    """Report the refused entry, record it in the load audit, and remove it from landing (the
    entry itself: a link's target is not touched). Returns the Markdown report's path."""
    name = shown_name(entry.name)
    report_md = write_refusal_report(name, refusal, source, paths)
    contract = contract_for_file(source, entry.name)
    record_rejection(
        paths,
        source=source,
        dataset=contract.dataset if contract else None,
        period=contract.period_of_file(entry.name) if contract else None,
        file_name=name,
        sha256=NOT_READ,
        rows=None,
        message=refusal.summary(name),
        report_path=report_md,
        validation=ValidationSummary(
            CHECKS_RUN,
            refusal_markdown(name, refusal, source),
            refusal_markdown(name, refusal, source, "lv"),
            ({"rule": refusal.rule, "column_name": None, "failed_rows": None, "first_rows": []},),
        ),
    )
    remove_entry(entry)
    log.warning("%s: %s", source, refusal.summary(name))
    return report_md


def remove_entry(entry: Path) -> None:
    """Unlink the entry itself (a link, a FIFO, a socket): never what a link points to."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(entry)


def refusal_markdown(name: str, refusal: Refusal, source: str, lang: str = "en") -> str:
    if lang == "lv":
        return "\n".join(
            [
                f"# Saņemšanas pārskats: {name}",
                "",
                f"- Avots: `{source}`",
                "- Lēmums: **noraidīts** pirms nolasīšanas: nekas no tā netika ielādēts",
                f"- Noteikums: `{refusal.rule}`",
                "",
                refusal.explanation_lv or refusal.explanation,
                "",
                f"**Kas jādara:** {WHAT_TO_DO_LV[0].lower()}{WHAT_TO_DO_LV[1:]}",
                "",
            ]
        )
    return "\n".join(
        [
            f"# Landing report: {name}",
            "",
            f"- Source: `{source}`",
            "- Verdict: **rejected** before it was read: nothing of it was loaded",
            f"- Rule: `{refusal.rule}`",
            "",
            refusal.explanation,
            "",
            f"**What to do:** {WHAT_TO_DO[0].lower()}{WHAT_TO_DO[1:]}",
            "",
        ]
    )


def refusal_record(name: str, refusal: Refusal, source: str, checked_at: str) -> dict:
    """The JSON report: the keys of the gate's report (`ValidationReport.to_dict`), and
    `what_to_do`."""
    return {
        "source": source,
        "dataset": None,
        "file_name": name,
        "sha256": NOT_READ,
        "checked_at": checked_at,
        "rows": None,
        "encoding": None,
        "failures": [
            {
                "rule": refusal.rule,
                "explanation": refusal.explanation,
                "explanation_lv": refusal.explanation_lv,
                "stage": STAGE,
                "column": None,
                "failing_rows": None,
                "rows": [],
                "examples": [],
            }
        ],
        "checks_run": CHECKS_RUN,
        "unscannable": False,
        "disposition": "removed",
        "passed": False,
        "discard_reason": None,
        "what_to_do": WHAT_TO_DO,
    }


def write_refusal_report(name: str, refusal: Refusal, source: str, paths: Paths) -> Path:
    """`quarantine/<source>/<stamp>__<name>.report.md` and `.report.json`; the Markdown's path."""
    now = datetime.now(UTC)
    folder = paths.quarantine / source
    folder.mkdir(parents=True, exist_ok=True)
    short = name.encode("utf-8")[:MAX_REPORT_NAME_BYTES].decode("utf-8", "ignore")
    stem = folder / f"{now:%Y%m%dT%H%M%SZ}__{short}"
    markdown = stem.with_name(stem.name + ".report.md")
    markdown.write_text(  # Latvian first, the English below (as the gate's reports)
        refusal_markdown(name, refusal, source, "lv")
        + "\n---\n\n"
        + refusal_markdown(name, refusal, source),
        encoding="utf-8",
    )
    record = refusal_record(name, refusal, source, now.isoformat(timespec="seconds"))
    stem.with_name(stem.name + ".report.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return markdown
