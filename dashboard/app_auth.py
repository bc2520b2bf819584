"""Who may see what: sign-in, roles, the pages of each role, and the access audit.

Modes (``ROMA_AUTH``, see docs/access.md and ``roma_monitor.settings.auth_settings``):

- ``public`` (the default when nothing is configured): no sign-in; everyone sees what the
  council sees — the suppressed, publishable figures — and never the data-quality page.
- ``oidc``: sign-in with Streamlit's built-in OpenID Connect (``st.login``; the ``[auth]``
  secrets come from the environment, never from the repository). The role comes from a claim
  of the ID token (``ROMA_OIDC_ROLES_CLAIM``, default ``roles``) mapped by configuration; a
  signed-in user without a known role gets a polite "no access" page and no data.

Any other value of ``ROMA_AUTH``, or ``oidc`` without its secrets or the audit key, shows an
error and no data (fail closed).

Roles: ``ministry`` (every page; reads the unsuppressed internal snapshot, see app_data),
``engineer`` (the council's pages and data quality), ``council`` (overview, measure, regions,
platform, methodology). A page a role may not see is not registered with ``st.navigation`` at
all, so its URL leads nowhere.

A link opened before sign-in survives it: Streamlit's OIDC callback always lands on the app's
root, so the sign-in page keeps the link's page and filters in a short-lived cookie of this site
(``RETURN_COOKIE``, no personal data), and the first run after sign-in that lands there opens
that page with those filters (``follow_link_from_before_sign_in``) and deletes the cookie.

Every page view (once per page and filters) and every download is appended to the access audit
(``roma_monitor.serve.access_audit``) before anything is shown or served; when the audit cannot
be written, nothing is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import streamlit as st

from roma_monitor.serve import access_audit as audit
from roma_monitor.serve.i18n import t
from roma_monitor.settings import (
    AUTH_MODES,
    AUTH_OIDC,
    AUTH_PUBLIC,
    ROLES,
    AuthSettings,
    auth_settings,
)

COUNCIL_PAGES = frozenset({"overview", "measure", "regions", "platform", "methodology"})
ROLE_PAGES: dict[str, frozenset[str]] = {
    "council": COUNCIL_PAGES,
    "engineer": COUNCIL_PAGES | {"quality"},
    "ministry": COUNCIL_PAGES | {"quality"},
}
INTERNAL_DATA_ROLES = frozenset({"ministry"})
# Snapshot kinds beyond the public ones, and the roles that may open them.
RESTRICTED_KINDS: dict[str, frozenset[str]] = {"engineering": frozenset({"engineer"})}

ACCESS_STATE = "_access"
SESSION_STATE = "_audit_session"
LAST_EVENT_STATE = "_audit_last_event"
VIEW_STATE = "_audit_view"
RETURN_STATE = "_return_link"
LANDING_STATE = "_landing"
RETURN_COOKIE = "roma_return"
RETURN_MAX_AGE_S = 15 * 60  # long enough for a sign-in, short enough not to surprise later


@dataclass(frozen=True)
class Access:
    """What this session may do. ``role`` None: nothing (``problem`` says why, an i18n key,
    unless the user simply has not signed in yet)."""

    mode: str
    role: str | None = None
    who: str = audit.ANONYMOUS
    signed_in: bool = False
    problem: str | None = None

    @property
    def pages(self) -> frozenset[str]:
        return ROLE_PAGES.get(self.role or "", frozenset())

    @property
    def reads_internal(self) -> bool:
        return self.role in INTERNAL_DATA_ROLES

    def may_open(self, kind: str) -> bool:
        """Whether this session may read the published snapshot ``kind``."""
        return self.role in RESTRICTED_KINDS.get(kind, frozenset(ROLES))


# --- roles from claims ---------------------------------------------------------------------------


def role_from_claims(claims: Mapping[str, Any], settings: AuthSettings) -> str | None:
    """The most privileged role (ministry, engineer, council) any value of the roles claim
    grants, or None. The claim is a list (Entra ID ``roles``, Keycloak groups) or one string
    with values separated by spaces or commas."""
    value = claims.get(settings.roles_claim)
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    values = {str(v) for v in value} if isinstance(value, list | tuple) else set()
    return next((role for role in ROLES if values & settings.role_values[role]), None)


def _auth_secrets_configured() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists() and st.secrets.get("auth"))
    except Exception:  # an unreadable secrets file counts as not configured
        return False


def resolve_access(settings: AuthSettings) -> Access:
    """This session's access from the settings and ``st.user``."""
    if settings.mode not in AUTH_MODES:
        return Access(mode=settings.mode, problem="auth.unknown_mode")
    if settings.mode == AUTH_PUBLIC:
        return Access(mode=AUTH_PUBLIC, role="council")
    user = st.user.to_dict()
    signed_in = bool(user.get("is_logged_in"))
    if settings.audit_key is None or not (signed_in or _auth_secrets_configured()):
        return Access(mode=AUTH_OIDC, signed_in=signed_in, problem="auth.not_configured")
    if not signed_in:
        return Access(mode=AUTH_OIDC)
    who = audit.pseudonym(settings.audit_key, str(user.get("iss", "")), str(user.get("sub", "")))
    role = role_from_claims(user, settings)
    return Access(mode=AUTH_OIDC, role=role, who=who, signed_in=True)


