"""PII stripping (CONTRACT section 6): contact columns dropped or hashed, free text masked.

A column holds contact details when its name, split into words on anything but letters and
digits ('Email Address' -> email, address), names an email, a phone, a person's first, last,
full or given name, or a contact person. Free text gets email addresses, phone numbers and
personal URLs replaced by `[email]`, `[phone]` and `[url]`.

What counts as a phone number: 7 to 15 digits written with separators (space, dot, dash,
brackets) or a leading `+`, or a bare run of 10 to 15 digits right after a word like "call",
"phone" or "tel". Not a phone: dates (2026-03-14, 14.03.2026, 03/14/2026), amounts with thousands
separators (1,234,567.89, 1 234 567, 1.234.567), year ranges (2019-2023), IP addresses, ids
without separators. A personal URL is a profile page of a person (LinkedIn /in/, social profiles,
/~name, /users/name, /@name, wa.me, calendly); company pages and plain websites are kept.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

# Words that make a column a contact column wherever they appear in its name ...
_CONTACT_WORDS = frozenset({"email", "emails", "phone", "phones", "telephone", "tel", "fax", "whatsapp", "surname"})
_CONTACT_WORDS |= {"emailaddress", "phonenumber", "mobilephone", "cellphone", "firstname", "lastname", "fullname"}
_CONTACT_WORDS |= {"givenname", "familyname", "contactname", "contactperson", "middlename"}
# ... words that do only alone or beside a phone word ('mobile' yes, 'mobile_app_installs' no) ...
_WEAK_WORDS = frozenset({"mobile", "cell", "mail", "contact", "contacts", "person"})
_WEAK_PARTNERS = frozenset({"no", "nr", "number", "num", "phone", "address", "addr", "e", "person", "info", "details"})
# ... and 'name' after one of these.
_NAME_QUALIFIERS = frozenset({"first", "last", "full", "given", "family", "middle", "contact", "person", "maiden"})
# Facts about contact details rather than the details: 'email_opt_in', 'phone_verified', 'email_domain'.
_FACT_WORDS = frozenset({"count", "counts", "verified", "opt", "optin", "in", "opened", "bounced", "sent", "type"})
_FACT_WORDS |= {"domain", "status", "valid", "consent", "clicks", "opens"}

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w.@/-])(?:[\w-]+\.)*(?:linkedin\.com|facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|"
    r"tiktok\.com|threads\.net|about\.me|calendly\.com|wa\.me|t\.me|linktr\.ee|keybase\.io)/[^\s<>\"']+",
    re.IGNORECASE,
)
_PERSONAL_HOSTS = re.compile(
    r"^(?:[\w-]+\.)*(?:facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|threads\.net|"
    r"about\.me|calendly\.com|wa\.me|t\.me|linktr\.ee|keybase\.io)$"
)
_PERSONAL_PATH = re.compile(r"^/(?:in|pub|u|user|users|profile|profiles|people|member|members)/[^/?#]|/[@~][^/]")
_COMPANY_PATH = re.compile(r"^/(?:company|companies|school|showcase|pages|groups|events|business|hashtag|jobs)(?:/|$)")
_PHONE_CANDIDATE = re.compile(r"(?<![\w.,/:-])\+?\(?\d[\d\s().\-]{5,}\d\)?(?![\w/:]|[.,]\d)")
_BARE_DIGITS = re.compile(
    r"\b(call|phone|tel|mobile|cell|whatsapp|sms|text|dial|reach|ring)\b[\w\s:.#-]{0,12}?(?<!\d)(\+?\d{10,15})(?!\d)",
    re.IGNORECASE,
)
_NOT_PHONE = (
    re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[ T]\d{1,2})?"),  # ISO and year-first dates
    re.compile(r"\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})"),  # day-first or month-first dates
    re.compile(r"\d{1,3}(?:([ .,])\d{3})(?:\1\d{3})*(?:(?!\1)[.,]\d+)?"),  # 1 234 567 / 1.234.567,89
    re.compile(r"(?:19|20)\d\d\s?-\s?(?:19|20)\d\d"),  # year ranges
    re.compile(r"\d{1,3}(?:\.\d{1,3}){3}"),  # IPv4 addresses
    re.compile(r"\d+[.,]\d+"),  # decimal numbers: 1234567.89, 52.520008
)
_MAYBE_PII = re.compile(r"[\d@/]|www\.", re.IGNORECASE)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", name.strip().lower()) if w]


def is_contact_column(name: str) -> bool:
    """True when the column name says it holds a person's contact details."""
    words = _words(name)
    if not words or words[-1] in _FACT_WORDS:
        return False
    if "".join(words) in _CONTACT_WORDS or any(w in _CONTACT_WORDS for w in words):
        return True
    if any(w in _WEAK_WORDS for w in words) and all(w in _WEAK_WORDS or w in _WEAK_PARTNERS for w in words):
        return True
    return any(w == "name" and i > 0 and words[i - 1] in _NAME_QUALIFIERS for i, w in enumerate(words))


