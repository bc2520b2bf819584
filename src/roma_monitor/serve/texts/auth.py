"""UI strings of sign-in, roles and the data banners (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        "auth.sign_in_title": "Pieslēgšanās",
        "auth.sign_in_intro": (
            "Romu platformas monitorings ir pieejams Kultūras ministrijai, Romu integrācijas "
            "politikas konsultatīvajai padomei un datu inženieriem. Pieslēdzieties ar savu "
            "darba kontu."
        ),
        "auth.sign_in": "Pieslēgties",
        "auth.sign_out": "Atslēgties",
        "auth.signed_in_as": "Pieslēdzies · loma: {role}",
        "auth.public_view": "Publiskais skats (bez pieslēgšanās): tikai publicējamie dati.",
        "auth.no_access_title": "Nav piekļuves",
        "auth.no_access": (
            "Paldies, ka pieslēdzāties. Jūsu kontam vēl nav piešķirta loma šajā pārskatā, "
            "tāpēc dati netiek rādīti. Ja jums piekļuve ir nepieciešama, lūdzu, sazinieties "
            "ar pārskata pārzini Kultūras ministrijā."
        ),
        "auth.not_configured": (
            "Pieslēgšanās nav iestatīta: trūkst OpenID Connect iestatījumu ([auth]) vai "
            "piekļuves žurnāla atslēgas (ROMA_AUDIT_KEY). Dati netiek rādīti. Skatīt "
            "docs/access.md."
        ),
        "auth.unknown_mode": (
            "Nezināms piekļuves režīms ROMA_AUTH={mode} (atļauts: {modes}). Dati netiek rādīti."
        ),
        "auth.audit_failed": (
            "Piekļuves žurnālu nevar ierakstīt, tāpēc dati netiek rādīti. Lūdzu, ziņojiet datu "
            "inženieriem."
        ),
        "auth.role.ministry": "Kultūras ministrija",
        "auth.role.council": "Konsultatīvā padome",
        "auth.role.engineer": "Datu inženieris",
        "auth.internal_banner": (
            "Iekšēji dati — satur precīzus mēneša romu skaitus (nenoapaļotus, bez slēptām "
            "šūnām), nav publicēšanai."
        ),
        "auth.internal_missing": (
            "Iekšējie dati vēl nav publicēti: rādīti publiskie dati (romu skaiti noapaļoti, "
            "dažas šūnas nav publicētas)."
        ),
    },
    "en": {
        "auth.sign_in_title": "Sign in",
        "auth.sign_in_intro": (
            "The Roma Platform Monitor is open to the Ministry of Culture, the Roma Integration "
            "Policy Consultative Council and the data engineers. Sign in with your work account."
        ),
        "auth.sign_in": "Sign in",
        "auth.sign_out": "Sign out",
        "auth.signed_in_as": "Signed in · role: {role}",
        "auth.public_view": "Public view (no sign-in): publishable data only.",
        "auth.no_access_title": "No access",
        "auth.no_access": (
            "Thank you for signing in. Your account has no role in this dashboard yet, so no "
            "data is shown. If you need access, please contact the dashboard's administrator "
            "at the Ministry of Culture."
        ),
        "auth.not_configured": (
            "Sign-in is not set up: the OpenID Connect settings ([auth]) or the access audit key "
            "(ROMA_AUDIT_KEY) are missing. No data is shown. See docs/access.md."
        ),
        "auth.unknown_mode": (
            "Unknown access mode ROMA_AUTH={mode} (allowed: {modes}). No data is shown."
        ),
        "auth.audit_failed": (
            "The access audit cannot be written, so no data is shown. Please tell the data "
            "engineers."
        ),
        "auth.role.ministry": "Ministry of Culture",
        "auth.role.council": "Consultative Council",
        "auth.role.engineer": "Data engineer",
        "auth.internal_banner": (
            "Internal — contains exact monthly Roma counts (not rounded, no cell withheld), "
            "not for publication."
        ),
        "auth.internal_missing": (
            "The internal data has not been published yet: public figures are shown (Roma "
            "counts rounded, some cells withheld)."
        ),
    },
}