def current_access() -> Access:
    """The access ``require_access`` resolved for this run (none before it)."""
    access = st.session_state.get(ACCESS_STATE)
    return access if isinstance(access, Access) else Access(mode=AUTH_PUBLIC)


# --- the link opened before sign-in --------------------------------------------------------------


@dataclass(frozen=True)
class ReturnLink:
    """The page (its URL path, ``""`` for the default page) and filters of a link."""

    page: str
    query: dict[str, str] = field(default_factory=dict)


def return_link(raw: Any, params: Iterable[str], base_path: str = "") -> ReturnLink | None:
    """The link kept in ``RETURN_COOKIE`` (URL-encoded ``/path?query``): the page is the last
    segment of the path under ``base_path``, the query keeps only ``params`` (one value each).
    None for anything else, so the cookie can never send a reader off this app."""
    if not isinstance(raw, str) or not raw:
        return None
    parts = urlsplit(unquote(raw))
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = parts.path.strip("/")
    base = base_path.strip("/")
    if base:
        if path != base and not path.startswith(f"{base}/"):
            return None
        path = path[len(base) :].strip("/")
    if "/" in path:
        return None
    allowed = set(params)
    query = {k: v for k, v in parse_qsl(parts.query) if k in allowed}
    return ReturnLink(page=path, query=query)


def _remember_link(params: Iterable[str]) -> None:
    """Keep this page's path and filters in ``RETURN_COOKIE`` for the run after sign-in. The
    path comes from the browser (before sign-in no page is registered, so Streamlit does not
    know it); the query from the filters this run resolved."""
    allowed = set(params)
    query = urlencode({k: v for k, v in st.query_params.to_dict().items() if k in allowed})
    path_and_query = f"window.location.pathname + {json.dumps(f'?{query}')}"
    _set_cookie(f"encodeURIComponent({path_and_query})", RETURN_MAX_AGE_S)


def _set_cookie(value_js: str, max_age: int) -> None:
    """Set ``RETURN_COOKIE`` in the browser to the JavaScript expression ``value_js``."""
    cookie = f"; Path=/; Max-Age={max_age}; SameSite=Lax"
    st.html(
        f"<script>document.cookie = '{RETURN_COOKIE}=' + {value_js} + '{cookie}';</script>",
        unsafe_allow_javascript=True,
    )


def note_landing() -> None:
    """In a session's first run, before the filters write the URL: whether it opened the bare
    root, where the OIDC callback lands. Any other address is the reader's own choice, and it
    wins over a remembered link."""
    if LANDING_STATE not in st.session_state:
        st.session_state[LANDING_STATE] = not st.query_params.to_dict()


def follow_link_from_before_sign_in(
    pages: Mapping[str, Any], current: Any, params: Iterable[str]
) -> None:
    """Call right after ``st.navigation`` with the registered pages by URL path (``""``: the
    default) and the page it chose. In the first run of a signed-in session that landed on the
    bare root and carries ``RETURN_COOKIE``, switch to the link's page (the first one when
    this role has no such page) with its filters. The cookie is deleted in that session, so
    the link is followed once."""
    state = st.session_state.get(RETURN_STATE)
    if state == "done" or current_access().mode != AUTH_OIDC:
        return
    raw = st.context.cookies.get(RETURN_COOKIE)
    landed = state is None and st.session_state.get(LANDING_STATE) and current is pages.get("")
    base_path = str(st.get_option("server.baseUrlPath") or "")
    link = return_link(raw, params, base_path) if landed else None
    if link is None:
        # no link to follow, or its page is drawn already ("followed"): the cookie is done
        if isinstance(raw, str):
            _set_cookie("''", 0)  # deleted
        st.session_state[RETURN_STATE] = "done"
        return
    st.session_state[RETURN_STATE] = "followed"
    target = pages.get(link.page) or next(iter(pages.values()))
    st.switch_page(target, query_params=link.query)


# --- the gate ------------------------------------------------------------------------------------