def _personal_url(url: str) -> bool:
    bare = re.sub(r"^(?:https?://)?", "", url, flags=re.IGNORECASE)
    host, _, path = bare.partition("/")
    host, path = host.lower().removeprefix("www."), "/" + path
    if host.endswith("linkedin.com"):
        return bool(_PERSONAL_PATH.search(path))
    if _PERSONAL_HOSTS.match(host):
        return path.strip("/") != "" and not _COMPANY_PATH.match(path)
    return bool(_PERSONAL_PATH.search(path))


def _mask_urls(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        url = match.group(0).rstrip(".,;:!?)]}")
        if not _personal_url(url):
            return match.group(0)
        count += 1
        return "[url]" + match.group(0)[len(url) :]

    return _URL.sub(replace, text), count


def _looks_like_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if digits < 7 or digits > 15:
        return False
    core = candidate.strip("()+ ")
    if any(pattern.fullmatch(core) for pattern in _NOT_PHONE):
        return False
    # Plain numbers (amounts, years, ids) have no separators; phone numbers do or start with +.
    return candidate.startswith("+") or any(sep in candidate for sep in " -.()")


def _mask_phones(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if _looks_like_phone(match.group(0)):
            count += 1
            return "[phone]"
        return match.group(0)

    def replace_bare(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        start = match.start(2) - match.start(0)
        return match.group(0)[:start] + "[phone]"

    text = _PHONE_CANDIDATE.sub(replace, text)
    return _BARE_DIGITS.sub(replace_bare, text), count


@dataclass
class MaskCounts:
    email: int = 0
    phone: int = 0
    url: int = 0

    @property
    def total(self) -> int:
        return self.email + self.phone + self.url

    def add(self, other: MaskCounts) -> None:
        self.email += other.email
        self.phone += other.phone
        self.url += other.url


def scrub_text(text: str) -> tuple[str, MaskCounts]:
    """Replace emails, personal URLs and phone numbers by [email], [url], [phone]."""
    counts = MaskCounts()
    if not text or not _MAYBE_PII.search(text):
        return text, counts
    text, counts.email = EMAIL.subn("[email]", text)
    text, counts.url = _mask_urls(text)
    text, counts.phone = _mask_phones(text)
    return text, counts


def salted_hash(value: str) -> str:
    """A stable pseudonym for a contact value needed as a key (set ICP_PII_SALT in production)."""
    salt = os.environ.get("ICP_PII_SALT", "fitboard-default-salt")
    return "h_" + hashlib.sha256((salt + "\x00" + value.strip().lower()).encode()).hexdigest()[:24]


@dataclass
class PrivacyReport:
    """What an import will drop, hash and mask, shown before anything is written."""

    dropped_columns: list[str] = field(default_factory=list)
    hashed_columns: list[str] = field(default_factory=list)
    masked: dict[str, MaskCounts] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"column '{c}' dropped (contact details)" for c in self.dropped_columns]
        out += [f"column '{c}' replaced by a salted hash (contact details used as a key)" for c in self.hashed_columns]
        for column, counts in self.masked.items():
            if counts.total:
                out.append(
                    f"column '{column}': {counts.email} email(s), {counts.phone} phone number(s), "
                    f"{counts.url} personal URL(s) masked"
                )
        return out