def _event(access: Access, event: str, **details: Any) -> audit.AccessEvent:
    if SESSION_STATE not in st.session_state:
        st.session_state[SESSION_STATE] = audit.session_tag()
    return audit.AccessEvent(
        event=event,
        who=access.who,
        session=st.session_state[SESSION_STATE],
        role=access.role,
        mode=access.mode,
        **details,
    )


def _record(settings: AuthSettings, access: Access, lang: str, key: tuple, **details: Any) -> None:
    """Append the event ``key[0]`` to the access audit, unless it is this session's last event
    again (same ``key``: a rerun that changes nothing is not a new one); when the audit cannot
    be written, show why and stop."""
    if st.session_state.get(LAST_EVENT_STATE) == key:
        return
    try:
        audit.append(settings.audit_dir, _event(access, key[0], **details))
    except OSError:
        st.error(t("auth.audit_failed", lang), icon=":material/error:")
        st.stop()
    st.session_state[LAST_EVENT_STATE] = key


def _sign_in_page(access: Access, lang: str, link_params: Iterable[str]) -> None:
    st.title(t("auth.sign_in_title", lang))
    if access.problem:
        st.error(t(access.problem, lang, mode=access.mode, modes=", ".join(AUTH_MODES)))
        return
    st.write(t("auth.sign_in_intro", lang))
    _remember_link(link_params)
    if st.button(t("auth.sign_in", lang), type="primary", icon=":material/login:"):
        st.login()


def _no_access_page(settings: AuthSettings, access: Access, lang: str) -> None:
    _record(settings, access, lang, ("denied",))
    st.title(t("auth.no_access_title", lang))
    st.info(t("auth.no_access", lang), icon=":material/lock:")
    if st.button(t("auth.sign_out", lang), icon=":material/logout:"):
        st.logout()


def require_access(lang: str, link_params: Iterable[str] = ()) -> Access:
    """Resolve who this is. Without a role, draw the sign-in, "no access" or error page and
    stop the run; otherwise remember the access for app_data and return it. ``link_params``:
    the query parameters a link opened before sign-in keeps through it."""
    settings = auth_settings()
    access = resolve_access(settings)
    st.session_state[ACCESS_STATE] = access
    if access.role is not None:
        return access
    if access.signed_in and access.problem is None:
        _no_access_page(settings, access, lang)
    else:
        _sign_in_page(access, lang, link_params)
    st.stop()


def render_identity(access: Access, lang: str) -> None:
    """In the sidebar: the role (never the name or e-mail) and the sign-out button."""
    with st.sidebar:
        if access.mode == AUTH_PUBLIC:
            st.caption(t("auth.public_view", lang))
            return
        st.caption(t("auth.signed_in_as", lang, role=t(f"auth.role.{access.role}", lang)))
        if st.button(t("auth.sign_out", lang), icon=":material/logout:", key="auth_sign_out"):
            st.logout()


# --- the access audit ----------------------------------------------------------------------------


def record_view(page: str, lang: str, filters: Any, snapshot: str | None) -> None:
    """Record a page view with the filters it was drawn with (app_ui.Filters), once per page,
    filters and snapshot within a session (a rerun that changes nothing is not a new view).
    Stops the run when the audit cannot be written."""
    period = getattr(filters, "period", None)
    recorded = {
        "lang": lang,
        "measure": getattr(filters, "measure", None),
        "region": getattr(filters, "region", None),
        "period": f"{period:%Y-%m}" if isinstance(period, date) else None,
    }
    view = {"page": page, "filters": recorded, "snapshot": snapshot}
    st.session_state[VIEW_STATE] = view
    key = ("view", page, tuple(view["filters"].items()), snapshot)
    _record(auth_settings(), current_access(), lang, key, **view)


def audited(
    data: bytes | Callable[[], bytes],
    export: str,
    file_name: str,
    snapshot: str | None = None,
) -> Callable[[], bytes]:
    """Wrap a download's data so that serving it first appends a ``download`` event (who,
    role, page, filters, export kind, file). Call it while the page is drawn; Streamlit calls
    the result on a worker thread when the button is pressed, where session state is out of
    reach, so everything the record needs is captured now. ``snapshot``: the data it is
    built from, when not the page's (the PDF report is always public)."""
    view = {"page": None, "filters": {}, "snapshot": None, **st.session_state.get(VIEW_STATE, {})}
    view["snapshot"] = snapshot or view["snapshot"]
    entry = _event(current_access(), "download", export=export, file=file_name, **view)
    directory = auth_settings().audit_dir

    def serve() -> bytes:
        audit.append(directory, entry)  # raises: no record, no file
        return data() if callable(data) else data

    return serve
